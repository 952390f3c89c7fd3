// Mistake: ∂output/∂wⱼ taken as σ′(z), without the factor xⱼ.
// Diagnosis: the factor xⱼ is missing
// REPLACE: for (dw, x) in zip(deltaWeights, input) { change += slope * x * dw }
// WITH:    for dw in deltaWeights { change += slope * dw }

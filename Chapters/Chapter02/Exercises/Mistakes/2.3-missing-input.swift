// Mistake: ∂output/∂wⱼ taken as σ′(z), without the factor xⱼ.
// Diagnosis: the factor xⱼ is missing
var z = bias
for (w, x) in zip(weights, input) { z += w * x }
let slope = Activation.sigmoid.derivative(z)
var change = slope * deltaBias
for dw in deltaWeights { change += slope * dw }
return change

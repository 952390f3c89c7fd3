// Mistake: BP2 passes δ down through the weights but forgets the hidden layer's σ′(zˡ).
// Diagnosis: BP2 without σ′(zˡ)
// REPLACE: if l > 0 { delta = (weights[l].transposed * delta) ⊙ sigmaPrime(zs[l - 1]) }
// WITH:    if l > 0 { delta = weights[l].transposed * delta }

// Mistake: the output error of the cross-entropy cost, used with the quadratic one.
// Diagnosis: σ′(zᴸ) is missing
// REPLACE: (outputs - targets) ⊙ Activation.sigmoid.derivative(weightedInputs)
// WITH:    outputs - targets

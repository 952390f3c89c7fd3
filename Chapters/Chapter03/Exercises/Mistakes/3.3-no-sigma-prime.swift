// Mistake: the error passed back through the weights only.
// Diagnosis: σ′(zˡ) is missing
// REPLACE: (weightsAbove.transposed * deltaAbove) ⊙ Activation.sigmoid.derivative(weightedInputs)
// WITH:    weightsAbove.transposed * deltaAbove

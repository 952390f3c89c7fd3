// Mistake: the error passed back through the weights only.
// Diagnosis: σ′(zˡ) is missing
weightsAbove.transposed * deltaAbove

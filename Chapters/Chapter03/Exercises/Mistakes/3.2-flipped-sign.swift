// Mistake: y − a instead of a − y (the gradient of the cost points the other way).
// Diagnosis: the sign is flipped
// REPLACE: (outputs - targets) ⊙ Activation.sigmoid.derivative(weightedInputs)
// WITH:    (targets - outputs) ⊙ Activation.sigmoid.derivative(weightedInputs)

// Mistake: y − a instead of a − y (the gradient of the cost points the other way).
// Diagnosis: the sign is flipped
(targets - outputs) ⊙ Activation.sigmoid.derivative(weightedInputs)

// Mistake: y − a instead of a − y.
// Diagnosis: the sign is flipped
// REPLACE: Softmax.apply(z) - y
// WITH:    y - Softmax.apply(z)

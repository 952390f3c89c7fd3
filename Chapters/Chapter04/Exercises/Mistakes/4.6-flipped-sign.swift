// Mistake: y − a instead of a − y.
// Diagnosis: the sign is flipped
y - Softmax.apply(z)

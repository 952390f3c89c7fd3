// Mistake: the per-example gradients summed over the mini-batch instead of averaged.
// Diagnosis: 1/m
return (weights: delta * activationsBelow.transposed, biases: delta.rowSums())

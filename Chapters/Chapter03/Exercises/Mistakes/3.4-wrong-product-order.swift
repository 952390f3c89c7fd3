// Mistake: aˡ⁻¹ δᵀ instead of δ (aˡ⁻¹)ᵀ: the transpose of ∂C/∂wˡ.
// Diagnosis: transposed
// REPLACE: return (weights: delta * activationsBelow.transposed / m, biases: delta.rowSums() / m)
// WITH:    return (weights: activationsBelow * delta.transposed / m, biases: delta.rowSums() / m)

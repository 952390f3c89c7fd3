// Mistake: aˡ⁻¹ δᵀ instead of δ (aˡ⁻¹)ᵀ: the transpose of ∂C/∂wˡ.
// Diagnosis: transposed
let m = Double(delta.columns)
return (weights: activationsBelow * delta.transposed / m, biases: delta.rowSums() / m)

// Mistake: Wᵀ hₜ₋₁ in place of W hₜ₋₁ (the shapes fit, since W is square).
// Diagnosis: Wᵀ hₜ₋₁ was used
// REPLACE: Activation.tanh.value((U * x + W * hPrevious).addingToEachColumn(b))
// WITH:    Activation.tanh.value((U * x + W.transposed * hPrevious).addingToEachColumn(b))

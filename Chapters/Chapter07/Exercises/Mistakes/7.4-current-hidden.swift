// Mistake: ∂L/∂W accumulated with the state the step produced, hₜ, instead of the one W read, hₜ₋₁.
// Diagnosis: not δₜ hₜᵀ
// REPLACE: gradients.dW += delta * h[t].transposed
// WITH:    gradients.dW += delta * h[t + 1].transposed

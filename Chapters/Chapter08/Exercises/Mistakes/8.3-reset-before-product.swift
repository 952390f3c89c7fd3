// Mistake: the original GRU of Cho et al., the reset gate applied to hₜ₋₁ before the product.
// Diagnosis: the reset gate was applied before the product
// REPLACE: let n = Activation.tanh.value(block(p, 2, of: 3) + r ⊙ block(q, 2, of: 3))
// WITH:    let n = Activation.tanh.value(block(p, 2, of: 3) + block(W, 2, of: 3) * (r ⊙ hPrevious))

// Mistake: the original GRU of Cho et al., the reset gate applied to hₜ₋₁ before the product.
// Diagnosis: the reset gate was applied before the product
let p = (U * x).addingToEachColumn(b)
let q = W * hPrevious
let z = Activation.sigmoid.value(block(p, 0, of: 3) + block(q, 0, of: 3))
let r = Activation.sigmoid.value(block(p, 1, of: 3) + block(q, 1, of: 3))
let n = Activation.tanh.value(block(p, 2, of: 3) + block(W, 2, of: 3) * (r ⊙ hPrevious))
return z.map { 1 - $0 } ⊙ hPrevious + z ⊙ n

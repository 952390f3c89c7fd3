// Mistake: the update gate on the old state, as PyTorch writes it — the opposite of Eq. 8.11.
// Diagnosis: the roles of zₜ and 1 − zₜ are swapped
let p = (U * x).addingToEachColumn(b)
let q = W * hPrevious
let z = Activation.sigmoid.value(block(p, 0, of: 3) + block(q, 0, of: 3))
let r = Activation.sigmoid.value(block(p, 1, of: 3) + block(q, 1, of: 3))
let n = Activation.tanh.value(block(p, 2, of: 3) + r ⊙ block(q, 2, of: 3))
return z ⊙ hPrevious + z.map { 1 - $0 } ⊙ n

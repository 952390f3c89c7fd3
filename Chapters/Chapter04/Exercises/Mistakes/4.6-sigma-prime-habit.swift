// Mistake: BP1 of the quadratic cost carried over, with a(1 − a) as if it were σ′.
// Diagnosis: as if BP1 still had a σ′ factor
let a = Softmax.apply(z)
return (a - y) ⊙ a.map { $0 * (1 - $0) }

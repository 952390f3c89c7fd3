// Mistake: the quadratic cost's ∇ₐC.
// Diagnosis: that is ∇ₐC of the quadratic cost
// REPLACE: a.zipWith(y) { a, y in (a - y) / (a * (1 - a)) }
// WITH:    a - y

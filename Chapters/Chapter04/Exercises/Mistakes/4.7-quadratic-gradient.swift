// Mistake: the quadratic cost's ∇ₐC.
// Diagnosis: that is ∇ₐC of the quadratic cost
a - y

// Mistake: W multiplied T − t times, as if tanh′ were always 1.
// Diagnosis: the factor diag(1 − hₖ²) (tanh′) is missing
var product = Matrix.identity(W.rows)
for _ in hiddens { product = W * product }
return product

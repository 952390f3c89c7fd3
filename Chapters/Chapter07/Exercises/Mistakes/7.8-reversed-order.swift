// Mistake: each new Jacobian multiplied on the right, giving J_{t+1} ⋯ J_T.
// Diagnosis: the Jacobians are multiplied in the wrong order
var product = Matrix.identity(W.rows)
for h in hiddens {
    let jacobian = Matrix(rows: W.rows, columns: W.columns) { i, j in (1 - h[i, 0] * h[i, 0]) * W[i, j] }
    product = product * jacobian
}
return product

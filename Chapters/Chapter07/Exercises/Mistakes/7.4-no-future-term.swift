// Mistake: each step's δ from its own output only, as if hₜ fed nothing but oₜ.
// Diagnosis: the term Wᵀδₜ₊₁ is missing
let vocabulary = U.columns
let x = inputs.map { Matrix.oneHot([$0], classes: vocabulary) }
var h = [Matrix.zeros(W.rows, 1)]
var outputErrors: [Matrix] = []
for t in inputs.indices {
    h.append(Activation.tanh.value(U * x[t] + W * h[t] + b))
    var error = Softmax.apply(V * h[t + 1] + c)
    error[targets[t], 0] -= 1
    outputErrors.append(error)
}
var gradients = RecurrentGradients(
    dU: Matrix.zeros(U.rows, U.columns), dW: Matrix.zeros(W.rows, W.columns), db: Matrix.zeros(b.rows, 1),
    dV: Matrix.zeros(V.rows, V.columns), dc: Matrix.zeros(c.rows, 1))
for t in inputs.indices.reversed() {
    let dHidden = V.transposed * outputErrors[t]
    let delta = dHidden ⊙ h[t + 1].map { 1 - $0 * $0 }
    gradients.dU += delta * x[t].transposed
    gradients.dW += delta * h[t].transposed
    gradients.db += delta
    gradients.dV += outputErrors[t] * h[t + 1].transposed
    gradients.dc += outputErrors[t]
}
return gradients

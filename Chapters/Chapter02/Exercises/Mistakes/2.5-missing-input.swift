// Mistake: ∂C/∂w computed like ∂C/∂b, without the factor x.
// Diagnosis: the factor xᵢ is missing
var dw = 0.0
var db = 0.0
for (x, y) in zip(xs, ys) {
    let z = w * x + b
    let delta = (Activation.sigmoid.value(z) - y) * Activation.sigmoid.derivative(z)
    _ = x
    dw += delta
    db += delta
}
let n = Double(xs.count)
return (dw / n, db / n)

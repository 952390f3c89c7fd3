// Mistake: the chain rule stops at a: (a − y)x with no σ′(z).
// Diagnosis: σ′(z) is missing
var dw = 0.0
var db = 0.0
for (x, y) in zip(xs, ys) {
    let delta = Activation.sigmoid.value(w * x + b) - y
    dw += delta * x
    db += delta
}
let n = Double(xs.count)
return (dw / n, db / n)

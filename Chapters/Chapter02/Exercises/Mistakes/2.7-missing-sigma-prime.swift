// Mistake: the gradient (a − y)x of the cross-entropy cost, used with the quadratic one.
// Diagnosis: σ′(z) is missing
var path = [(w: w, b: b)]
var (w, b) = (w, b)
for _ in 0..<steps {
    let delta = Activation.sigmoid.value(w * x + b) - y
    w -= eta * delta * x
    b -= eta * delta
    path.append((w, b))
}
return path

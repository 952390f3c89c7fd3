// Mistake: the path holds the points after each step but not the start.
// Diagnosis: the path must begin with the starting point
var path: [(w: Double, b: Double)] = []
var (w, b) = (w, b)
for _ in 0..<steps {
    let z = w * x + b
    let delta = (Activation.sigmoid.value(z) - y) * Activation.sigmoid.derivative(z)
    w -= eta * delta * x
    b -= eta * delta
    path.append((w, b))
}
return path

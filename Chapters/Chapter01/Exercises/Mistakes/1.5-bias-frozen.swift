// Mistake: the weights learn but the bias never moves, so the line always passes through the origin.
// Diagnosis: the bias is not updated
var w = weights
let b = bias
var mistakes = 0
for (x, y) in zip(points, labels) {
    var z = b
    for j in w.indices { z += w[j] * x[j] }
    let error = Double(y - (z > 0 ? 1 : 0))
    if error == 0 { continue }
    mistakes += 1
    for j in w.indices { w[j] += eta * error * x[j] }
}
return (w, b, mistakes)

// Mistake: all outputs of the pass computed first, with the starting weights (a batch update).
// Diagnosis: computed with the weights from its start
var w = weights
var b = bias
var mistakes = 0
for (x, y) in zip(points, labels) {
    var z = bias
    for j in weights.indices { z += weights[j] * x[j] }
    let error = Double(y - (z > 0 ? 1 : 0))
    if error == 0 { continue }
    mistakes += 1
    for j in w.indices { w[j] += eta * error * x[j] }
    b += eta * error
}
return (w, b, mistakes)

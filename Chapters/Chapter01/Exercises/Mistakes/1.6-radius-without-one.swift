// Mistake: R measured on the inputs x instead of the augmented x̃ = (x, 1).
// Diagnosis: R leaves out the constant input 1
let w = weights + [bias]
let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
var radius = 0.0
var margin = Double.infinity
for (point, label) in zip(points, labels) {
    let x = point + [1]
    radius = max(radius, point.reduce(0) { $0 + $1 * $1 }.squareRoot())
    let y = label == 1 ? 1.0 : -1.0
    margin = min(margin, y * zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } / norm)
}
return (radius, margin, (radius / margin) * (radius / margin))

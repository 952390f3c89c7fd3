// Mistake: γ is the smallest y±(w̃* · x̃) without dividing by ‖w̃*‖.
// Diagnosis: γ is not divided by ‖w̃*‖
let w = weights + [bias]
var radius = 0.0
var margin = Double.infinity
for (point, label) in zip(points, labels) {
    let x = point + [1]
    radius = max(radius, x.reduce(0) { $0 + $1 * $1 }.squareRoot())
    let y = label == 1 ? 1.0 : -1.0
    margin = min(margin, y * zip(w, x).reduce(0) { $0 + $1.0 * $1.1 })
}
return (radius, margin, (radius / margin) * (radius / margin))

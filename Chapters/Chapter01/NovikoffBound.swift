// Novikoff's theorem: on data separable with margin γ, the perceptron makes at most (R/γ)² mistakes.

import NeuralCore

/// The quantities of Eq. 1.4 for a dataset and a separator (w*, b*) that classifies it correctly.
///
/// The bias is folded into the weights by appending a constant input 1 to every x, so that the
/// theorem's homogeneous form applies: x̃ = (x, 1), w̃* = (w*, b*).
struct NovikoffBound {
    /// R = max ‖x̃ᵢ‖.
    var radius: Double
    /// γ = min over i of yᵢ (w̃*·x̃ᵢ) / ‖w̃*‖, with labels yᵢ ∈ {−1, +1}.
    var margin: Double

    /// Eq. 1.4 — the bound on the number of updates, (R/γ)².
    var maximumUpdates: Double { (radius / margin) * (radius / margin) }

    init(data: PointDataset, weights: [Double], bias: Double) {
        let augmentedWeights = weights + [bias]
        let weightNorm = augmentedWeights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var radius = 0.0
        var margin = Double.infinity
        for i in 0..<data.count {
            let x = data.point(i) + [1]
            let y = data.labels[i] == 1 ? 1.0 : -1.0
            radius = max(radius, x.reduce(0) { $0 + $1 * $1 }.squareRoot())
            let signedDistance = zip(augmentedWeights, x).reduce(0) { $0 + $1.0 * $1.1 } / weightNorm
            margin = min(margin, y * signedDistance)
        }
        precondition(margin > 0, "the separator does not classify every point correctly (margin \(margin))")
        self.radius = radius
        self.margin = margin
    }
}

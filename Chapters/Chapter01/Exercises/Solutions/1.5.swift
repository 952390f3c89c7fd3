// Exercise 1.5 — one pass of the perceptron rule over a dataset (Eq. 1.3).
// Notes: Chapters/Chapter01/README.md, §1.4–1.5. Check it with `swift run Workbook check 1.5`.

import ExerciseKit
import NeuralCore

/// One pass (epoch) of Rosenblatt's rule: visit the examples in the order given and apply Eq. 1.3
/// to each one in turn,
///
///     ŷ = 1 if w · x + b > 0, else 0        (Eq. 1.1, with the current w and b)
///     w ← w + η (y − ŷ) x,   b ← b + η (y − ŷ)
///
/// so that each example sees the weights left by the one before it. Count the mistakes (the
/// examples with ŷ ≠ y, which are exactly the updates). The checks repeat your pass from w = 0,
/// b = 0 until a pass makes no mistake.
///
/// - Parameters:
///   - weights: w at the start of the pass.
///   - bias: b at the start of the pass.
///   - points: the inputs x, one array per example.
///   - labels: their labels y, 0 or 1.
///   - eta: the learning rate η.
/// - Returns: w and b at the end of the pass, and the number of mistakes made during it.
func perceptronEpoch(weights: [Double], bias: Double, points: [[Double]], labels: [Int], eta: Double) throws -> (
    weights: [Double], bias: Double, mistakes: Int
) {
    // BEGIN SOLUTION
    var w = weights
    var b = bias
    var mistakes = 0
    for (x, y) in zip(points, labels) {
        var z = b
        for j in w.indices { z += w[j] * x[j] }
        let error = Double(y - (z > 0 ? 1 : 0))
        if error == 0 { continue }
        mistakes += 1
        for j in w.indices { w[j] += eta * error * x[j] }
        b += eta * error
    }
    return (w, b, mistakes)
    // END SOLUTION
}

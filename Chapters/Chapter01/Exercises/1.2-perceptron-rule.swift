// Exercise 1.2 — one step of the perceptron rule (Eq. 1.3). Notes: Chapters/Chapter01/README.md, §1.4.
// Check it with `swift run Workbook check 1.2`.

import ExerciseKit
import NeuralCore

/// Eq. 1.3, Rosenblatt's rule for one training example (x, y) with label y ∈ {0, 1}:
///
///     w ← w + η (y − ŷ) x,     b ← b + η (y − ŷ)
///
/// where ŷ is the perceptron's current output for x (Eq. 1.1: 1 if w · x + b > 0, else 0). A correct
/// output (ŷ = y) changes nothing; a wrong one moves the decision line towards x.
///
/// - Parameters:
///   - weights: w before the step.
///   - bias: b before the step.
///   - input: x.
///   - label: y, 0 or 1.
///   - eta: the learning rate η.
/// - Returns: w and b after the step.
func perceptronUpdate(weights: [Double], bias: Double, input: [Double], label: Int, eta: Double) throws -> (
    weights: [Double], bias: Double
) {
    throw NotDone("1.2")  // replace this line with your code
}

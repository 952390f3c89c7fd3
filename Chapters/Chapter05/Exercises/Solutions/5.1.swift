// Exercise 5.1 — the L2 update: weight decay (Eq. 5.2). Notes: Chapters/Chapter05/README.md, §5.2.
// Check it with `swift run Workbook check 5.1`.

import ExerciseKit
import NeuralCore

/// Eq. 5.2 — one gradient-descent step on a weight matrix under L2 regularization (Eq. 5.1,
/// C = C₀ + (λ/2n) Σ w²):
///
///     w → (1 − ηλ/n) w − η ∂C₀/∂w
///
/// Every weight is first shrunk by the same factor 1 − ηλ/n (weight decay), then moved against the
/// gradient of the unregularized cost C₀. Biases are not penalized; the checks apply your step to
/// the weights only.
///
/// - Parameters:
///   - w: the weights.
///   - gradient: ∂C₀/∂w, shaped like w.
///   - eta: the learning rate η.
///   - lambda: the regularization parameter λ.
///   - n: the size of the training set.
/// - Returns: the weights after the step.
func l2Step(weights w: Matrix, gradient: Matrix, eta: Double, lambda: Double, n: Int) throws -> Matrix {
    // BEGIN SOLUTION
    (1 - eta * lambda / Double(n)) * w - eta * gradient
    // END SOLUTION
}

// Exercise 5.2 — the L1 update: a fixed amount towards zero (Eq. 5.4). Notes:
// Chapters/Chapter05/README.md, §5.2. Check it with `swift run Workbook check 5.2`.

import ExerciseKit
import NeuralCore

/// Eq. 5.4 — one gradient-descent step on a weight matrix under L1 regularization (Eq. 5.3,
/// C = C₀ + (λ/n) Σ |w|):
///
///     w → w − (ηλ/n) sgn(w) − η ∂C₀/∂w
///
/// sgn(w) is +1 for w > 0, −1 for w < 0 and 0 for w = 0 (the convention of the notes and the core:
/// a weight that is exactly zero feels no penalty). So the penalty moves every non-zero weight the
/// same amount ηλ/n TOWARDS zero, whatever its size.
///
/// - Parameters:
///   - w: the weights.
///   - gradient: ∂C₀/∂w, shaped like w.
///   - eta: the learning rate η.
///   - lambda: the regularization parameter λ.
///   - n: the size of the training set.
/// - Returns: the weights after the step.
///
/// Useful: `w.map { … }` applies a function to every entry.
func l1Step(weights w: Matrix, gradient: Matrix, eta: Double, lambda: Double, n: Int) throws -> Matrix {
    // BEGIN SOLUTION
    w - (eta * lambda / Double(n)) * w.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } - eta * gradient
    // END SOLUTION
}

// Exercise 7.1 — one step of the recurrent network (Eq. 7.1). Notes: Chapters/Chapter07/README.md, §7.1.
// Check it with `swift run Workbook check 7.1`.

import ExerciseKit
import NeuralCore

/// Eq. 7.1, one time step for a batch of B sequences side by side (one column per sequence):
///
///     hₜ = tanh(U xₜ + W hₜ₋₁ + b)
///
/// - Parameters:
///   - U: the input weights, n × K (n hidden units, inputs of size K).
///   - W: the recurrent weights, n × n.
///   - b: the hidden biases, n × 1, the same for every sequence of the batch.
///   - x: xₜ, K × B (for characters each column is one-hot; here it may hold any numbers).
///   - hPrevious: hₜ₋₁, n × B.
/// - Returns: hₜ, n × B.
///
/// Useful: `*` is the matrix product, `m.addingToEachColumn(b)` adds the column b to every column
/// of m, and `Activation.tanh.value(m)` applies tanh to every entry.
func recurrentStep(U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix) throws -> Matrix {
    // BEGIN SOLUTION
    Activation.tanh.value((U * x + W * hPrevious).addingToEachColumn(b))
    // END SOLUTION
}

// Exercise 3.2 — BP1, the output error (Eq. 3.3). Notes: Chapters/Chapter03/README.md, §3.2.
// Check it with `swift run Workbook check 3.2`.

import ExerciseKit
import NeuralCore

/// Eq. 3.3 (BP1) for the quadratic cost C = ½‖y − aᴸ‖² and sigmoid outputs:
///
///     δᴸ = ∇ₐC ⊙ σ′(zᴸ) = (aᴸ − y) ⊙ σ′(zᴸ)
///
/// Each argument is a matrix with one column per example (a mini-batch of m examples side by
/// side), so δᴸ has the same shape: one column of output errors per example.
///
/// - Parameters:
///   - outputs: aᴸ, the network's outputs.
///   - targets: y, the desired outputs.
///   - weightedInputs: zᴸ, the weighted inputs of the output layer (aᴸ = σ(zᴸ)).
/// - Returns: δᴸ = ∂C/∂zᴸ.
///
/// Useful: `Activation.sigmoid.derivative(z)` is σ′ applied to every entry of a matrix, and `⊙`
/// multiplies two matrices entry by entry.
func outputError(outputs: Matrix, targets: Matrix, weightedInputs: Matrix) throws -> Matrix {
    // BEGIN SOLUTION
    (outputs - targets) ⊙ Activation.sigmoid.derivative(weightedInputs)
    // END SOLUTION
}

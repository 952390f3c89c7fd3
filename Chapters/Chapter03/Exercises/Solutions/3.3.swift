// Exercise 3.3 — BP2, the error one layer down (Eq. 3.4). Notes: Chapters/Chapter03/README.md, §3.2.
// Check it with `swift run Workbook check 3.3`.

import ExerciseKit
import NeuralCore

/// Eq. 3.4 (BP2) for a sigmoid layer:
///
///     δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
///
/// The error of the layer above, δˡ⁺¹, travels back through the weights wˡ⁺¹ that connect the two
/// layers, then through the slope σ′ of this layer's neurons. One column per example.
///
/// - Parameters:
///   - weightsAbove: wˡ⁺¹, of shape (neurons of layer l + 1) × (neurons of layer l).
///   - deltaAbove: δˡ⁺¹, one column per example.
///   - weightedInputs: zˡ of this layer, one column per example.
/// - Returns: δˡ = ∂C/∂zˡ, shaped like zˡ.
///
/// Useful: `m.transposed`, `*` (matrix product), `⊙` (entry by entry), `Activation.sigmoid.derivative`.
func hiddenError(weightsAbove: Matrix, deltaAbove: Matrix, weightedInputs: Matrix) throws -> Matrix {
    // BEGIN SOLUTION
    (weightsAbove.transposed * deltaAbove) ⊙ Activation.sigmoid.derivative(weightedInputs)
    // END SOLUTION
}

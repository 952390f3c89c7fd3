// Exercise 3.4 — BP3 and BP4 over a mini-batch (Eq. 3.5, 3.6, 3.7). Notes: Chapters/Chapter03/README.md.
// Check it with `swift run Workbook check 3.4`.

import ExerciseKit
import NeuralCore

/// The gradients of one layer's parameters from its error, averaged over a mini-batch of m
/// examples (Eq. 3.7):
///
///     ∂C/∂bˡ = (1/m) Σₓ δˡ(x)                       (BP3, Eq. 3.5)
///     ∂C/∂wˡ = (1/m) Σₓ δˡ(x) (aˡ⁻¹(x))ᵀ              (BP4, Eq. 3.6: ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ)
///
/// With the examples side by side as columns, the sum of outer products is one matrix product:
/// Δˡ (Aˡ⁻¹)ᵀ.
///
/// - Parameters:
///   - delta: δˡ, (neurons of layer l) × m.
///   - activationsBelow: aˡ⁻¹, (neurons of layer l − 1) × m.
/// - Returns: ∂C/∂wˡ, shaped like wˡ, and ∂C/∂bˡ, a column shaped like bˡ.
///
/// Useful: `m.transposed`, `*`, `m.rowSums()` (a column: the sum of each row), `/` by a number.
func parameterGradients(delta: Matrix, activationsBelow: Matrix) throws -> (weights: Matrix, biases: Matrix) {
    throw NotDone("3.4")  // replace this line with your code
}

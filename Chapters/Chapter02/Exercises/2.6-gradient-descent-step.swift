// Exercise 2.6 — one step of gradient descent (Eq. 2.10). Notes: Chapters/Chapter02/README.md, §2.4.
// Check it with `swift run Workbook check 2.6`.

import ExerciseKit
import NeuralCore

/// Eq. 2.10, one step of gradient descent on parameters v with learning rate η:
///
///     v ← v − η ∇C
///
/// To first order the step changes the cost by ΔC ≈ ∇C · Δv = −η ‖∇C‖² ≤ 0 (Eq. 2.11). Here v is
/// a list of matrices (for one neuron [w, b], for a network w¹, b¹, w², b², …) and ∇C the list of
/// their gradients, entry for entry in the same order and of the same shapes. The checks plug your
/// step into the core's `Network` and train it.
///
/// Useful: `a - b` subtracts matrices, `eta * m` scales one.
///
/// - Parameters:
///   - parameters: v, the parameter matrices before the step.
///   - gradients: ∇C, one gradient matrix per parameter.
///   - eta: the learning rate η.
/// - Returns: the parameter matrices after the step, in the same order.
func gradientDescentStep(parameters: [Matrix], gradients: [Matrix], eta: Double) throws -> [Matrix] {
    throw NotDone("2.6")  // replace this line with your code
}

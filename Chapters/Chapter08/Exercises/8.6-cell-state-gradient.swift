// Exercise 8.6 — the gradient along the cell state (Eq. 8.16). Notes: Chapters/Chapter08/README.md, §8.3.
// Check it with `swift run Workbook check 8.6`.

import ExerciseKit
import NeuralCore

/// Eq. 8.16 with the gates held fixed: from cₜ₋₁ to cₜ the only path is ⊙ fₜ (Eq. 8.3), so a loss
/// at the last step T reaches every earlier cell state through the product of the forget gates
/// in between:
///
///     ∂L_T/∂cₜ = (∏_{s=t+1}^{T} fₛ) ⊙ ∂L_T/∂c_T      (entry by entry, one product per unit)
///
/// - Parameters:
///   - forgetGates: f₁ … f_T, H × B each (`forgetGates[0]` is f₁).
///   - dcLast: ∂L_T/∂c_T, H × B.
/// - Returns: ∂L_T/∂c₀, ∂L_T/∂c₁, …, ∂L_T/∂c_T: T + 1 matrices, the last one `dcLast` itself.
func cellStateGradients(forgetGates: [Matrix], dcLast: Matrix) throws -> [Matrix] {
    throw NotDone("8.6")  // replace this line with your code
}

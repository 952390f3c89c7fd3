// Exercise 7.3 — one step of backpropagation through time (Eqs. 7.5 and 7.6). Notes:
// Chapters/Chapter07/README.md, §7.2. Check it with `swift run Workbook check 7.3`.

import ExerciseKit
import NeuralCore

/// What one backward step through Eq. 7.1 hands back.
struct StepGradients {
    /// δₜ = ∂L/∂(U xₜ + W hₜ₋₁ + b), n × B.
    var delta: Matrix
    /// This step's shares of ∂L/∂U (n × K), ∂L/∂W (n × n) and ∂L/∂b (n × 1).
    var dU: Matrix
    var dW: Matrix
    var db: Matrix
    /// ∂L/∂hₜ₋₁ = Wᵀ δₜ, n × B: what flows on to step t − 1.
    var dPrevious: Matrix
}

/// One step of BPTT backward through hₜ = tanh(U xₜ + W hₜ₋₁ + b), for a batch of B sequences:
///
///     δₜ = ∂L/∂hₜ ⊙ (1 − hₜ²)                                   (Eq. 7.5)
///     ∂L/∂U ← δₜ xₜᵀ,  ∂L/∂W ← δₜ hₜ₋₁ᵀ,  ∂L/∂b ← Σ_batch δₜ      (this step's terms of Eq. 7.6)
///     ∂L/∂hₜ₋₁ = Wᵀ δₜ                                          (the recursion of Eq. 7.5)
///
/// - Parameters:
///   - dHidden: ∂L/∂hₜ, n × B (from the output of step t and from step t + 1).
///   - hidden: hₜ, n × B (tanh′ at the weighted input is 1 − hₜ²).
///   - hPrevious: hₜ₋₁, n × B.
///   - x: xₜ, K × B.
///   - W: the recurrent weights, n × n.
///
/// Useful: `⊙` multiplies entry by entry, `m.map { 1 - $0 * $0 }`, `m.transposed`,
/// `m.rowSums()` (an n × 1 column of the sums of each row).
func recurrentBackwardStep(dHidden: Matrix, hidden: Matrix, hPrevious: Matrix, x: Matrix, W: Matrix) throws
    -> StepGradients
{
    throw NotDone("7.3")  // replace this line with your code
}

// Exercise 8.4 — one step of the GRU backward (Eq. 8.11). Notes: Chapters/Chapter08/README.md, §8.2.
// Check it with `swift run Workbook check 8.4`.

import ExerciseKit
import NeuralCore

/// Blocks stacked on top of each other, [a; b; …] (all with the same number of columns).
func stacked(_ blocks: [Matrix]) -> Matrix {
    Matrix(rows: blocks.reduce(0) { $0 + $1.rows }, columns: blocks[0].columns, elements: blocks.flatMap(\.elements))
}

/// What one GRU step hands back.
struct GRUStepGradients {
    /// δp = [δa_z; δa_r; δa_n], 3H × B: the gradient of pₜ = U xₜ + b (∂L/∂U += δp xₜᵀ, ∂L/∂b += Σ δp).
    var dp: Matrix
    /// δq = [δa_z; δa_r; δa_n ⊙ rₜ], 3H × B: the gradient of qₜ = W hₜ₋₁ (∂L/∂W += δq hₜ₋₁ᵀ).
    var dq: Matrix
    /// δhₜ₋₁ = Wᵀ δq + δhₜ ⊙ (1 − zₜ), H × B.
    var dhPrevious: Matrix
}

/// The backward pass of one GRU step (Eqs. 8.8–8.10 forward), given δhₜ = ∂L/∂hₜ:
///
///     δa_n = δhₜ ⊙ zₜ ⊙ (1 − nₜ²),   δa_z = δhₜ ⊙ (nₜ − hₜ₋₁) ⊙ zₜ(1 − zₜ),
///     δa_r = δa_n ⊙ q_n ⊙ rₜ(1 − rₜ),
///     δp = [δa_z; δa_r; δa_n],   δq = [δa_z; δa_r; δa_n ⊙ rₜ],
///     δhₜ₋₁ = Wᵀ δq + δhₜ ⊙ (1 − zₜ)                                     (Eq. 8.11)
///
/// - Parameters:
///   - dh: δhₜ, H × B.
///   - cache: what the forward step kept: `cache.gate(0)` (zₜ), `cache.gate(1)` (rₜ),
///     `cache.gate(2)` (nₜ), `cache.recurrentCandidate` (q_n) and `cache.previousHidden` (hₜ₋₁).
///   - W: the recurrent weights, 3H × H.
func gruBackwardStep(dh: Matrix, cache: GRUCell.StepCache, W: Matrix) throws -> GRUStepGradients {
    throw NotDone("8.4")  // replace this line with your code
}

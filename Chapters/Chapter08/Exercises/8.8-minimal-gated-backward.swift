// Exercise 8.8 — the minimal gated unit backward: one gate used twice (Eq. 8.15). Notes:
// Chapters/Chapter08/README.md, §8.2. Check it with `swift run Workbook check 8.8`.

import ExerciseKit
import NeuralCore

/// Rows k·H ..< (k+1)·H of a matrix that stacks `count` blocks of H rows each.
func block(_ m: Matrix, _ k: Int, of count: Int) -> Matrix {
    let n = m.rows / count
    return Matrix(rows: n, columns: m.columns) { i, j in m[k * n + i, j] }
}

/// Blocks stacked on top of each other, [a; b; …] (all with the same number of columns).
func stacked(_ blocks: [Matrix]) -> Matrix {
    Matrix(rows: blocks.reduce(0) { $0 + $1.rows }, columns: blocks[0].columns, elements: blocks.flatMap(\.elements))
}

/// What one step of the minimal gated unit hands back.
struct MinimalGatedStepGradients {
    /// δp = [δa_f; δa_n], 2H × B: the gradient of pₜ = U xₜ + b.
    var dp: Matrix
    /// δq = [δa_f; δa_n ⊙ fₜ], 2H × B: the gradient of qₜ = W hₜ₋₁.
    var dq: Matrix
    /// δhₜ₋₁ = Wᵀ δq + δhₜ ⊙ (1 − fₜ), H × B.
    var dhPrevious: Matrix
}

/// The backward pass of one step of the minimal gated unit. Forward (blocks f, n):
/// fₜ = σ(p_f + q_f) (Eq. 8.12), nₜ = tanh(p_n + fₜ ⊙ q_n) (Eq. 8.13),
/// hₜ = (1 − fₜ) ⊙ hₜ₋₁ + fₜ ⊙ nₜ (Eq. 8.14). The gate appears twice, so its gradient has two terms:
///
///     δa_n = δhₜ ⊙ fₜ ⊙ (1 − nₜ²)
///     δa_f = (δhₜ ⊙ (nₜ − hₜ₋₁) + δa_n ⊙ q_n) ⊙ fₜ(1 − fₜ)
///     δp = [δa_f; δa_n],   δq = [δa_f; δa_n ⊙ fₜ],   δhₜ₋₁ = Wᵀ δq + δhₜ ⊙ (1 − fₜ)     (Eq. 8.15)
///
/// - Parameters:
///   - dh: δhₜ, H × B.
///   - cache: `block(cache.gates, 0, of: 2)` is fₜ, `block(cache.gates, 1, of: 2)` is nₜ;
///     `cache.recurrentCandidate` is q_n and `cache.previousHidden` is hₜ₋₁.
///   - W: the recurrent weights, 2H × H.
func minimalGatedBackwardStep(dh: Matrix, cache: MinimalGatedCell.StepCache, W: Matrix) throws
    -> MinimalGatedStepGradients
{
    throw NotDone("8.8")  // replace this line with your code
}

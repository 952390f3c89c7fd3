// Exercise 8.2 — one step of the LSTM backward (Eqs. 8.5–8.7). Notes: Chapters/Chapter08/README.md, §8.2.
// Check it with `swift run Workbook check 8.2`.

import ExerciseKit
import NeuralCore

/// Blocks stacked on top of each other, [a; b; …] (all with the same number of columns): the
/// four H × B gradients δz_f, δz_i, δz_o, δz_g stack into the 4H × B δz.
func stacked(_ blocks: [Matrix]) -> Matrix {
    Matrix(rows: blocks.reduce(0) { $0 + $1.rows }, columns: blocks[0].columns, elements: blocks.flatMap(\.elements))
}

/// What one LSTM step hands back to the step before it and to the weights.
struct LSTMStepGradients {
    /// δz = [δz_f; δz_i; δz_o; δz_g], 4H × B: ∂L/∂W += δz hₜ₋₁ᵀ, ∂L/∂U += δz xₜᵀ, ∂L/∂b += Σ δz.
    var dz: Matrix
    /// δhₜ₋₁ = Wᵀ δz, H × B.
    var dhPrevious: Matrix
    /// δcₜ₋₁ = δĉₜ ⊙ fₜ, H × B.
    var dcPrevious: Matrix
}

/// The backward pass of one LSTM step, given δhₜ = ∂L/∂hₜ and δcₜ (the gradient reaching cₜ from
/// step t + 1):
///
///     δĉₜ = δcₜ + δhₜ ⊙ oₜ ⊙ (1 − tanh² cₜ),   δcₜ₋₁ = δĉₜ ⊙ fₜ                 (Eq. 8.5)
///     δz_f = δĉₜ ⊙ cₜ₋₁ ⊙ fₜ(1 − fₜ),   δz_i = δĉₜ ⊙ gₜ ⊙ iₜ(1 − iₜ),
///     δz_o = δhₜ ⊙ tanh cₜ ⊙ oₜ(1 − oₜ),   δz_g = δĉₜ ⊙ iₜ ⊙ (1 − gₜ²)             (Eq. 8.6)
///     δhₜ₋₁ = Wᵀ δz                                                          (Eq. 8.7)
///
/// - Parameters:
///   - dh: δhₜ, H × B.
///   - dc: δcₜ, H × B.
///   - cache: what the forward step kept: `cache.forget` (fₜ), `cache.inputGate` (iₜ),
///     `cache.output` (oₜ), `cache.candidate` (gₜ), `cache.tanhCell` (tanh cₜ),
///     `cache.previousCell` (cₜ₋₁), all H × B.
///   - W: the recurrent weights, 4H × H.
///
/// Useful: `⊙`, `m.map { 1 - $0 }`, `stacked([…])`, `W.transposed * dz`.
func lstmBackwardStep(dh: Matrix, dc: Matrix, cache: LSTMCell.StepCache, W: Matrix) throws -> LSTMStepGradients {
    // BEGIN SOLUTION
    let (f, i, o, g, tanhC) = (cache.forget, cache.inputGate, cache.output, cache.candidate, cache.tanhCell)
    let dcHat = dc + dh ⊙ o ⊙ (tanhC ⊙ tanhC).map { 1 - $0 }
    let dz = stacked([
        dcHat ⊙ cache.previousCell ⊙ f ⊙ f.map { 1 - $0 },
        dcHat ⊙ g ⊙ i ⊙ i.map { 1 - $0 },
        dh ⊙ tanhC ⊙ o ⊙ o.map { 1 - $0 },
        dcHat ⊙ i ⊙ (g ⊙ g).map { 1 - $0 },
    ])
    return LSTMStepGradients(dz: dz, dhPrevious: W.transposed * dz, dcPrevious: dcHat ⊙ f)
    // END SOLUTION
}

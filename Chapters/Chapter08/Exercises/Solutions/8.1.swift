// Exercise 8.1 — one step of the LSTM cell (Eqs. 8.1–8.4). Notes: Chapters/Chapter08/README.md, §8.1.
// Check it with `swift run Workbook check 8.1`.

import ExerciseKit
import NeuralCore

/// Rows k·H ..< (k+1)·H of a matrix that stacks `count` blocks of H rows each: block 0 of 4 of
/// the LSTM's 4H × B pre-activations is z_f, block 1 is z_i, block 2 is z_o, block 3 is z_g.
func block(_ m: Matrix, _ k: Int, of count: Int) -> Matrix {
    let n = m.rows / count
    return Matrix(rows: n, columns: m.columns) { i, j in m[k * n + i, j] }
}

/// One LSTM step for a batch of B sequences (one column per sequence):
///
///     zₜ = U xₜ + W hₜ₋₁ + b,  stacked in the blocks z_f, z_i, z_o, z_g   (Eq. 8.1)
///     fₜ = σ(z_f),  iₜ = σ(z_i),  oₜ = σ(z_o),  gₜ = tanh(z_g)            (Eq. 8.2)
///     cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ                                           (Eq. 8.3)
///     hₜ = oₜ ⊙ tanh(cₜ)                                                 (Eq. 8.4)
///
/// - Parameters:
///   - U: 4H × inputs, W: 4H × H, b: 4H × 1 (gate blocks in the order f, i, o, g).
///   - x: xₜ, inputs × B.
///   - hPrevious, cPrevious: hₜ₋₁ and cₜ₋₁, H × B.
/// - Returns: hₜ and cₜ, H × B each.
///
/// Useful: `block(z, 0, of: 4)` is z_f; `Activation.sigmoid.value(m)` and `Activation.tanh.value(m)`
/// act entry by entry, `⊙` multiplies entry by entry, `m.addingToEachColumn(b)`.
func lstmStep(U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix, cPrevious: Matrix) throws
    -> (h: Matrix, c: Matrix)
{
    // BEGIN SOLUTION
    let z = (U * x + W * hPrevious).addingToEachColumn(b)
    let f = Activation.sigmoid.value(block(z, 0, of: 4))
    let i = Activation.sigmoid.value(block(z, 1, of: 4))
    let o = Activation.sigmoid.value(block(z, 2, of: 4))
    let g = Activation.tanh.value(block(z, 3, of: 4))
    let c = f ⊙ cPrevious + i ⊙ g
    return (o ⊙ Activation.tanh.value(c), c)
    // END SOLUTION
}

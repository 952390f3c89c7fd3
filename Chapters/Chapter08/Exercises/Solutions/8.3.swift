// Exercise 8.3 — one step of the GRU (Eqs. 8.8–8.10). Notes: Chapters/Chapter08/README.md, §8.2.
// Check it with `swift run Workbook check 8.3`.

import ExerciseKit
import NeuralCore

/// Rows k·H ..< (k+1)·H of a matrix that stacks `count` blocks of H rows each: the GRU's blocks
/// are z (update, block 0), r (reset, block 1) and n (candidate, block 2).
func block(_ m: Matrix, _ k: Int, of count: Int) -> Matrix {
    let n = m.rows / count
    return Matrix(rows: n, columns: m.columns) { i, j in m[k * n + i, j] }
}

/// One GRU step for a batch of B sequences, with the reset gate applied after the recurrent
/// product. With pₜ = U xₜ + b and qₜ = W hₜ₋₁ (blocks z, r, n):
///
///     zₜ = σ(p_z + q_z),   rₜ = σ(p_r + q_r)          (Eq. 8.8)
///     nₜ = tanh(p_n + rₜ ⊙ q_n)                       (Eq. 8.9)
///     hₜ = (1 − zₜ) ⊙ hₜ₋₁ + zₜ ⊙ nₜ                  (Eq. 8.10)
///
/// - Parameters:
///   - U: 3H × inputs, W: 3H × H, b: 3H × 1 (blocks z, r, n).
///   - x: xₜ, inputs × B.
///   - hPrevious: hₜ₋₁, H × B.
/// - Returns: hₜ, H × B.
///
/// Useful: `block(p, 0, of: 3)` is p_z; `Activation.sigmoid.value`, `Activation.tanh.value`, `⊙`,
/// `m.map { 1 - $0 }`, `m.addingToEachColumn(b)`.
func gruStep(U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix) throws -> Matrix {
    // BEGIN SOLUTION
    let p = (U * x).addingToEachColumn(b)
    let q = W * hPrevious
    let z = Activation.sigmoid.value(block(p, 0, of: 3) + block(q, 0, of: 3))
    let r = Activation.sigmoid.value(block(p, 1, of: 3) + block(q, 1, of: 3))
    let n = Activation.tanh.value(block(p, 2, of: 3) + r ⊙ block(q, 2, of: 3))
    return z.map { 1 - $0 } ⊙ hPrevious + z ⊙ n
    // END SOLUTION
}

// Exercise 6.4 — the gradient of a convolution's input (Eq. 6.7). Notes:
// Chapters/Chapter06/README.md, §6.4. Check it with `swift run Workbook check 6.4`.

import ExerciseKit
import NeuralCore

/// Eq. 6.7 for one input map, one kernel and one example (stride 1, no padding): pixel x_pq fed
/// every output z_ij whose window covered it, through the kernel weight at the offset where it
/// sat, (m, n) = (p − i, q − j). Collecting those terms,
///
///     ∂C/∂x_pq = Σ_m Σ_n δ_{p−m, q−n} k_mn      (only the terms where δ_{p−m, q−n} exists)
///              = (pad_{F−1}(δ) ⋆ rot₁₈₀(k))_pq
///
/// a "full" correlation: δ padded with F_h − 1 rows and F_w − 1 columns of zeros on each side (so
/// that border pixels, used by few windows, are covered), correlated with the kernel turned by
/// 180°. Border pixels collect fewer terms than central ones.
///
/// - Parameters:
///   - delta: δ = ∂C/∂z, the error of the layer's outputs, OH × OW.
///   - k: the kernel, F_h × F_w (not necessarily square).
/// - Returns: ∂C/∂x, the shape of the input: (OH + F_h − 1) × (OW + F_w − 1).
func inputGradient(delta: Matrix, kernel k: Matrix) throws -> Matrix {
    // BEGIN SOLUTION
    Matrix(rows: delta.rows + k.rows - 1, columns: delta.columns + k.columns - 1) { p, q in
        var sum = 0.0
        for m in 0..<k.rows {
            for n in 0..<k.columns {
                let (i, j) = (p - m, q - n)
                if i >= 0 && i < delta.rows && j >= 0 && j < delta.columns { sum += delta[i, j] * k[m, n] }
            }
        }
        return sum
    }
    // END SOLUTION
}

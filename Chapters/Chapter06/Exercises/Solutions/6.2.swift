// Exercise 6.2 — a convolutional layer's forward pass on one map (Eq. 6.1). Notes:
// Chapters/Chapter06/README.md, §6.1. Check it with `swift run Workbook check 6.2`.

import ExerciseKit
import NeuralCore

/// Eq. 6.1, what a convolutional layer computes (and what CNNs call convolution, although it is
/// a cross-correlation): slide the kernel k over the input x and, at each position where it fits
/// inside x, sum the products of the kernel and the pixels under it, plus the bias:
///
///     z_ij = Σ_{m=0}^{F_h−1} Σ_{n=0}^{F_w−1} x_{i+m, j+n} k_mn + b
///
/// One input map, one kernel, stride 1, no padding ("valid"), so z has
/// (H − F_h + 1) × (W − F_w + 1) entries (Eq. 6.3). The kernel is NOT turned around: that would
/// be the mathematicians' convolution, Eq. 6.2.
///
/// - Parameters:
///   - x: the input map, H × W.
///   - k: the kernel, F_h × F_w (not necessarily square).
///   - b: the bias, added to every output.
/// - Returns: z, (H − F_h + 1) × (W − F_w + 1).
///
/// Useful: `Matrix(rows:columns:) { i, j in … }` builds a matrix from a formula for entry (i, j);
/// `x[i, j]` reads one entry; `x.rows`, `x.columns`.
func crossCorrelate(input x: Matrix, kernel k: Matrix, bias b: Double) throws -> Matrix {
    // BEGIN SOLUTION
    Matrix(rows: x.rows - k.rows + 1, columns: x.columns - k.columns + 1) { i, j in
        var sum = b
        for m in 0..<k.rows {
            for n in 0..<k.columns { sum += x[i + m, j + n] * k[m, n] }
        }
        return sum
    }
    // END SOLUTION
}

// Exercise 6.8 — im2col: a convolution as one matrix product (Eq. 6.5). Notes:
// Chapters/Chapter06/README.md, §6.3. Check it with `swift run Workbook check 6.8`.

import ExerciseKit
import NeuralCore

/// Eq. 6.5 for one image: copy each receptive field into a column of the patch matrix X_col, so
/// that with the kernels as the rows of W (C_out × C_in F_h F_w) the whole layer of Eq. 6.4 is
/// one product, Z = W X_col + b 1ᵀ.
///
/// X_col has one row per (input channel c, kernel row m, kernel column n), at row
/// (c·F_h + m)·F_w + n, and one column per output position (i, j), at column i·OW + j, both in
/// reading order. Its entry there is the pixel that kernel weight met at that position,
///
///     X_col[(c·F_h + m)·F_w + n, i·OW + j] = x_c[i·S + m − P, j·S + n − P]
///
/// and 0 where that pixel falls in the padding. OH and OW come from Eq. 6.3.
///
/// - Parameters:
///   - x: the image's C_in input maps, each H × W.
///   - kernelHeight: F_h.
///   - kernelWidth: F_w.
///   - stride: S.
///   - padding: P, zeros on each side.
/// - Returns: X_col, (C_in·F_h·F_w) × (OH·OW).
func patchMatrix(_ x: [Matrix], kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int) throws -> Matrix {
    // BEGIN SOLUTION
    let (h, w) = (x[0].rows, x[0].columns)
    let oh = (h - kernelHeight + 2 * padding) / stride + 1
    let ow = (w - kernelWidth + 2 * padding) / stride + 1
    var patches = Matrix(rows: x.count * kernelHeight * kernelWidth, columns: oh * ow)
    for c in 0..<x.count {
        for m in 0..<kernelHeight {
            for n in 0..<kernelWidth {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let (p, q) = (i * stride + m - padding, j * stride + n - padding)
                        if p >= 0 && p < h && q >= 0 && q < w {
                            patches[(c * kernelHeight + m) * kernelWidth + n, i * ow + j] = x[c][p, q]
                        }
                    }
                }
            }
        }
    }
    return patches
    // END SOLUTION
}

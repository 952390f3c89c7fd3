// Exercise 6.6 — the backward passes of max and average pooling (Eq. 6.10, Eq. 6.11). Notes:
// Chapters/Chapter06/README.md, §6.4. Check it with `swift run Workbook check 6.6`.

import ExerciseKit
import NeuralCore

/// Eq. 6.10: max pooling passed each window's maximum on and ignored the rest, so the gradient
/// g_r of pooled value r goes whole to the input pixel that won window r, and 0 to the others:
///
///     ∂C/∂x_p = Σ_{windows r ∋ p} g_r [p = argmax_r]
///
/// When windows overlap (a stride smaller than the window) one pixel can win several windows;
/// it then collects all of their gradients.
///
/// - Parameters:
///   - g: ∂C/∂(pooled), one entry per window, OH × OW.
///   - argmax: for window (i, j), at position i·OW + j, the index p·W + q of the input pixel
///     (p, q) that won it (what the forward pass of exercise 6.5 returns).
///   - inputRows: H, the input's height.
///   - inputColumns: W, the input's width.
/// - Returns: ∂C/∂x, H × W.
func maxPoolBackward(gradient g: Matrix, argmax: [Int], inputRows: Int, inputColumns: Int) throws -> Matrix {
    // BEGIN SOLUTION
    var dx = Matrix(rows: inputRows, columns: inputColumns)
    for (r, winner) in argmax.enumerated() { dx[winner / inputColumns, winner % inputColumns] += g.elements[r] }
    return dx
    // END SOLUTION
}

/// Eq. 6.11: average pooling passed the mean of each s × s window (moved s pixels at a time, no
/// overlap), so each of the window's s² pixels gets g_r / s²:
///
///     ∂C/∂x_p = Σ_{windows r ∋ p} g_r / s²
///
/// Pixels in rows or columns at the bottom or right that belonged to no whole window (Eq. 6.3
/// rounds down) were never used and get 0.
///
/// - Parameters:
///   - g: ∂C/∂(pooled), OH × OW.
///   - s: the window size, also the stride.
///   - inputRows: H, the input's height.
///   - inputColumns: W, the input's width.
/// - Returns: ∂C/∂x, H × W.
func averagePoolBackward(gradient g: Matrix, size s: Int, inputRows: Int, inputColumns: Int) throws -> Matrix {
    // BEGIN SOLUTION
    Matrix(rows: inputRows, columns: inputColumns) { p, q in
        let (i, j) = (p / s, q / s)
        return i < g.rows && j < g.columns ? g[i, j] / Double(s * s) : 0
    }
    // END SOLUTION
}

// Exercise 6.5 — max pooling, forward, keeping where each maximum was (Eq. 6.10). Notes:
// Chapters/Chapter06/README.md, §6.4. Check it with `swift run Workbook check 6.5`.

import ExerciseKit
import NeuralCore

/// Max pooling of one map with s × s windows moved s pixels at a time (no overlap): output
/// (i, j) is the largest pixel of the window whose top-left corner is (i·s, j·s). Its backward
/// pass (Eq. 6.10) sends the gradient to the pixel that won the window, so the forward pass also
/// says which one that was: the arg-max.
///
/// The output has (H − s)/s + 1 rows and (W − s)/s + 1 columns (Eq. 6.3 with F = S = s): rows or
/// columns left over at the bottom or right that do not fill a whole window are dropped. When
/// several pixels of a window share the maximum (the zeros after a ReLU), the first in reading
/// order (row by row, left to right) wins.
///
/// - Parameters:
///   - x: the input map, H × W.
///   - s: the window size, also the stride.
/// - Returns: `pooled`, the map of maxima, and `argmax`: for output (i, j), at position
///   i·OW + j of the array (reading order), the index p·W + q of the winning input pixel
///   (p, q) in x, counted over the whole input in reading order (not inside the window).
func maxPool(_ x: Matrix, size s: Int) throws -> (pooled: Matrix, argmax: [Int]) {
    // BEGIN SOLUTION
    let (rows, columns) = ((x.rows - s) / s + 1, (x.columns - s) / s + 1)
    var pooled = Matrix(rows: rows, columns: columns)
    var argmax: [Int] = []
    for i in 0..<rows {
        for j in 0..<columns {
            var (bestRow, bestColumn) = (i * s, j * s)
            for p in (i * s)..<(i * s + s) {
                for q in (j * s)..<(j * s + s) where x[p, q] > x[bestRow, bestColumn] { (bestRow, bestColumn) = (p, q) }
            }
            pooled[i, j] = x[bestRow, bestColumn]
            argmax.append(bestRow * x.columns + bestColumn)
        }
    }
    return (pooled, argmax)
    // END SOLUTION
}

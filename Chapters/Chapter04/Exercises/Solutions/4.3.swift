// Exercise 4.3 — a numerically stable softmax (Eq. 4.4). Notes: Chapters/Chapter04/README.md,
// §4.3 and "Stability" in §4.4. Check it with `swift run Workbook check 4.3`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 4.4 — the softmax of every column of z (one column per example, one row per class):
///
///     aⱼ = e^{zⱼ} / Σₖ e^{zₖ}
///
/// computed stably. Written literally, e^{1000} overflows to ∞ and ∞/∞ is NaN. Adding the same
/// constant to every logit of a column changes nothing (shift invariance), so subtract the
/// column's largest logit m first:
///
///     aⱼ = e^{zⱼ − m} / Σₖ e^{zₖ − m},   m = maxₖ zₖ
///
/// Then every exponent is ≤ 0 and the largest term is exactly e⁰ = 1.
///
/// - Returns: a, shaped like z; every column positive and summing to one.
///
/// Useful: `exp(_:)` (Foundation); `z[j, x]` reads row j, column x; `var a = z` gives a matrix of
/// the right shape to fill in.
func softmax(_ z: Matrix) throws -> Matrix {
    // BEGIN SOLUTION
    var a = z
    for column in 0..<z.columns {
        var largest = -Double.infinity
        for row in 0..<z.rows { largest = max(largest, z[row, column]) }
        var total = 0.0
        for row in 0..<z.rows {
            a[row, column] = exp(z[row, column] - largest)
            total += a[row, column]
        }
        for row in 0..<z.rows { a[row, column] /= total }
    }
    return a
    // END SOLUTION
}

// Softmax and log-softmax over the columns of a matrix, computed stably: subtracting each
// column's maximum before exponentiating changes nothing mathematically (Eq. 4.4 is invariant
// under shifts) but keeps e^z from overflowing, so logits of ±1000 give exact answers, not NaN.

import Foundation

/// Column-wise softmax and its logarithm.
public enum Softmax {
    /// Eq. 4.4 — aⱼ = e^{zⱼ − m} / Σₖ e^{zₖ − m} for each column, with m the column's maximum.
    public static func apply(_ z: Matrix) -> Matrix {
        var a = z
        for column in 0..<z.columns {
            var peak = -Double.infinity
            for row in 0..<z.rows { peak = max(peak, z[row, column]) }
            var total = 0.0
            for row in 0..<z.rows {
                let e = exp(z[row, column] - peak)
                a[row, column] = e
                total += e
            }
            for row in 0..<z.rows { a[row, column] /= total }
        }
        return a
    }

    /// ln aⱼ = (zⱼ − m) − ln Σₖ e^{zₖ − m} for each column (log-sum-exp), finite for any finite z.
    public static func logApply(_ z: Matrix) -> Matrix {
        var logA = z
        for column in 0..<z.columns {
            var peak = -Double.infinity
            for row in 0..<z.rows { peak = max(peak, z[row, column]) }
            var total = 0.0
            for row in 0..<z.rows { total += exp(z[row, column] - peak) }
            let logTotal = log(total)
            for row in 0..<z.rows { logA[row, column] = z[row, column] - peak - logTotal }
        }
        return logA
    }
}

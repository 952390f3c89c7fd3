// Exercise 4.5 — the log-likelihood cost, computed stably (Eq. 4.5). Notes:
// Chapters/Chapter04/README.md, §4.4 and §4.5. Check it with `swift run Workbook check 4.5`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 4.5 — the log-likelihood cost of a softmax output layer, summed over the examples of a
/// mini-batch:
///
///     C = Σₓ −ln a_y        (a = softmax(z) of example x, y its true class)
///
/// computed from the logits z without ever forming ln 0: with m = maxₖ zₖ of the column,
///
///     ln a_y = (z_y − m) − ln Σₖ e^{zₖ − m}        (log-sum-exp)
///
/// - Parameters:
///   - z: the logits zᴸ, classes × examples.
///   - labels: the true class of each column, counted from 0 (class 0 is row 0).
/// - Returns: C summed over the columns.
///
/// Useful: `exp(_:)` and `log(_:)` (Foundation); `z[j, x]` is row j, column x.
func logLikelihoodCost(logits z: Matrix, labels: [Int]) throws -> Double {
    throw NotDone("4.5")  // replace this line with your code
}

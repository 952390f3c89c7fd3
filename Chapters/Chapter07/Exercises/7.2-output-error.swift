// Exercise 7.2 — the loss of a sequence and its output error (Eqs. 7.3 and 7.4). Notes:
// Chapters/Chapter07/README.md, §7.1–7.2. Check it with `swift run Workbook check 7.2`.

import ExerciseKit
import Foundation
import NeuralCore

/// The error at the output of every step, Eq. 7.4 (softmax with the log-likelihood, Chapter 04):
///
///     ∂L/∂oₜ = ŷₜ − 1_{yₜ},   ŷₜ = softmax(oₜ)
///
/// - Parameters:
///   - logits: o₁ … o_T side by side, K × T (column t is the logit vector of step t).
///   - targets: y₁ … y_T, the index of the right symbol at each step.
/// - Returns: ŷₜ − 1_{yₜ} for every step, K × T.
///
/// Useful: `Softmax.apply(m)` is the softmax of every column; `m[i, j]` reads and writes entries.
func outputError(logits: Matrix, targets: [Int]) throws -> Matrix {
    throw NotDone("7.2")  // replace this line with your code
}

/// The loss of the sequence, Eq. 7.3, computed from the logits:
///
///     L = Σₜ −log ŷₜ[yₜ] = Σₜ ( log Σₖ exp(oₜ[k]) − oₜ[yₜ] )
///
/// with each log Σₖ exp(oₜ[k]) taken as m + log Σₖ exp(oₜ[k] − m), m = maxₖ oₜ[k] (the
/// log-sum-exp of Chapter 04), so that logits of ±1000 give an ordinary number, not ∞ or NaN.
///
/// - Parameters: as for `outputError`.
/// - Returns: L, summed over the T steps.
func sequenceLoss(logits: Matrix, targets: [Int]) throws -> Double {
    throw NotDone("7.2")  // replace this line with your code
}

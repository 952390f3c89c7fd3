// Helpers shared by the checks of Chapter 04 (copied into every exercise of the chapter).

import ExerciseKit
import NeuralCore

/// Fails, naming the first entry, when `values` has a NaN or an infinity. Called before
/// `expectClose` and `expectGradient`, whose worst-entry search can pass over a NaN, so a
/// non-finite answer never hides behind entries that happen to be right.
func expectAllFinite(_ values: [Double], _ name: String, hint: String? = nil) throws {
    guard let index = values.firstIndex(where: { !$0.isFinite }) else { return }
    throw CheckFailure(
        "your \(name) has a non-finite entry at index \(index): \(formatted(values[index]))",
        diagnosis: "a non-finite entry (\(formatted(values[index]))): an exponential that overflowed, a log of 0, "
            + "a division by zero or ∞/∞?" + (hint.map { " " + $0 } ?? ""))
}

/// The hint for overflow in softmax and its logarithm.
let shiftHint = "Subtract the column's largest logit before exponentiating (shift invariance, Eq. 4.4)."

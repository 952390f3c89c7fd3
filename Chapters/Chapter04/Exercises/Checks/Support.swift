// Helpers shared by the checks of Chapter 04 (copied into every exercise of the chapter).

import ExerciseKit
import NeuralCore

/// Fails, naming the first entry, when `values` has a NaN or an infinity. (Used before
/// `expectClose` where overflow is the mistake to catch, so a NaN can never hide behind a later
/// entry that happens to be right.)
func expectAllFinite(_ values: [Double], _ name: String) throws {
    guard let index = values.firstIndex(where: { !$0.isFinite }) else { return }
    throw CheckFailure(
        "your \(name) has a non-finite entry at index \(index): \(formatted(values[index]))",
        diagnosis:
            "a non-finite entry (\(formatted(values[index]))): an exponential that overflowed, a log of 0 or ∞/∞? "
            + "Subtract the column's largest logit before exponentiating (shift invariance, Eq. 4.4)")
}

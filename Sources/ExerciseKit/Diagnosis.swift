// Probes that name the wrong term: a classic mistake, computed from the oracle's own inputs, and
// the sentence that explains it when the learner's answer equals it.

import Foundation
import NeuralCore

/// A known wrong answer and what it means: if the learner's result equals `candidate` (to the
/// check's tolerance), the check reports `explanation` as the likely mistake.
public struct Diagnosis: Sendable {
    public let explanation: String
    let candidate: @Sendable () -> Matrix?

    /// A wrong answer computed lazily (only when the check has already failed).
    public init(_ explanation: String, _ candidate: @escaping @Sendable () -> Matrix?) {
        self.explanation = explanation
        self.candidate = candidate
    }

    /// A wrong scalar answer.
    public init(_ explanation: String, scalar candidate: @escaping @Sendable () -> Double?) {
        self.init(explanation) { candidate().map { Matrix(rows: 1, columns: 1, elements: [$0]) } }
    }
}

/// The mistakes every comparison probes for on its own: a flipped sign, a constant factor (a
/// missing or extra 1/m, η or 2), a transpose, and NaN or ∞.
enum GenericProbe {
    static func diagnose(got: Matrix, expected: Matrix, tolerance: Double) -> String? {
        if let index = got.elements.firstIndex(where: { !$0.isFinite }) {
            return "your result has a non-finite entry (\(got.elements[index])): a division by zero, "
                + "a log of 0 or an exponential that overflowed?"
        }
        if expected.maxAbs() > 0, agrees(got, -expected, tolerance: tolerance) {
            return "the sign is flipped: your result is exactly minus the expected one"
        }
        if let factor = constantFactor(got: got, expected: expected, tolerance: tolerance) {
            return "your result is the expected one times \(formatted(factor)) everywhere: "
                + "a missing or extra constant factor (1/m, η, 2 or a batch size?)"
        }
        if got.rows == got.columns, got.rows > 1, !agrees(expected, expected.transposed, tolerance: tolerance),
            agrees(got, expected.transposed, tolerance: tolerance)
        {
            return "your result is the transpose of the expected one"
        }
        return nil
    }

    /// got = c · expected for one c ≠ 1, when the expected result is not all zeros.
    static func constantFactor(got: Matrix, expected: Matrix, tolerance: Double) -> Double? {
        guard
            let pivot = expected.elements.indices.max(by: { abs(expected.elements[$0]) < abs(expected.elements[$1]) }),
            abs(expected.elements[pivot]) > 1e-12
        else { return nil }
        let factor = got.elements[pivot] / expected.elements[pivot]
        guard factor.isFinite, abs(factor - 1) > 1e-6, abs(factor) > 1e-9 else { return nil }
        return agrees(got, factor * expected, tolerance: tolerance) ? factor : nil
    }
}

/// Whether two matrices of the same shape agree entry by entry to `tolerance` (relative to
/// max(1, |expected|)).
func agrees(_ got: Matrix, _ expected: Matrix, tolerance: Double) -> Bool {
    guard got.rows == expected.rows, got.columns == expected.columns else { return false }
    for (g, e) in zip(got.elements, expected.elements) where !(abs(g - e) <= tolerance * max(1, abs(e))) {
        return false
    }
    return true
}

/// A number as a learner wants to read it: whole numbers as such, others to 6 significant digits.
public func formatted(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "∞" : "−∞" }
    if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
    return String(format: "%.6g", value)
}

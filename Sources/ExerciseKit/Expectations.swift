// The comparisons a check makes. Each throws a CheckFailure that reads like a worked answer:
// what was expected, what came back, the worst entry and where it is, and the likely mistake.

import NeuralCore

/// The tolerances checks use: exact arithmetic to rounding, and central differences.
public enum Tolerance {
    /// Two computations of the same formula in Double, up to rounding.
    public static let rounding = 1e-9
    /// An analytic gradient against central differences with h = 1e-5 (relative error).
    public static let centralDifferences = 1e-6
}

/// Expects `got` to equal `expected` entry by entry (relative to max(1, |expected|)).
///
/// On failure it names the worst entry, `name[i, j]`, with both values; then it tries the
/// `diagnoses` (the classic mistakes, computed from the same inputs) and the generic probes (sign,
/// constant factor, transpose, NaN) and reports the first that matches.
public func expectClose(
    _ got: Matrix, _ expected: Matrix, _ name: String, tolerance: Double = Tolerance.rounding,
    diagnoses: [Diagnosis] = []
) throws {
    guard got.rows == expected.rows, got.columns == expected.columns else {
        var diagnosis: String? = nil
        if got.rows == expected.columns, got.columns == expected.rows {
            diagnosis = "your \(name) is transposed (a missing or extra transpose)"
        }
        for probe in diagnoses where diagnosis == nil {
            if let candidate = probe.candidate(), candidate.rows == got.rows, candidate.columns == got.columns {
                diagnosis = probe.explanation
            }
        }
        throw CheckFailure(
            "\(name) has shape \(got.shapeDescription); expected \(expected.shapeDescription)", diagnosis: diagnosis)
    }
    var worst = (difference: 0.0, index: -1)
    for index in got.elements.indices {
        let e = expected.elements[index]
        let difference = abs(got.elements[index] - e) / max(1, abs(e))
        // A NaN entry is the worst of all, and stays so.
        if worst.difference.isNaN { break }
        if difference.isNaN || difference > worst.difference || worst.index < 0 { worst = (difference, index) }
    }
    guard worst.index >= 0, !(worst.difference <= tolerance) else { return }
    let (i, j) = (worst.index / got.columns, worst.index % got.columns)
    let place = got.count == 1 ? name : "\(name)[\(i), \(j)]"
    var lines = [
        "expected \(place) = \(formatted(expected[i, j])), got \(formatted(got[i, j])) "
            + "(the worst of \(got.count) entr\(got.count == 1 ? "y" : "ies"); tolerance \(formatted(tolerance)))"
    ]
    if got.count > 1, got.count <= 12 {
        lines.append("expected \(name) = \(rowsText(expected))")
        lines.append("     got \(name) = \(rowsText(got))")
    }
    var diagnosis: String? = nil
    for probe in diagnoses {
        if let candidate = probe.candidate(), agrees(got, candidate, tolerance: max(tolerance, 1e-9)) {
            diagnosis = probe.explanation
            break
        }
    }
    if diagnosis == nil {
        diagnosis = GenericProbe.diagnose(got: got, expected: expected, tolerance: max(tolerance, 1e-9))
    }
    throw CheckFailure(lines, diagnosis: diagnosis)
}

/// Expects a number to equal `expected` (relative to max(1, |expected|)).
public func expectClose(
    _ got: Double, _ expected: Double, _ name: String, tolerance: Double = Tolerance.rounding,
    diagnoses: [Diagnosis] = []
) throws {
    try expectClose(
        Matrix(rows: 1, columns: 1, elements: [got]), Matrix(rows: 1, columns: 1, elements: [expected]), name,
        tolerance: tolerance, diagnoses: diagnoses)
}

/// Expects a list of numbers to equal `expected`, entry by entry.
public func expectClose(
    _ got: [Double], _ expected: [Double], _ name: String, tolerance: Double = Tolerance.rounding,
    diagnoses: [Diagnosis] = []
) throws {
    try expectClose(Matrix(row: got), Matrix(row: expected), name, tolerance: tolerance, diagnoses: diagnoses)
}

/// Expects an analytic gradient to match central differences in relative error,
/// |a − n| / max(|a|, |n|, 1e-8), naming the worst entry.
public func expectGradient(
    _ analytic: Matrix, matches numeric: Matrix, _ name: String, tolerance: Double = Tolerance.centralDifferences,
    diagnoses: [Diagnosis] = []
) throws {
    guard analytic.rows == numeric.rows, analytic.columns == numeric.columns else {
        try expectClose(analytic, numeric, name, diagnoses: diagnoses)
        return
    }
    let report = GradientCheck.compare(analytic: analytic, numeric: numeric)
    guard !(report.maxRelativeError <= tolerance) else { return }
    let (i, j) = (report.worstIndex / analytic.columns, report.worstIndex % analytic.columns)
    var diagnosis: String? = nil
    for probe in diagnoses {
        if let candidate = probe.candidate(), agrees(analytic, candidate, tolerance: 1e-9) {
            diagnosis = probe.explanation
            break
        }
    }
    if diagnosis == nil { diagnosis = GenericProbe.diagnose(got: analytic, expected: numeric, tolerance: 1e-5) }
    throw CheckFailure(
        [
            "your \(name)[\(i), \(j)] = \(formatted(report.analytic)), but central differences give "
                + "\(formatted(report.numeric)) (relative error \(formatted(report.maxRelativeError)), "
                + "tolerance \(formatted(tolerance)))"
        ], diagnosis: diagnosis)
}

/// Expects two whole numbers to be equal.
public func expectEqual<T: Equatable>(
    _ got: T, _ expected: T, _ name: String, diagnoses: [(explanation: String, wrong: T)] = []
) throws {
    guard got != expected else { return }
    let diagnosis = diagnoses.first { $0.wrong == got }?.explanation
    throw CheckFailure("expected \(name) = \(expected), got \(got)", diagnosis: diagnosis)
}

/// Expects two lists to be equal, naming the first index where they differ.
public func expectEqual<T: Equatable>(
    _ got: [T], _ expected: [T], _ name: String, diagnoses: [(explanation: String, wrong: [T])] = []
) throws {
    guard got != expected else { return }
    let diagnosis = diagnoses.first { $0.wrong == got }?.explanation
    guard got.count == expected.count else {
        throw CheckFailure("\(name) has \(got.count) entries; expected \(expected.count)", diagnosis: diagnosis)
    }
    let index = got.indices.first { got[$0] != expected[$0] } ?? 0
    throw CheckFailure(
        "expected \(name)[\(index)] = \(expected[index]), got \(got[index]) (the first of "
            + "\(zip(got, expected).filter { $0 != $1 }.count) differing entries of \(got.count))",
        diagnosis: diagnosis)
}

/// Fails, naming the first entry, when `values` has a NaN or an infinity; `hint` says what
/// usually causes it in this exercise (an overflowing exponential, say).
public func expectAllFinite(_ values: [Double], _ name: String, hint: String? = nil) throws {
    guard let index = values.firstIndex(where: { !$0.isFinite }) else { return }
    throw CheckFailure(
        "your \(name) has a non-finite entry at index \(index): \(formatted(values[index]))",
        diagnosis: "a non-finite entry (\(formatted(values[index]))): an exponential that overflowed, a log of 0, "
            + "a division by zero or ∞/∞?" + (hint.map { " " + $0 } ?? ""))
}

/// Expects a condition, with the message to show when it does not hold.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String, diagnosis: String? = nil) throws {
    if !condition { throw CheckFailure(message(), diagnosis: diagnosis) }
}

private func rowsText(_ m: Matrix) -> String {
    let rows = (0..<m.rows).map { i in (0..<m.columns).map { formatted(m[i, $0]) }.joined(separator: ", ") }
    return m.rows == 1 ? "[\(rows[0])]" : "[" + rows.map { "[\($0)]" }.joined(separator: ", ") + "]"
}

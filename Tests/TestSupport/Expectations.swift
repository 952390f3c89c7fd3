// Comparison helpers for Swift Testing that say how far apart two numbers are, and where.

import NeuralCore
import Testing

/// Expects |actual − expected| ≤ tolerance · max(1, |expected|), reporting the difference.
public func expectClose(
    _ actual: Double, _ expected: Double, tolerance: Double,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let scale = max(1, abs(expected))
    let difference = abs(actual - expected)
    if !(difference <= tolerance * scale) {
        let note = comment.map { "\($0): " } ?? ""
        Issue.record(
            "\(note)\(actual) differs from \(expected) by \(difference) (tolerance \(tolerance))",
            sourceLocation: sourceLocation)
    }
}

/// Expects two matrices of the same shape to agree entry by entry, reporting the worst entry.
public func expectClose(
    _ actual: Matrix, _ expected: Matrix, tolerance: Double,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let note = comment.map { "\($0): " } ?? ""
    guard actual.rows == expected.rows, actual.columns == expected.columns else {
        Issue.record(
            "\(note)shape \(actual.shapeDescription) differs from \(expected.shapeDescription)",
            sourceLocation: sourceLocation)
        return
    }
    var worst = (difference: 0.0, index: 0)
    for index in actual.elements.indices {
        let scale = max(1, abs(expected.elements[index]))
        let difference = abs(actual.elements[index] - expected.elements[index]) / scale
        if !(difference <= worst.difference) { worst = (difference, index) }
    }
    if !(worst.difference <= tolerance) {
        let i = worst.index / max(actual.columns, 1)
        let j = worst.index % max(actual.columns, 1)
        Issue.record(
            "\(note)largest difference \(worst.difference) at (\(i), \(j)): \(actual[i, j]) vs \(expected[i, j]) (tolerance \(tolerance))",
            sourceLocation: sourceLocation)
    }
}

/// Expects an analytic gradient to match a numeric one in relative error (both-zero passes).
public func expectGradientsMatch(
    analytic: Matrix, numeric: Matrix, tolerance: Double, floor: Double = GradientCheck.defaultFloor,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let report = GradientCheck.compare(analytic: analytic, numeric: numeric, floor: floor)
    if !(report.maxRelativeError <= tolerance) {
        let note = comment.map { "\($0): " } ?? ""
        Issue.record("\(note)\(report) exceeds \(tolerance)", sourceLocation: sourceLocation)
    }
}

/// Expects two gradient arrays to match in relative error.
public func expectGradientsMatch(
    analytic: [Double], numeric: [Double], tolerance: Double,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    expectGradientsMatch(
        analytic: Matrix(row: analytic), numeric: Matrix(row: numeric), tolerance: tolerance, comment,
        sourceLocation: sourceLocation)
}

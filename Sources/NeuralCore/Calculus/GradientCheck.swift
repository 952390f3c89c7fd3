// Numerical gradients by central differences, and the relative error used to compare them
// with analytic ones. Every chapter's tests check their backward passes with these.

/// Central-difference gradients and the relative error that compares them.
public enum GradientCheck {
    /// The default step h. For smooth functions in Double, central differences have error
    /// O(h²) from truncation and O(ε/h) from rounding; h ≈ 1e-5 balances the two near 1e-10.
    public static let defaultStep = 1e-5

    /// Below this magnitude both gradients count as zero, so that two tiny numbers that differ
    /// only by rounding noise do not produce a huge relative error.
    public static let defaultFloor = 1e-8

    /// |a − n| / max(|a|, |n|, floor): 0 when they agree exactly, about 1 when unrelated.
    public static func relativeError(_ analytic: Double, _ numeric: Double, floor: Double = defaultFloor) -> Double {
        let scale = max(abs(analytic), abs(numeric), floor)
        return abs(analytic - numeric) / scale
    }

    /// ∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h for every i.
    public static func numericGradient(
        of f: ([Double]) -> Double, at x: [Double], step h: Double = defaultStep
    ) -> [Double] {
        var probe = x
        return x.indices.map { i in
            probe[i] = x[i] + h
            let above = f(probe)
            probe[i] = x[i] - h
            let below = f(probe)
            probe[i] = x[i]
            return (above - below) / (2 * h)
        }
    }

    /// The numeric gradient of a function of a matrix, entry by entry.
    public static func numericGradient(
        of f: (Matrix) -> Double, at x: Matrix, step h: Double = defaultStep
    ) -> Matrix {
        let flat = numericGradient(
            of: { f(Matrix(rows: x.rows, columns: x.columns, elements: $0)) }, at: x.elements, step: h)
        return Matrix(rows: x.rows, columns: x.columns, elements: flat)
    }

    /// The comparison of an analytic gradient with a numeric one.
    public struct Report: Sendable, CustomStringConvertible {
        /// The largest relative error over all entries.
        public var maxRelativeError: Double
        /// Where it occurs.
        public var worstIndex: Int
        /// The two values there.
        public var analytic: Double
        public var numeric: Double

        public var description: String {
            "max relative error \(maxRelativeError) at index \(worstIndex) (analytic \(analytic), numeric \(numeric))"
        }
    }

    /// Compares two gradients entry by entry and reports the worst relative error.
    public static func compare(analytic: [Double], numeric: [Double], floor: Double = defaultFloor) -> Report {
        precondition(analytic.count == numeric.count, "gradients of \(analytic.count) and \(numeric.count) entries")
        var report = Report(
            maxRelativeError: 0, worstIndex: 0, analytic: analytic.first ?? 0, numeric: numeric.first ?? 0)
        for i in analytic.indices {
            let error = relativeError(analytic[i], numeric[i], floor: floor)
            // A NaN is the worst disagreement there is, and is reported as such.
            if error.isNaN || error > report.maxRelativeError {
                report = Report(maxRelativeError: error, worstIndex: i, analytic: analytic[i], numeric: numeric[i])
                if error.isNaN { break }
            }
        }
        return report
    }

    /// Compares two same-shaped matrices of gradients.
    public static func compare(analytic: Matrix, numeric: Matrix, floor: Double = defaultFloor) -> Report {
        precondition(
            analytic.rows == numeric.rows && analytic.columns == numeric.columns,
            "gradient shapes \(analytic.shapeDescription) and \(numeric.shapeDescription) differ")
        return compare(analytic: analytic.elements, numeric: numeric.elements, floor: floor)
    }
}

// Axis scales, "nice" tick values (1, 2 or 5 × 10^k) and tick labels that read like a person
// wrote them: no 0.30000000000000004, a real minus sign, powers of ten with superscripts.

import Foundation

/// How data values map to an axis.
public enum Scale: Sendable, Equatable {
    case linear
    /// Logarithmic, base ten; the range must be positive.
    case log10
    /// Linear within ±`linearBelow` (so 0 has a place), logarithmic beyond; the linear part takes
    /// the room of `linearDecades` decades. With t = 25 and log₁₀ 2 decades, updates 0, 25, 50,
    /// 100, …, 1,600 fall at equal steps, 0 one doubling's width left of 25.
    case symmetricLog10(linearBelow: Double, linearDecades: Double = 1)

    /// Where `value` sits along the axis before the range is applied (the axis is linear in this):
    /// the value itself, its log (−∞ for v ≤ 0), or for the symmetric log sign(v)·w·|v|/t below t
    /// and sign(v)·(w + log₁₀(|v|/t)) above.
    func transformed(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log10: return value > 0 ? Foundation.log10(value) : -.infinity
        case .symmetricLog10(let t, let w):
            let magnitude = abs(value)
            let u = magnitude < t ? w * magnitude / t : w + Foundation.log10(magnitude / t)
            return value < 0 ? -u : u
        }
    }

    /// The inverse of `transformed`.
    func untransformed(_ u: Double) -> Double {
        switch self {
        case .linear: return u
        case .log10: return pow(10, u)
        case .symmetricLog10(let t, let w):
            let magnitude = abs(u) < w ? abs(u) / w * t : t * pow(10, abs(u) - w)
            return u < 0 ? -magnitude : magnitude
        }
    }

    /// Whether `value` can be placed on the axis at all (log axes take positive values only).
    func accepts(_ value: Double) -> Bool {
        value.isFinite && (self != .log10 || value > 0)
    }
}

/// Tick positions and labels for axes and colour bars.
public enum Ticks {
    /// Nice linear ticks covering `lower...upper`: multiples of a step of 1, 2 or 5 × 10^k,
    /// aiming at about `target` ticks. Values are computed as integer × step and divided by a
    /// power of ten, so 0.6 comes out as 0.6, not 0.6000000000000001. With `wholeNumbers` the
    /// step is at least 1, for axes that count whole things (epochs, time steps).
    public static func linear(
        _ lower: Double, _ upper: Double, target: Int = 6, wholeNumbers: Bool = false
    ) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return lower.isFinite ? [lower] : [] }
        var step = niceStep(span: upper - lower, target: target)
        if wholeNumbers && step.exponent < 0 { step = Step(mantissa: 1, exponent: 0) }
        let first = Int((lower / step.value - 1e-9).rounded(.up))
        let last = Int((upper / step.value + 1e-9).rounded(.down))
        guard first <= last else { return [] }
        return (first...last).map { step.multiple($0) }
    }

    /// Log ticks for `lower...upper` (both > 0): every power of ten inside, thinned to every
    /// second or fifth decade when there are many; with 2× and 5× when less than two decades.
    public static func log10(_ lower: Double, _ upper: Double) -> [Double] {
        guard lower > 0, upper > lower else { return [] }
        let firstDecade = Int((Foundation.log10(lower) - 1e-9).rounded(.up))
        let lastDecade = Int((Foundation.log10(upper) + 1e-9).rounded(.down))
        let decades = lastDecade - firstDecade
        if decades < 2 {
            var values: [Double] = []
            for decade in (firstDecade - 1)...(lastDecade + 1) {
                for mantissa in [1.0, 2.0, 5.0] {
                    let value = mantissa * power(decade)
                    if value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9) { values.append(value) }
                }
            }
            if values.count >= 3 { return values }
            // Less than a decade: every whole mantissa, so the axis has numbers to read.
            var whole: [Double] = []
            for decade in (firstDecade - 1)...(lastDecade + 1) {
                for mantissa in 1...9 {
                    let value = Double(mantissa) * power(decade)
                    if value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9) { whole.append(value) }
                }
            }
            return whole
        }
        let every = decades <= 8 ? 1 : (decades <= 16 ? 2 : 5)
        return stride(from: firstDecade, through: lastDecade, by: 1)
            .filter { (($0 % every) + every) % every == 0 }
            .map(power)
    }

    /// Ticks for a symmetric log axis over `lower...upper`: 0 and ±`threshold` when inside, then
    /// the log ticks beyond the threshold on each side (`log10`'s: 1, 2, 5 × 10ᵏ when short).
    public static func symmetricLog10(_ lower: Double, _ upper: Double, threshold: Double) -> [Double] {
        guard upper > lower, threshold > 0 else { return [] }
        var values: [Double] = lower <= 0 && upper >= 0 ? [0] : []
        // The positive side, then the negative side mirrored.
        for sign in [1.0, -1.0] {
            let low = sign > 0 ? max(lower, threshold) : max(-upper, threshold)
            let high = sign > 0 ? upper : -lower
            guard high >= low else { continue }
            let beyond = log10(low, high).filter { $0 > threshold * (1 + 1e-9) }
            let start: [Double] = low <= threshold * (1 + 1e-9) ? [threshold] : []
            values += (start + beyond).map { sign * $0 }
        }
        return values.sorted()
    }

    /// Unlabelled minor ticks for a log axis: 2…9 × 10^k inside the range.
    public static func logMinor(_ lower: Double, _ upper: Double) -> [Double] {
        guard lower > 0, upper > lower else { return [] }
        let first = Int(Foundation.log10(lower).rounded(.down))
        let last = Int(Foundation.log10(upper).rounded(.up))
        guard last - first <= 12 else { return [] }
        var values: [Double] = []
        for decade in first...last {
            for mantissa in 2...9 {
                let value = Double(mantissa) * power(decade)
                if value > lower && value < upper { values.append(value) }
            }
        }
        return values
    }

    /// Labels for linear ticks: the same number of decimals for all, enough for the step;
    /// scientific (2×10⁻⁵) when the values are very large or very small.
    public static func labels(for ticks: [Double]) -> [String] {
        guard ticks.count >= 2 else { return ticks.map { format($0, decimals: 2) } }
        let step = abs(ticks[1] - ticks[0])
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 1e5 || (step < 1e-3 && largest < 1e-2) {
            return ticks.map(scientific)
        }
        let decimals = max(0, Int((-Foundation.log10(step) - 1e-9).rounded(.up)))
        return ticks.map { format($0, decimals: min(decimals, 6)) }
    }

    /// Labels for log ticks: plain numbers (0.05, 0.5, 20) when every tick lies in 0.01…1000,
    /// otherwise 10ⁿ for powers of ten and 2×10ⁿ / 5×10ⁿ for the others.
    public static func logLabels(for ticks: [Double]) -> [String] {
        guard ticks.allSatisfy({ $0 >= 0.01 * (1 - 1e-9) && $0 <= 1000 * (1 + 1e-9) }) else {
            return ticks.map(scientific)
        }
        return ticks.map { value in
            let decimals = max(0, Int((-Foundation.log10(value) - 1e-9).rounded(.up)))
            return format(value, decimals: decimals)
        }
    }

    /// `value` as mantissa × 10^exponent with superscript digits; exact powers print as 10ⁿ.
    public static func scientific(_ value: Double) -> String {
        if value == 0 { return "0" }
        let sign = value < 0 ? "\u{2212}" : ""
        let magnitude = abs(value)
        var exponent = Int(Foundation.log10(magnitude).rounded(.down))
        var mantissa = magnitude / power(exponent)
        if mantissa >= 9.9995 {  // rounding pushed it into the next decade
            exponent += 1
            mantissa /= 10
        }
        let powerText = "10" + superscript(exponent)
        if abs(mantissa - 1) < 1e-4 { return sign + powerText }
        let mantissaText = format(mantissa, decimals: abs(mantissa.rounded() - mantissa) < 1e-4 ? 0 : 1)
        return sign + mantissaText + "\u{00D7}" + powerText
    }

    /// Fixed-point formatting with a typographic minus and no negative zero.
    public static func format(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        let isZero = text.allSatisfy { "-0.".contains($0) }
        if isZero { return String(format: "%.\(decimals)f", 0.0) }
        return text.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    // MARK: Helpers

    /// A nice step 1, 2 or 5 × 10^k, kept as an integer mantissa and exponent.
    struct Step {
        let mantissa: Int
        let exponent: Int
        var value: Double { Double(mantissa) * Ticks.power(exponent) }

        /// `count` × step, correctly rounded (dividing by an exact power of ten).
        func multiple(_ count: Int) -> Double {
            let integer = Double(count * mantissa)
            return exponent >= 0 ? integer * Ticks.power(exponent) : integer / Ticks.power(-exponent)
        }
    }

    static func niceStep(span: Double, target: Int) -> Step {
        let rough = span / Double(max(target, 1))
        let exponent = Int(Foundation.log10(rough).rounded(.down))
        let normalised = rough / power(exponent)
        let mantissa: Int
        switch normalised {
        case ..<1.5: mantissa = 1
        case ..<3.5: mantissa = 2
        case ..<7.5: mantissa = 5
        default: mantissa = 10
        }
        return mantissa == 10 ? Step(mantissa: 1, exponent: exponent + 1) : Step(mantissa: mantissa, exponent: exponent)
    }

    /// 10^exponent, exact for the exponents axes use.
    static func power(_ exponent: Int) -> Double {
        exponent >= 0 ? pow(10, Double(exponent)) : 1 / pow(10, Double(-exponent))
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(n)).map { digits[Int(String($0))!] }
        return (n < 0 ? "⁻" : "") + String(body)
    }
}

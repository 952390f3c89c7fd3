// How numbers appear in diagrams: four significant digits, a true minus sign, no "-0".

import Foundation

/// Number formatting for diagram labels.
public enum DiagramNumber {
    /// `value` to `digits` significant digits: 0.881373587 → "0.8814", −0.315 → "−0.315",
    /// 2.0 → "2", 123456 → "1.235e5". Uses the minus sign U+2212.
    public static func format(_ value: Double, significantDigits digits: Int = 4) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "−∞" : "∞" }
        var text = String(format: "%.\(max(1, digits))g", value)
        // "1.235e+05" → "1.235e5", "1e-05" → "1e−5"
        if let e = text.firstIndex(of: "e") {
            let mantissa = text[..<e]
            var exponent = String(text[text.index(after: e)...])
            let negative = exponent.hasPrefix("-")
            exponent = String(exponent.drop { $0 == "+" || $0 == "-" || $0 == "0" })
            text = mantissa + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
        }
        if text == "-0" { text = "0" }
        return text.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// Small integers as Unicode subscripts: 12 → "₁₂".
    public static func subscripted(_ n: Int) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        let prefix = n < 0 ? "₋" : ""
        return prefix + String(String(abs(n)).map { digits[Int(String($0))!] })
    }
}

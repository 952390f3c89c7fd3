// Indices as the notes print them, for labels of tape nodes and tables: w³₁₂, b²₃, a²₁.

/// Subscript and superscript digits for the indices of the notes' notation.
public enum IndexNotation {
    /// 1 → "₁", 12 → "₁₂", −3 → "₋₃".
    public static func subscripted(_ n: Int) -> String {
        map(n, digits: ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"], minus: "₋")
    }

    /// 2 → "²", 10 → "¹⁰", −3 → "⁻³".
    public static func superscripted(_ n: Int) -> String {
        map(n, digits: ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"], minus: "⁻")
    }

    private static func map(_ n: Int, digits: [Character], minus: Character) -> String {
        let body = String(String(n.magnitude).map { digits[Int($0.asciiValue! - 48)] })
        return n < 0 ? String(minus) + body : body
    }
}

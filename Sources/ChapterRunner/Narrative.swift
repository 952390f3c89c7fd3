// How a chapter talks: section headings that match the notes, wrapped paragraphs, equations,
// and aligned tables. Everything goes to standard output; progress goes to standard error.

/// Formatting helpers for a chapter's printed narrative.
public enum Narrative {
    /// The width paragraphs are wrapped to.
    public static let width = 92

    /// Wraps `text` at word boundaries to `width` columns, keeping blank-line paragraph breaks.
    public static func wrap(_ text: String, width: Int = width, indent: String = "") -> String {
        text.components(separatedBy: "\n\n").map { paragraph in
            var lines: [String] = []
            var current = indent
            for word in keepingReferencesTogether(paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" })) {
                if current.count + word.count + 1 > width, current.count > indent.count {
                    lines.append(current)
                    current = indent
                }
                current += (current.count > indent.count ? " " : "") + word
            }
            if current.count > indent.count { lines.append(current) }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// Joins "Eq." (or "(Eq.") with the number after it, so a line never ends in "(Eq.".
    private static func keepingReferencesTogether(_ words: [Substring]) -> [String] {
        var result: [String] = []
        for word in words {
            if let last = result.last, last.hasSuffix("Eq.") {
                result[result.count - 1] = last + " " + word
            } else {
                result.append(String(word))
            }
        }
        return result
    }

    /// A table with a header row, columns padded to their widest cell (numbers right-aligned).
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let columnCount = all.map(\.count).max() ?? 0
        let widths = (0..<columnCount).map { column in
            all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        func format(_ row: [String]) -> String {
            let line = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return looksNumeric(cell) ? padding + cell : cell + padding
            }.joined(separator: "   ")
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "   ")
        return ([format(header), rule] + rows.map(format)).map { "  " + $0 }.joined(separator: "\n")
    }

    private static func looksNumeric(_ cell: String) -> Bool {
        guard let first = cell.first else { return false }
        return first.isNumber || ((first == "-" || first == "−" || first == "+") && cell.count > 1)
    }
}

/// `x` with a fixed number of decimals, e.g. formatted(0.5, decimals: 3) == "0.500".
public func formatted(_ x: Double, decimals: Int) -> String {
    let text = String(format: "%.\(max(decimals, 0))f", x)
    // "-0.000" reads as a different number from "0.000"; drop the sign of a rounded zero.
    return text.allSatisfy { "-0.".contains($0) } ? String(text.drop { $0 == "-" }) : text
}

/// A fraction as a percentage with a fixed number of decimals, e.g. percent(0.9123) == "91.23%".
public func percent(_ fraction: Double, decimals: Int = 2) -> String {
    formatted(100 * fraction, decimals: decimals) + "%"
}

/// A whole number with thousands separators, as the notes print it: grouped(100000) == "100,000".
public func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
        let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
        groups.insert(digits[start..<end], at: 0)
        end = start
    }
    return (n < 0 ? "−" : "") + groups.joined(separator: ",")
}

/// `x` with `digits` significant digits, e.g. 0.0001234 or 12.35 (%g style for tiny or huge).
public func formatted(_ x: Double, significant digits: Int) -> String {
    String(format: "%.\(max(digits, 1))g", x)
}

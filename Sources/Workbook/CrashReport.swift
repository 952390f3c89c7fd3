// What a crash of the learner's code says, read from Swift's backtrace: the runtime's message,
// the function that stopped the program and the learner's own line that called it.

import Foundation

struct CrashReport {
    var lines: [String] = []
    var diagnosis: String?

    /// A frame of the backtrace: "1  0x…  outputError(…) + 4 in Exercise_3_2 at /…/Learner.swift:24:21".
    struct Frame {
        var function: String
        var location: String?
    }

    init(_ errors: String, rewrite: (String) -> String) {
        let all = errors.split(separator: "\n").map(String.init)
        lines = all.filter { $0.contains("Fatal error") || $0.hasPrefix("error:") }.prefix(2).map(rewrite)
        let frames = all.compactMap(Self.frame)
        let own = frames.first { $0.location?.contains("/Learner.swift:") == true }
        if let top = frames.first {
            lines.append("it stopped in \(top.function)")
        }
        if let own, let location = own.location {
            lines.append("called from your line \(rewrite(location)), in \(own.function)")
        }
        let text = (lines + frames.prefix(3).map(\.function)).joined(separator: " ")
        if text.contains("subscript") || text.contains("Index out of range") {
            diagnosis = "an index past the end of an array or a matrix: check your loop bounds and the shapes"
        } else if text.contains("Matrix") || text.contains("product") {
            diagnosis = "two matrices whose shapes do not fit this operation: compare their rows and columns"
        } else if text.contains("Division by zero") || text.contains("Int(") {
            diagnosis = "an integer division by zero or a conversion of NaN/∞ to Int"
        }
    }

    static func frame(_ line: String) -> Frame? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first.isNumber, let address = trimmed.range(of: " 0x") else { return nil }
        let rest = trimmed[address.upperBound...].drop { $0 != " " }.trimmingCharacters(in: .whitespaces)
        let parts = rest.components(separatedBy: " in ")
        guard let function = parts.first, !function.isEmpty else { return nil }
        let cleaned = function.replacingOccurrences(of: #" \+ \d+$"#, with: "", options: .regularExpression)
        let location = rest.range(of: " at ").map { String(rest[$0.upperBound...]) }
        return Frame(function: cleaned, location: location)
    }
}

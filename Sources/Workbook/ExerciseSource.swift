// The reference solution is the one source of an exercise's text. Its bodies stand between
// `// BEGIN SOLUTION` and `// END SOLUTION`; the learner's stub is the same file with each body
// replaced by `throw NotDone(id)`, and a known mistake is the reference with one or more bodies
// replaced by the mistake file's. So stub, reference and mistakes can never drift apart.

import Foundation

enum ExerciseSource {
    static let begin = "// BEGIN SOLUTION"
    static let end = "// END SOLUTION"
    /// Separates the bodies in a mistake file that replaces more than one region.
    static let nextRegion = "// NEXT REGION"
    /// A mistake section that keeps the reference's body.
    static let sameAsReference = "// SAME AS REFERENCE"
    /// A mistake of one line: `// REPLACE: <a line of the reference's solution>` then `// WITH: <the
    /// wrong line>` (several pairs may follow each other).
    static let replace = "// REPLACE:"
    static let with = "// WITH:"

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    struct Region {
        var begin: Int
        var end: Int
        var indent: String
    }

    static func regions(_ lines: [String], file: String) throws -> [Region] {
        var regions: [Region] = []
        var open: (line: Int, indent: String)? = nil
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == begin {
                guard open == nil else { throw FormatError(description: "\(file):\(index + 1): nested \(begin)") }
                open = (index, String(line.prefix { $0 == " " }))
            } else if trimmed == end {
                guard let start = open else {
                    throw FormatError(description: "\(file):\(index + 1): \(end) without \(begin)")
                }
                regions.append(Region(begin: start.line, end: index, indent: start.indent))
                open = nil
            }
        }
        if open != nil { throw FormatError(description: "\(file): \(begin) is never closed") }
        if regions.isEmpty { throw FormatError(description: "\(file) has no \(begin) … \(end) region") }
        return regions
    }

    /// The reference with each body replaced.
    static func replacingBodies(of reference: String, file: String, with bodies: (Int, Region) -> [String]?)
        throws -> String
    {
        let lines = reference.components(separatedBy: "\n")
        let found = try regions(lines, file: file)
        var output: [String] = []
        var next = 0
        for (index, region) in found.enumerated() {
            output.append(contentsOf: lines[next..<region.begin])
            if let replacement = bodies(index, region) {
                output.append(contentsOf: replacement)
            } else {
                output.append(contentsOf: lines[(region.begin + 1)..<region.end])
            }
            next = region.end + 1
        }
        output.append(contentsOf: lines[next...])
        return output.joined(separator: "\n")
    }

    /// The learner's pristine file.
    static func stub(fromReference reference: String, file: String, exercise id: String) throws -> String {
        try replacingBodies(of: reference, file: file) { _, region in
            ["\(region.indent)throw NotDone(\"\(id)\")  // replace this line with your code"]
        }
    }

    /// The reference with only its solution markers removed, as the runner shows it.
    static func solution(fromReference reference: String, file: String) throws -> String {
        try replacingBodies(of: reference, file: file) { _, _ in nil }
    }

    /// The reference with the mistake's bodies in place of its own.
    static func splice(reference: String, referenceFile: String, mistake: String, mistakeFile: String) throws
        -> String
    {
        let lines = mistake.components(separatedBy: "\n")
        if lines.contains(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(replace) }) {
            return try replacingLines(
                of: reference, referenceFile: referenceFile, mistake: lines, mistakeFile: mistakeFile)
        }
        // The header is the leading comment lines (Mistake:, Diagnosis:, any explanation).
        let body = lines.drop { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("//") && trimmed != nextRegion && trimmed != sameAsReference
        }
        var sections: [[String]] = [[]]
        for line in body {
            if line.trimmingCharacters(in: .whitespaces) == nextRegion {
                sections.append([])
            } else {
                sections[sections.count - 1].append(line)
            }
        }
        let count = try regions(reference.components(separatedBy: "\n"), file: referenceFile).count
        guard sections.count <= count else {
            throw FormatError(
                description: "\(mistakeFile) has \(sections.count) bodies but its reference has \(count) regions")
        }
        return try replacingBodies(of: reference, file: referenceFile) { index, region in
            guard index < sections.count else { return nil }
            var section = sections[index]
            while let last = section.last, last.trimmingCharacters(in: .whitespaces).isEmpty { section.removeLast() }
            if section.contains(where: { $0.trimmingCharacters(in: .whitespaces) == sameAsReference }) { return nil }
            return section.map { $0.isEmpty ? $0 : region.indent + $0 }
        }
    }

    /// The reference with single lines of its solution replaced, as `REPLACE:`/`WITH:` pairs say.
    static func replacingLines(of reference: String, referenceFile: String, mistake: [String], mistakeFile: String)
        throws -> String
    {
        var pairs: [(old: String, new: String)] = []
        var pending: String? = nil
        for line in mistake.map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix(replace) {
                pending = line.dropFirst(replace.count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix(with), let old = pending {
                pairs.append((old, line.dropFirst(with.count).trimmingCharacters(in: .whitespaces)))
                pending = nil
            }
        }
        guard pending == nil, !pairs.isEmpty else {
            throw FormatError(description: "\(mistakeFile): every \(replace) line needs a \(with) line after it")
        }
        var lines = reference.components(separatedBy: "\n")
        let inside = try regions(lines, file: referenceFile).flatMap { ($0.begin + 1)..<$0.end }
        for pair in pairs {
            let matches = inside.filter { lines[$0].trimmingCharacters(in: .whitespaces) == pair.old }
            guard matches.count == 1, let index = matches.first else {
                throw FormatError(
                    description: "\(mistakeFile): the line “\(pair.old)” stands \(matches.count) times in the "
                        + "solution of \(referenceFile); it must stand exactly once")
            }
            let indent = lines[index].prefix { $0 == " " }
            lines[index] = indent + pair.new
        }
        return try replacingBodies(of: lines.joined(separator: "\n"), file: referenceFile) { _, _ in nil }
    }
}

// The numbers the notes quote from a chapter's run stay true by construction. A quoted number is
// followed by a comment naming where it comes from in that chapter's committed results.json,
//     reaches 95.00%<!--results:mnist.h30.testAccuracy--> after 30 epochs
// (invisible on the rendered page); a number with % is compared with the value × 100. The number
// must be the value rounded to the digits it shows, so a rerun that changes it fails this test
// until the notes follow.

import Foundation
import Testing

import TestSupport

/// One quoted number and the results.json path it names.
struct QuotedNumber: Equatable {
    var text: String
    var isPercent: Bool
    var path: String
    var line: Int

    /// The number as written ("1,615", "−0.4", "95.00") and how many decimals it shows.
    var value: (number: Double, decimals: Int)? {
        let plain = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "−", with: "-")
        guard let number = Double(plain) else { return nil }
        let decimals = plain.split(separator: ".").dropFirst().first?.count ?? 0
        return (number, decimals)
    }

    /// Whether `value` from the run, rounded to the decimals shown, is the quoted number.
    func matches(_ result: Double) -> Bool {
        guard let (number, decimals) = value else { return false }
        let scaled = isPercent ? result * 100 : result
        var unit = 1.0
        for _ in 0..<decimals { unit /= 10 }
        return abs(scaled - number) <= unit / 2 + 1e-9 * max(1, abs(number))
    }
}

enum NotesNumbers {
    static let pattern = #"([−-]?\d[\d,]*(?:\.\d+)?)(\s?%)?<!--\s*results:\s*([A-Za-z0-9_./\[\]-]+)\s*-->"#

    static func quotes(in notes: String) throws -> [QuotedNumber] {
        let regex = try Regex(pattern)
        var found: [QuotedNumber] = []
        for (index, line) in notes.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: regex) {
                let text = match.output[1].substring.map(String.init) ?? ""
                let percent = match.output[2].substring != nil
                let path = match.output[3].substring.map(String.init) ?? ""
                found.append(QuotedNumber(text: text, isPercent: percent, path: path, line: index + 1))
            }
        }
        return found
    }

    /// "fashion/network.testAccuracy" → ("fashion", "network.testAccuracy"); no folder → nil.
    static func split(_ path: String) -> (folder: String?, path: String) {
        guard let slash = path.firstIndex(of: "/") else { return (nil, path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// The number at a dotted path with optional [index] steps: "mnist.h100.testAccuracies[1]". A
    /// key may itself contain dots ("bptt.loss"): at each level the longest matching key wins.
    static func lookup(_ path: String, in results: Any) -> Double? {
        if path.isEmpty { return (results as? NSNumber)?.doubleValue ?? (results as? Double) }
        if path.hasPrefix("[") {
            guard let close = path.firstIndex(of: "]"), let index = Int(path.dropFirst().prefix(upTo: close)),
                let array = results as? [Any], array.indices.contains(index)
            else { return nil }
            let rest = path[path.index(after: close)...]
            return lookup(String(rest.hasPrefix(".") ? rest.dropFirst() : rest), in: array[index])
        }
        guard let dictionary = results as? [String: Any] else { return nil }
        let ends = path.indices.filter { path[$0] == "." || path[$0] == "[" } + [path.endIndex]
        for end in ends.reversed() {
            guard let value = dictionary[String(path[..<end])] else { continue }
            let rest = path[end...]
            if let found = lookup(String(rest.hasPrefix(".") ? rest.dropFirst() : rest), in: value) { return found }
        }
        return nil
    }
}

@Suite("The notes' numbers — each quoted number equals the committed run's")
struct NotesNumbersTests {
    static let chapters = (1...8).map { String(format: "%02d", $0) }

    @Test("every marked number in a chapter's notes is its results.json value, rounded as shown", arguments: chapters)
    func quotedNumbersMatch(chapter: String) throws {
        let root = TestPaths.packageRoot
        let notes = try String(
            contentsOf: root.appendingPathComponent("Chapters/Chapter\(chapter)/README.md"), encoding: .utf8)
        let quotes = try NotesNumbers.quotes(in: notes)
        #expect(quotes.count >= 3, "Chapter \(chapter)'s notes mark at least three numbers from their run")
        for quote in quotes {
            // "fashion/network.testAccuracy" reads output/ChapterNN/fashion/results.json.
            let (folder, path) = NotesNumbers.split(quote.path)
            let file = root.appendingPathComponent(
                "output/Chapter\(chapter)/\(folder.map { "\($0)/" } ?? "")results.json")
            let results = try #require(
                (try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])?["results"])
            guard let value = NotesNumbers.lookup(path, in: results) else {
                Issue.record("README.md:\(quote.line): \(file.path) has no number at \(path)")
                continue
            }
            #expect(
                quote.matches(value),
                "README.md:\(quote.line): the notes say \(quote.text)\(quote.isPercent ? "%" : ""), the run \(quote.path) = \(value)"
            )
        }
    }

    @Test("the convention: rounding to the shown digits, percentages, separators, signs, indices")
    func convention() throws {
        let quotes = try NotesNumbers.quotes(
            in: "a 95.00%<!--results:acc--> b 1,615<!--results:n--> c −0.40<!--results:list[1]-->")
        #expect(quotes.map(\.path) == ["acc", "n", "list[1]"])
        #expect(quotes[0].isPercent && quotes[0].matches(0.95))
        #expect(!quotes[0].matches(0.9506), "95.06% is not 95.00%")
        #expect(quotes[1].matches(1615.2) && !quotes[1].matches(1616))
        let results: [String: Any] = ["list": [1.0, -0.401]]
        #expect(NotesNumbers.lookup("list[1]", in: results) == -0.401)
        #expect(quotes[2].matches(-0.401) && !quotes[2].matches(-0.41))
        #expect(NotesNumbers.lookup("missing.path", in: results) == nil)
        let flat: [String: Any] = ["bptt.loss": 5.089, "a": ["b.c": [2.0, 3.0]]]
        #expect(NotesNumbers.lookup("bptt.loss", in: flat) == 5.089)
        #expect(NotesNumbers.lookup("a.b.c[1]", in: flat) == 3.0)
        #expect(NotesNumbers.split("fashion/network.testAccuracy") == ("fashion", "network.testAccuracy"))
        #expect(NotesNumbers.split("network.testAccuracy").folder == nil)
    }
}

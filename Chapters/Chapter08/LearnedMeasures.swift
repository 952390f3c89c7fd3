// The measures of section 8.8, each small and tested on its own: words of a text, how many of a
// sample's words the training text holds, the five most likely next characters, and whether what
// a text opens — brackets, `$` and `$$` math, code fences — it closes, and with the right closer.

import Foundation
import NeuralCore

/// The words of `text`: maximal runs of letters, lower-cased ("Don't" gives "don" and "t").
func splitWords(_ text: String) -> [String] {
    var result: [String] = []
    var current = ""
    for character in text {
        if character.isLetter {
            current.append(character)
        } else if !current.isEmpty {
            result.append(current.lowercased())
            current = ""
        }
    }
    if !current.isEmpty { result.append(current.lowercased()) }
    return result
}

/// What a sample looks like, as numbers: the fraction of its characters that are spaces, the mean
/// length of its words, the fraction of its words of at least `knownMinimum` letters (counted with
/// repeats) that the training text has (single letters and pairs are words of the text by chance).
struct SampleMeasures: Equatable {
    var spaces: Double
    var meanWordLength: Double
    var knownWords: Double
    var words: Int

    init(text: String, known: Set<String>) {
        let characters = text.count
        spaces = Double(text.filter { $0 == " " }.count) / Double(max(characters, 1))
        let all = splitWords(text)
        words = all.count
        meanWordLength = all.isEmpty ? 0 : Double(all.reduce(0) { $0 + $1.count }) / Double(all.count)
        func knownFraction(_ lengths: ClosedRange<Int>) -> Double {
            let picked = all.filter { lengths.contains($0.count) }
            return picked.isEmpty ? 0 : Double(picked.filter { known.contains($0) }.count) / Double(picked.count)
        }
        knownWords = knownFraction(Self.knownMinimum...Int.max)
        knownShort = knownFraction(Self.knownMinimum...5)
        knownLong = knownFraction(6...Int.max)
    }

    /// The same fraction over words of 3–5 letters only, and over words of 6 or more.
    var knownShort: Double
    var knownLong: Double

    /// The shortest words `knownWords` looks up.
    static let knownMinimum = 3
}

/// The word lengths 8.8's novelty table groups by.
let noveltyLengths: [(name: String, range: ClosedRange<Int>)] = [
    ("1–3 letters", 1...3), ("4–6 letters", 4...6), ("7–9 letters", 7...9), ("10 or more", 10...Int.max),
]

/// How many of a sample's words are new (not among `known`, the training text's words) and how
/// many are copied, over word tokens (with repeats) and over distinct words, and by length.
struct Novelty: Equatable {
    var tokens = 0
    var newTokens = 0
    var distinct = 0
    var newDistinct = 0
    /// Per `noveltyLengths` group: (word tokens, new ones).
    var byLength: [(tokens: Int, new: Int)]

    init(words: [String], known: Set<String>) {
        byLength = noveltyLengths.map { _ in (0, 0) }
        for word in words {
            let isNew = !known.contains(word)
            tokens += 1
            if isNew { newTokens += 1 }
            if let group = noveltyLengths.firstIndex(where: { $0.range.contains(word.count) }) {
                byLength[group].tokens += 1
                if isNew { byLength[group].new += 1 }
            }
        }
        let unique = Set(words)
        distinct = unique.count
        newDistinct = unique.filter { !known.contains($0) }.count
    }

    var newFraction: Double { Double(newTokens) / Double(max(tokens, 1)) }
    var newDistinctFraction: Double { Double(newDistinct) / Double(max(distinct, 1)) }

    static func == (a: Novelty, b: Novelty) -> Bool {
        a.tokens == b.tokens && a.newTokens == b.newTokens && a.distinct == b.distinct
            && a.newDistinct == b.newDistinct && a.byLength.map(\.tokens) == b.byLength.map(\.tokens)
            && a.byLength.map(\.new) == b.byLength.map(\.new)
    }
}

/// The `count` most likely entries of `probabilities`, most likely first (ties: lower index first).
func topFive(_ probabilities: [Double], count: Int = 5) -> [(index: Int, probability: Double)] {
    let order = probabilities.indices.sorted { a, b in
        probabilities[a] != probabilities[b] ? probabilities[a] > probabilities[b] : a < b
    }
    return order.prefix(count).map { ($0, probabilities[$0]) }
}

/// What a text can open and must close.
enum Opener: Int, CaseIterable, Sendable {
    case parenthesis, bracket, brace, dollar, displayMath, fence

    /// "( )", "$ $", "``` ```".
    var name: String {
        switch self {
        case .parenthesis: "( )"
        case .bracket: "[ ]"
        case .brace: "{ }"
        case .dollar: "$ $"
        case .displayMath: "$$ $$"
        case .fence: "``` ```"
        }
    }

    /// The key in results.json.
    var key: String {
        switch self {
        case .parenthesis: "parentheses"
        case .bracket: "brackets"
        case .brace: "braces"
        case .dollar: "dollars"
        case .displayMath: "displayMath"
        case .fence: "codeFences"
        }
    }

    var closer: Character? {
        switch self {
        case .parenthesis: ")"
        case .bracket: "]"
        case .brace: "}"
        default: nil
        }
    }
}

/// What became of what a text opened, per kind. An opener is *closed* by its own closer, *closed
/// wrongly* when a different bracket's closer meets it first (`(` … `]`), *unclosed* when the
/// paragraph ends (a blank line, outside code fences), or an enclosing `$`, `$$` or fence closes,
/// before it does. Openers still open at the end of the text are undecided and not counted.
struct ClosingCounts: Equatable {
    var closed = Array(repeating: 0, count: Opener.allCases.count)
    var wrong = Array(repeating: 0, count: Opener.allCases.count)
    var unclosed = Array(repeating: 0, count: Opener.allCases.count)
    /// Closers `)`, `]`, `}` with no bracket open in their paragraph or math.
    var strayClosers = 0

    /// Openers whose fate the text decided.
    func decided(_ kind: Opener) -> Int { closed[kind.rawValue] + wrong[kind.rawValue] + unclosed[kind.rawValue] }

    /// The fraction of decided openers closed by the right closer (nil when none was decided).
    func closedFraction(_ kind: Opener) -> Double? {
        decided(kind) == 0 ? nil : Double(closed[kind.rawValue]) / Double(decided(kind))
    }

    /// Scans `text` once with a stack of open things.
    init(text: String) {
        let characters = Array(text)
        var stack: [Opener] = []
        func abandon(above index: Int) {
            while stack.count > index + 1 { unclosed[stack.removeLast().rawValue] += 1 }
        }
        /// Closes the innermost open `kind` if there is one (what it encloses is unclosed), else opens one.
        func toggle(_ kind: Opener) {
            if let index = stack.lastIndex(of: kind) {
                abandon(above: index)
                stack.removeLast()
                closed[kind.rawValue] += 1
            } else {
                stack.append(kind)
            }
        }
        var i = 0
        while i < characters.count {
            let character = characters[i]
            func next(_ offset: Int) -> Character? {
                i + offset < characters.count ? characters[i + offset] : nil
            }
            switch character {
            case "`" where next(1) == "`" && next(2) == "`":
                toggle(.fence)
                i += 3
                continue
            case "$" where next(1) == "$":
                toggle(.displayMath)
                i += 2
                continue
            case "$":
                toggle(.dollar)
            case "(": stack.append(.parenthesis)
            case "[": stack.append(.bracket)
            case "{": stack.append(.brace)
            case ")", "]", "}":
                if let top = stack.last, top.closer != nil {
                    stack.removeLast()
                    if top.closer == character { closed[top.rawValue] += 1 } else { wrong[top.rawValue] += 1 }
                } else {
                    strayClosers += 1
                }
            case "\n" where next(1) == "\n" && !stack.contains(.fence):
                // A blank line ends the paragraph: whatever it left open is unclosed.
                for kind in stack { unclosed[kind.rawValue] += 1 }
                stack.removeAll()
            default: break
            }
            i += 1
        }
    }
}

// Section 7.7's pieces: the corpus cut into sentences of words, a vocabulary of the C most frequent
// words with SENTENCE_START, SENTENCE_END and UNKNOWN, the padded batches the vanilla network of
// Eq. 7.1 trains on one sentence per column, and the counts (parameters, multiply-adds) of Eq. 7.13.

import Foundation
import NeuralCore

/// The tokenizer of 7.7, one stated rule.
///
/// 1. Mathematics and code are dropped, each span replaced by a space: `$$…$$` (also across lines),
///    `$…$` and `` `…` `` within a line, fenced blocks between ```` ``` ```` lines; a lone `$` or
///    `` ` `` without its partner on the line is dropped. HTML comments `<!--…-->` and link targets
///    `](…)` are dropped (the link's text stays).
/// 2. Sentences end at `.`, `!` or `?` followed by white space or the end of a line, at a blank
///    line, and around every heading (`#…`) and table row (`|…`); a list item (`- `, `* `, `1. `)
///    starts a new sentence.
/// 3. Words are the maximal runs of letters (any script, so Greek η is a word) and apostrophes,
///    lower-cased; the typographic ’ is read as ', and apostrophes at a word's ends are trimmed.
///    Digits and every other symbol separate words. Empty sentences are dropped.
enum WordTokenizer {
    /// Rule 1: the text with mathematics, code, comments and link targets replaced by spaces.
    static func prose(_ text: String) -> String {
        let c = Array(text)
        var out = String()
        out.reserveCapacity(c.count)
        var i = 0
        func starts(_ s: String, at k: Int) -> Bool {
            var k = k
            for ch in s {
                guard k < c.count, c[k] == ch else { return false }
                k += 1
            }
            return true
        }
        /// The index just past the next `close` from `k` (within the line when `sameLine`), or nil.
        func end(of close: String, from k: Int, sameLine: Bool) -> Int? {
            var k = k
            while k < c.count {
                if sameLine && c[k].isNewline { return nil }
                if starts(close, at: k) { return k + close.count }
                k += 1
            }
            return nil
        }
        while i < c.count {
            if starts("```", at: i) {
                // A fence: everything to the closing fence is code (its own paragraph).
                out += "\n\n"
                i = end(of: "```", from: i + 3, sameLine: false) ?? c.count
            } else if starts("$$", at: i) {
                out += " "
                i = end(of: "$$", from: i + 2, sameLine: false) ?? c.count
            } else if starts("<!--", at: i) {
                out += " "
                i = end(of: "-->", from: i + 4, sameLine: false) ?? c.count
            } else if c[i] == "$" || c[i] == "`" {
                out += " "
                i = end(of: String(c[i]), from: i + 1, sameLine: true) ?? (i + 1)
            } else if starts("](", at: i) {
                out += "]"
                i = end(of: ")", from: i + 2, sameLine: true) ?? (i + 2)
            } else {
                out.append(c[i])
                i += 1
            }
        }
        return out
    }

    /// Rules 2 and 3: the sentences of `text`, each a list of lower-case words.
    static func sentences(_ text: String) -> [[String]] {
        var sentences: [[String]] = []
        var sentence: [String] = []
        var word = ""
        func endWord() {
            var trimmed = Substring(word)
            while trimmed.first == "'" { trimmed = trimmed.dropFirst() }
            while trimmed.last == "'" { trimmed = trimmed.dropLast() }
            if !trimmed.isEmpty { sentence.append(String(trimmed)) }
            word = ""
        }
        func endSentence() {
            endWord()
            if !sentence.isEmpty { sentences.append(sentence) }
            sentence = []
        }
        for rawLine in prose(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.allSatisfy(\.isWhitespace) {
                endSentence()
                continue
            }
            let own = line.hasPrefix("#") || line.hasPrefix("|")
            let item =
                line.hasPrefix("- ") || line.hasPrefix("* ")
                || (line.first?.isNumber == true && line.drop { $0.isNumber }.hasPrefix(". "))
            if own || item { endSentence() }
            let characters = Array(line)
            for (k, ch) in characters.enumerated() {
                if ch.isLetter {
                    word += ch.lowercased()
                } else if ch == "'" || ch == "’" {
                    word += "'"
                } else if ch == "." || ch == "!" || ch == "?" {
                    if k + 1 == characters.count || characters[k + 1].isWhitespace { endSentence() } else { endWord() }
                } else {
                    endWord()
                }
            }
            endWord()
            if own { endSentence() }
        }
        endSentence()
        return sentences
    }
}

/// The word model's tokens: SENTENCE_START, SENTENCE_END, UNKNOWN and the C most frequent words.
struct WordVocabulary: Sendable, Equatable {
    static let start = 0
    static let end = 1
    static let unknown = 2
    static let specialNames = ["SENTENCE_START", "SENTENCE_END", "UNKNOWN"]

    /// Every token in index order: the three markers, then the words from most to least frequent.
    let tokens: [String]
    /// How often each kept word occurs in the sentences the vocabulary was built from.
    let counts: [Int]
    private let indexOf: [String: Int]

    /// The `words` most frequent words of `sentences` (ties in alphabetical order; fewer when the
    /// sentences have fewer distinct words).
    init(sentences: [[String]], words: Int) {
        var frequency: [String: Int] = [:]
        for sentence in sentences { for word in sentence { frequency[word, default: 0] += 1 } }
        let ranked = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(words)
        tokens = Self.specialNames + ranked.map(\.key)
        counts = ranked.map(\.value)
        var indexOf: [String: Int] = [:]
        for (index, word) in ranked.map(\.key).enumerated() { indexOf[word] = index + Self.specialNames.count }
        self.indexOf = indexOf
    }

    /// C, the width of the input and of the softmax: the kept words and the three markers.
    var count: Int { tokens.count }

    /// A word's index, or UNKNOWN's.
    func index(_ word: String) -> Int { indexOf[word] ?? Self.unknown }

    /// Eq. 7.12's sequence for one sentence: inputs SENTENCE_START, w₁ … w_m and targets
    /// w₁ … w_m, SENTENCE_END (the targets are the inputs shifted by one).
    func encode(_ sentence: [String]) -> (inputs: [Int], targets: [Int]) {
        let words = sentence.map(index)
        return ([Self.start] + words, words + [Self.end])
    }

    /// The printed form of generated tokens, cut at the first SENTENCE_END.
    func text(_ indices: [Int]) -> String {
        indices.prefix { $0 != Self.end }.map { $0 == Self.unknown ? "⟨unknown⟩" : tokens[$0] }.joined(
            separator: " ")
    }

    /// The fraction of the words of `sentences` that have a token of their own (not UNKNOWN).
    func coverage(_ sentences: [[String]]) -> Double {
        let words = sentences.reduce(0) { $0 + $1.count }
        let known = sentences.reduce(0) { $0 + $1.filter { indexOf[$0] != nil }.count }
        return Double(known) / Double(max(words, 1))
    }
}

/// Padded batches of whole sentences: one sentence per column, all starting from h₀ = 0.
enum WordBatches {
    /// The inputs and targets of `encoded` sentences side by side, T = the longest sequence; a
    /// shorter sequence's missing steps read SENTENCE_END and carry the ignored target −1, so they
    /// add no loss (the model divides by the number of real targets, `.perTarget`).
    static func batch(_ encoded: [(inputs: [Int], targets: [Int])]) -> (inputs: [StepInput], targets: [[Int]]) {
        let steps = encoded.map(\.inputs.count).max() ?? 0
        var inputs: [StepInput] = []
        var targets: [[Int]] = []
        for t in 0..<steps {
            inputs.append(.oneHot(encoded.map { t < $0.inputs.count ? $0.inputs[t] : WordVocabulary.end }))
            targets.append(encoded.map { t < $0.targets.count ? $0.targets[t] : SequenceModel<VanillaCell>.ignored })
        }
        return (inputs, targets)
    }

    /// The mean loss per predicted token (nats) of `model` on `encoded`, in batches of `size`:
    /// −(1/N) Σ log P(wᵢ | w₁ … wᵢ₋₁) over every word and every SENTENCE_END, N their number.
    static func meanLoss(
        _ model: SequenceModel<VanillaCell>, on encoded: [(inputs: [Int], targets: [Int])], size: Int = 64
    ) -> Double {
        var total = 0.0
        var count = 0
        var perToken = model
        perToken.normalization = .perTarget
        for start in stride(from: 0, to: encoded.count, by: size) {
            let chunk = Array(encoded[start..<min(start + size, encoded.count)])
            let (inputs, targets) = batch(chunk)
            let n = chunk.reduce(0) { $0 + $1.targets.count }
            total += perToken.loss(perToken.forward(inputs), targets: targets) * Double(n)
            count += n
        }
        return total / Double(max(count, 1))
    }

    /// The loss per token of the unigram model: each token drawn from the training frequencies of
    /// the targets (words, UNKNOWN and SENTENCE_END; add-one smoothed over the C tokens).
    static func unigramLoss(
        training: [(inputs: [Int], targets: [Int])], held: [(inputs: [Int], targets: [Int])], tokens: Int
    ) -> Double {
        var counts = [Double](repeating: 1, count: tokens)
        for sequence in training { for y in sequence.targets { counts[y] += 1 } }
        let total = counts.reduce(0, +)
        var loss = 0.0
        var n = 0
        for sequence in held {
            for y in sequence.targets {
                loss -= log(counts[y] / total)
                n += 1
            }
        }
        return loss / Double(max(n, 1))
    }
}

/// The counts of Eq. 7.13 for the vanilla network with C tokens and H hidden units.
enum WordModelCost {
    /// U (H × C), W (H × H), b (H), V (C × H), c (C): 2HC + H² + H + C.
    static func parameters(tokens c: Int, hidden h: Int) -> Int { 2 * h * c + h * h + h + c }

    /// Multiply-adds of one token's forward and backward pass, (softmax layer, recurrent layer):
    /// V h, ∂L/∂V and Vᵀ ∂L/∂o are C·H each; W h, ∂L/∂W and Wᵀ δ are H² each (U x is a lookup
    /// and ∂L/∂U one column, H each).
    static func multiplyAdds(tokens c: Int, hidden h: Int) -> (output: Int, recurrent: Int) {
        (3 * c * h, 3 * h * h + 2 * h)
    }
}

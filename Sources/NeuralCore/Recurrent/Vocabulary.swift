// The symbols of a text and their encodings: each character an index 0..<V, or the one-hot
// column with a single 1 at that index.

/// A character that is not one of a vocabulary's symbols.
public struct VocabularyError: Error, CustomStringConvertible, Sendable, Equatable {
    public var symbol: Character
    public var count: Int

    public var description: String {
        "\(symbol.debugDescription) is not one of the vocabulary's \(count) symbols"
    }
}

/// The distinct characters of a text, sorted, each with an index (Eq. 7.1's xₜ is the one-hot
/// vector of the character's index).
public struct Vocabulary: Sendable, Equatable {
    /// The symbols in index order.
    public let symbols: [Character]
    private let indexOf: [Character: Int]
    /// The index that every character outside the vocabulary is read as, in a vocabulary capped
    /// at a maximum size (its symbol is `Vocabulary.otherSymbol`); nil when every character of the
    /// text has its own index.
    public let otherIndex: Int?

    /// The symbol that stands for the characters a capped vocabulary leaves out: "�", U+FFFD.
    public static let otherSymbol: Character = "\u{FFFD}"

    /// The distinct characters of `text`, sorted by their Unicode scalars.
    public init(text: String) {
        self.init(symbols: Self.sorted(Array(Set(text))))
    }

    /// The distinct characters of `text` if there are at most `maximumCount` of them; otherwise
    /// its `maximumCount − 1` most frequent characters (ties to the earlier in Unicode order) and
    /// `otherSymbol`, which every other character of the text — and a "�" of the text itself —
    /// is read as. Sorted by Unicode scalars either way.
    public init(text: String, maximumCount: Int) {
        precondition(maximumCount >= 2, "Vocabulary: a maximum of \(maximumCount) symbols")
        var counts: [Character: Int] = [:]
        for symbol in text { counts[symbol, default: 0] += 1 }
        guard counts.count > maximumCount else {
            self.init(symbols: Self.sorted(Array(counts.keys)))
            return
        }
        let ranked = counts.filter { $0.key != Self.otherSymbol }.sorted { a, b in
            a.value != b.value ? a.value > b.value : Self.precedes(a.key, b.key)
        }
        let kept = ranked.prefix(maximumCount - 1).map(\.key)
        self.init(symbols: Self.sorted(kept + [Self.otherSymbol]), other: Self.otherSymbol)
    }

    /// A vocabulary with exactly these symbols in this order (they must be distinct).
    public init(symbols: [Character]) {
        self.init(symbols: symbols, other: nil)
    }

    private init(symbols: [Character], other: Character?) {
        var indexOf: [Character: Int] = [:]
        for (index, symbol) in symbols.enumerated() {
            precondition(indexOf[symbol] == nil, "Vocabulary: symbol \(symbol.debugDescription) appears twice")
            indexOf[symbol] = index
        }
        self.symbols = symbols
        self.indexOf = indexOf
        self.otherIndex = other.flatMap { indexOf[$0] }
    }

    private static func precedes(_ a: Character, _ b: Character) -> Bool {
        String(a).unicodeScalars.lexicographicallyPrecedes(String(b).unicodeScalars)
    }

    private static func sorted(_ symbols: [Character]) -> [Character] {
        symbols.sorted(by: precedes)
    }

    /// K, the number of symbols.
    public var count: Int { symbols.count }

    /// The index of `symbol` if it is one of the symbols, or nil (also in a capped vocabulary:
    /// a character left out has no index of its own).
    public func index(of symbol: Character) -> Int? { indexOf[symbol] }

    /// The index encoding of `text`: each character's index, or `otherIndex` for a character that
    /// is not a symbol; throws for such a character when there is no `otherIndex`.
    public func indices(of text: String) throws(VocabularyError) -> [Int] {
        var indices: [Int] = []
        indices.reserveCapacity(text.utf8.count)
        for symbol in text {
            guard let index = indexOf[symbol] ?? otherIndex else {
                throw VocabularyError(symbol: symbol, count: count)
            }
            indices.append(index)
        }
        return indices
    }

    /// The text of an index sequence.
    public func text(of indices: [Int]) -> String {
        String(indices.map { symbols[$0] })
    }

    /// The one-hot encoding of one index: a K × 1 column with a 1 at `index`.
    public func oneHot(_ index: Int) -> Matrix {
        oneHot([index])
    }

    /// The one-hot encodings of `indices` side by side: K × n, column k has a 1 at row indices[k].
    public func oneHot(_ indices: [Int]) -> Matrix {
        Matrix.oneHot(indices, classes: count)
    }

    /// A printable name for a symbol: "␣" for a space, "↵" for a line end, "⇥" for a tab, the
    /// control pictures ␀…␟ and ␡ for the other control characters.
    public func displayName(of index: Int) -> String {
        Self.displayName(symbols[index])
    }

    /// The printable name of `symbol` (as `displayName(of:)`).
    public static func displayName(_ symbol: Character) -> String {
        switch symbol {
        case " ": return "␣"
        case "\n", "\r\n", "\r": return "↵"
        case "\t": return "⇥"
        default:
            var name = String.UnicodeScalarView()
            for scalar in symbol.unicodeScalars {
                if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) {
                    name.append(picture)
                } else if scalar.value == 0x7F {
                    name.append("␡")
                } else {
                    name.append(scalar)
                }
            }
            return String(name)
        }
    }
}

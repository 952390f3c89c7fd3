// The symbols of a text and their encodings: each character an index 0..<V, or the one-hot
// column with a single 1 at that index.

/// The distinct characters of a text, sorted, each with an index (Eq. 7.1's xₜ is the one-hot
/// vector of the character's index).
public struct Vocabulary: Sendable, Equatable {
    /// The symbols in index order.
    public let symbols: [Character]
    private let indexOf: [Character: Int]

    /// The distinct characters of `text`, sorted by their Unicode scalars.
    public init(text: String) {
        self.init(
            symbols: Array(Set(text)).sorted {
                String($0).unicodeScalars.lexicographicallyPrecedes(String($1).unicodeScalars)
            })
    }

    /// A vocabulary with exactly these symbols in this order (they must be distinct).
    public init(symbols: [Character]) {
        var indexOf: [Character: Int] = [:]
        for (index, symbol) in symbols.enumerated() {
            precondition(indexOf[symbol] == nil, "Vocabulary: symbol \(symbol.debugDescription) appears twice")
            indexOf[symbol] = index
        }
        self.symbols = symbols
        self.indexOf = indexOf
    }

    /// V, the number of symbols.
    public var count: Int { symbols.count }

    /// The index of `symbol`, or nil if it is not in the vocabulary.
    public func index(of symbol: Character) -> Int? { indexOf[symbol] }

    /// The index encoding of `text`; every character must be in the vocabulary.
    public func indices(of text: String) -> [Int] {
        text.map { symbol in
            guard let index = indexOf[symbol] else {
                preconditionFailure("Vocabulary: \(symbol.debugDescription) is not one of the \(count) symbols")
            }
            return index
        }
    }

    /// The text of an index sequence.
    public func text(of indices: [Int]) -> String {
        String(indices.map { symbols[$0] })
    }

    /// The one-hot encoding of one index: a V × 1 column with a 1 at `index`.
    public func oneHot(_ index: Int) -> Matrix {
        oneHot([index])
    }

    /// The one-hot encodings of `indices` side by side: V × n, column k has a 1 at row indices[k].
    public func oneHot(_ indices: [Int]) -> Matrix {
        Matrix.oneHot(indices, classes: count)
    }

    /// A printable name for a symbol: "␣" for a space, "↵" for a newline, "⇥" for a tab.
    public func displayName(of index: Int) -> String {
        switch symbols[index] {
        case " ": "␣"
        case "\n", "\r\n": "↵"
        case "\t": "⇥"
        default: String(symbols[index])
        }
    }
}

// The two generated tasks of Chapter 08: the long-lag recall task (8.4) and the nested-bracket
// strings (8.5). Both draw everything from the generator they are given.

import NeuralCore

/// Remember the first symbol: step 0 shows one of `classes` symbols, steps 1…T−1 show random
/// distractors, step T shows the query "?", and the answer at step T is the first symbol.
struct LongLagTask: Sendable {
    static let classes = 4
    static let distractors = 32
    /// Symbols: 0..<4 the classes (A–D), 4..<36 the distractors, 36 the query. Many distractors
    /// span the whole hidden space of a small network, so they cannot all be written around.
    static let vocabulary = classes + distractors + 1
    static let query = classes + distractors

    /// The lag T: steps between the symbol and the question.
    let lag: Int

    func batch(size: Int, using generator: inout SeededGenerator) -> TaggedBatch {
        let answers = (0..<size).map { _ in generator.integer(below: Self.classes) }
        var inputs = [answers]
        for _ in 1..<lag {
            inputs.append((0..<size).map { _ in Self.classes + generator.integer(below: Self.distractors) })
        }
        inputs.append(Array(repeating: Self.query, count: size))
        var targets = Array(repeating: Array(repeating: -1, count: size), count: lag)
        targets.append(answers)
        return TaggedBatch(inputs: inputs, targets: targets)
    }
}

/// Strings of brackets and filler letters whose next character depends on the nesting depth d:
/// (8.18) P("(") = q(1 − d/D), P(")") = q d/D, P(filler) = 1 − q. The best predictor of the next
/// character must therefore know d exactly, and a model trained to predict it must count.
struct BracketTask: Sendable {
    static let symbols = ["(", ")", "a", "b"]
    static let open = 0
    static let close = 1
    /// The deepest nesting allowed, D.
    let maximumDepth: Int
    /// q, the probability of a bracket.
    let bracketProbability: Double

    /// One string of `length` symbols and its depth after each symbol.
    func string(length: Int, using generator: inout SeededGenerator) -> (symbols: [Int], depths: [Int]) {
        var depth = 0
        var symbols: [Int] = []
        var depths: [Int] = []
        for _ in 0..<length {
            let u = generator.uniform()
            let openLimit = bracketProbability * (1 - Double(depth) / Double(maximumDepth))
            let symbol: Int
            if u < openLimit {
                symbol = Self.open
                depth += 1
            } else if u < bracketProbability {
                symbol = Self.close
                depth -= 1
            } else {
                symbol = 2 + generator.integer(below: 2)
            }
            symbols.append(symbol)
            depths.append(depth)
        }
        return (symbols, depths)
    }

    /// A batch for next-character prediction: the target at step t is the symbol at t + 1.
    func batch(size: Int, length: Int, using generator: inout SeededGenerator) -> TaggedBatch {
        let strings = (0..<size).map { _ in string(length: length + 1, using: &generator).symbols }
        let inputs = (0..<length).map { t in strings.map { $0[t] } }
        let targets = (0..<length).map { t in strings.map { $0[t + 1] } }
        return TaggedBatch(inputs: inputs, targets: targets)
    }
}

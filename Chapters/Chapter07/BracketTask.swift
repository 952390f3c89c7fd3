// The task of 7.8: random strings of brackets, each "(" tagged with whether a later ")" closes it.
// The tag depends on the future only, so a network reading left to right can do no better than
// the Bayes bound computed here; one that also reads right to left can.

import Foundation
import NeuralCore

/// Random bracket strings and their tags.
enum BracketTask {
    /// Symbol 0 is "(", symbol 1 is ")".
    static let open = 0
    static let close = 1
    /// Tag 1: this "(" is closed later; tag 0: it is never closed.
    static let closed = 1
    static let unclosed = 0

    /// A string of `length` symbols, each "(" or ")" with probability ½.
    static func string(length: Int, using generator: inout SeededGenerator) -> [Int] {
        (0..<length).map { _ in generator.integer(below: 2) }
    }

    /// "(" and ")" for symbols 0 and 1.
    static func text(_ symbols: [Int]) -> String {
        String(symbols.map { $0 == open ? "(" : ")" })
    }

    /// The tags of a string, read by the usual matching rule (a ")" closes the nearest unclosed "("
    /// before it; a ")" with none open closes nothing): 1 for a "(" that some later ")" closes,
    /// 0 for a "(" left open at the end, and `SequenceModel.ignored` (−1) for every ")".
    static func tags(_ symbols: [Int]) -> [Int] {
        var tags = [Int](repeating: SequenceModel<VanillaCell>.ignored, count: symbols.count)
        var open: [Int] = []
        for (t, symbol) in symbols.enumerated() {
            if symbol == Self.open {
                tags[t] = unclosed
                open.append(t)
            } else if let opened = open.popLast() {
                tags[opened] = closed
            }
        }
        return tags
    }

    /// Eq. 7.19: the probability that a "(" with `remaining` random symbols after it is closed,
    /// 1 − C(n, ⌊n/2⌋) / 2ⁿ for n = `remaining`.
    ///
    /// The "(" is closed exactly when the depth after it falls by one somewhere in the n later
    /// symbols: when the ±1 walk of those symbols (+1 for "(", −1 for ")") reaches −1. The walks of
    /// n steps that never go below 0 number C(n, ⌊n/2⌋) (the ballot theorem), so the rest close it.
    /// This does not depend on the symbols before the "(": the past says nothing about the tag.
    static func closedProbability(remaining n: Int) -> Double {
        precondition(n >= 0, "closedProbability: \(n) remaining symbols")
        // C(n, ⌊n/2⌋) / 2ⁿ as a running product, exact enough and free of overflow.
        var ratio = 1.0
        let k = n / 2
        for i in 0..<k { ratio *= Double(n - i) / Double(k - i) }
        return 1 - ratio / pow(2, Double(n))
    }

    /// The best accuracy any reader of x₁ … xₜ alone can reach on the "(" at 0-based position t of a
    /// string of `length`: max(q, 1 − q) with q from Eq. 7.19 for the length − 1 − t symbols after it.
    static func pastOnlyBound(position t: Int, length: Int) -> Double {
        let q = closedProbability(remaining: length - 1 - t)
        return max(q, 1 - q)
    }

    /// The lowest mean loss (nats per tagged "(") a reader of the past can reach: the entropy
    /// −q log q − (1 − q) log(1 − q) of Eq. 7.19's q, averaged over the positions (every position
    /// holds a "(" with probability ½, so each weighs the same).
    static func pastOnlyLoss(length: Int) -> Double {
        let entropies = (0..<length).map { t -> Double in
            let q = closedProbability(remaining: length - 1 - t)
            return q <= 0 || q >= 1 ? 0 : -(q * log(q) + (1 - q) * log(1 - q))
        }
        return entropies.reduce(0, +) / Double(length)
    }

    /// A batch of `batch` fresh strings as one-hot inputs and tags, step-major as `SequenceModel` reads them.
    static func batch(
        _ batch: Int, length: Int, using generator: inout SeededGenerator
    ) -> (inputs: [StepInput], targets: [[Int]], strings: [[Int]]) {
        let strings = (0..<batch).map { _ in string(length: length, using: &generator) }
        let tags = strings.map(Self.tags)
        let inputs = (0..<length).map { t in StepInput.oneHot(strings.map { $0[t] }) }
        let targets = (0..<length).map { t in tags.map { $0[t] } }
        return (inputs, targets, strings)
    }

    /// Per position: how many tagged "(" there are and how many `predictions` (the argmax of each
    /// column of ŷₜ, output × B) got right. `probabilities[t]` is ŷₜ for the batch.
    static func tally(
        probabilities: [Matrix], targets: [[Int]], correct: inout [Int], counted: inout [Int]
    ) {
        for (t, p) in probabilities.enumerated() {
            for (b, y) in targets[t].enumerated() where y >= 0 {
                let predicted = p[1, b] > p[0, b] ? 1 : 0
                counted[t] += 1
                if predicted == y { correct[t] += 1 }
            }
        }
    }

    /// The hidden size H of a one-directional vanilla network (2 inputs, 2 outputs: H² + 5H + 2
    /// parameters) whose parameter count is nearest to that of a bidirectional one with `hidden`
    /// units each way (2H² + 10H + 2): Eq. 7.20.
    static func matchedHidden(bidirectional hidden: Int) -> Int {
        let target = bidirectionalParameters(hidden: hidden)
        return (1...(4 * hidden + 4)).min {
            abs(oneDirectionalParameters(hidden: $0) - target) < abs(oneDirectionalParameters(hidden: $1) - target)
        }!
    }

    /// H² + 5H + 2: U (H × 2), W, b, V (2 × H), c.
    static func oneDirectionalParameters(hidden h: Int) -> Int { h * h + 5 * h + 2 }
    /// 2(H² + 3H) + 2·2H + 2: two cells, V→, V← and c.
    static func bidirectionalParameters(hidden h: Int) -> Int { 2 * h * h + 10 * h + 2 }
}

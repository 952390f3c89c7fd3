// The generated tasks: the long-lag sequences ask for the first symbol at the last step only,
// and the bracket strings follow their depth rule with the predicted stationary distribution.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — the long-lag and bracket tasks")
struct TaskTests {
    @Test("Long-lag batches: symbol at step 0, distractors, query at T, target only at T", arguments: [1, 2, 30])
    func longLagBatch(lag: Int) {
        var generator = SeededGenerator(seed: 1)
        let batch = LongLagTask(lag: lag).batch(size: 16, using: &generator)
        #expect(batch.length == lag + 1)
        #expect(batch.targets[lag] == batch.inputs[0])
        #expect(batch.inputs[lag].allSatisfy { $0 == LongLagTask.query })
        #expect(batch.inputs[0].allSatisfy { $0 < LongLagTask.classes })
        for t in 1..<lag {
            #expect(batch.inputs[t].allSatisfy { $0 >= LongLagTask.classes && $0 < LongLagTask.query })
        }
        for t in 0..<lag { #expect(batch.targets[t].allSatisfy { $0 == -1 }) }
    }

    @Test("Eq. 8.18 — Bracket strings: depth follows the brackets and stays within 0…D")
    func bracketDepths() {
        var generator = SeededGenerator(seed: 2)
        let task = BracketTask(maximumDepth: 4, bracketProbability: 0.6)
        let (symbols, depths) = task.string(length: 5000, using: &generator)
        var depth = 0
        for (symbol, recorded) in zip(symbols, depths) {
            if symbol == BracketTask.open { depth += 1 }
            if symbol == BracketTask.close { depth -= 1 }
            #expect(recorded == depth)
        }
        #expect(depths.min()! >= 0 && depths.max()! <= 4)
    }

    @Test("Eq. 8.18 — Bracket depths occur with their stationary probabilities (within 5 standard errors)")
    func stationaryDistribution() {
        var generator = SeededGenerator(seed: 4)
        let task = BracketTask(maximumDepth: 6, bracketProbability: 0.7)
        let predicted = depthDistribution(task)
        let (_, depths) = task.string(length: 200_000, using: &generator)
        for depth in 0...6 {
            let observed = Double(depths.filter { $0 == depth }.count) / Double(depths.count)
            // Successive depths are correlated; 20× the i.i.d. variance is a generous allowance.
            let error = (20 * predicted[depth] * (1 - predicted[depth]) / Double(depths.count)).squareRoot()
            #expect(abs(observed - predicted[depth]) < 5 * error, "depth \(depth): \(observed) vs \(predicted[depth])")
        }
        expectClose(predicted.reduce(0, +), 1, tolerance: Tolerance.exactArithmetic)
        #expect(bracketEntropy(task) < depthBlindEntropy(task))
    }

    @Test("Eq. 8.19 — Pearson correlation: ±1 for exact linear relations, 0 for an orthogonal pattern")
    func pearson() {
        let x: [Double] = [1, 2, 3, 4]
        expectClose(correlation(x, x.map { 3 * $0 - 1 }), 1, tolerance: Tolerance.exactArithmetic)
        expectClose(correlation(x, x.map { -2 * $0 }), -1, tolerance: Tolerance.exactArithmetic)
        expectClose(correlation([1, -1, 1, -1], [1, 1, -1, -1]), 0, tolerance: Tolerance.exactArithmetic)
    }
}

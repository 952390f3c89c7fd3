// How several trained networks answer together (section 5.10): by averaging their output
// activations (Eq. 5.26) or by a majority vote of their answers (Eq. 5.27). Pure functions of the
// members' outputs, so that the tests can check them on outputs written by hand.

import NeuralCore

/// The two ways 5.10 combines K networks' outputs on the same examples.
enum Ensemble {
    /// Eq. 5.26 — ā = (1/K) Σₖ aᵏ, entry by entry: the mean of the members' output activations,
    /// one column per example (classes × examples, as every member's output).
    static func averagedOutputs(_ outputs: [Matrix]) -> Matrix {
        precondition(!outputs.isEmpty, "an ensemble needs at least one member")
        let first = outputs[0]
        for output in outputs {
            precondition(
                output.rows == first.rows && output.columns == first.columns,
                "members' outputs differ in shape: \(output.rows) × \(output.columns) against \(first.rows) × \(first.columns)"
            )
        }
        var sum = Matrix(rows: first.rows, columns: first.columns)
        for output in outputs { sum.addScaled(output, by: 1) }
        return sum * (1 / Double(outputs.count))
    }

    /// The class Eq. 5.26 predicts for every example: argmaxⱼ āⱼ (the lowest j among equal maxima).
    static func averagePredictions(_ outputs: [Matrix]) -> [Int] {
        let mean = averagedOutputs(outputs)
        return (0..<mean.columns).map { column in argmax(mean.column(column)) }
    }

    /// Eq. 5.27 — the majority vote: every member votes for its own answer argmaxⱼ aᵏⱼ, and the
    /// class with the most votes wins. A tie between classes with equally many votes goes to the
    /// one of them with the largest averaged output āⱼ (Eq. 5.26); if that ties too, to the lowest
    /// class index.
    static func votePredictions(_ outputs: [Matrix]) -> [Int] {
        let mean = averagedOutputs(outputs)
        let answers = outputs.map { output in (0..<output.columns).map { argmax(output.column($0)) } }
        return (0..<mean.columns).map { column in
            var votes = [Int](repeating: 0, count: mean.rows)
            for member in answers { votes[member[column]] += 1 }
            let most = votes.max()!
            let averaged = mean.column(column)
            var winner = -1
            for j in votes.indices where votes[j] == most {
                if winner < 0 || averaged[j] > averaged[winner] { winner = j }
            }
            return winner
        }
    }

    /// The votes each class gets for every example (classes × examples), for the narrative.
    static func votes(_ outputs: [Matrix]) -> [[Int]] {
        let rows = outputs[0].rows
        return (0..<outputs[0].columns).map { column in
            var votes = [Int](repeating: 0, count: rows)
            for output in outputs { votes[argmax(output.column(column))] += 1 }
            return votes
        }
    }

    /// The fraction of `predictions` equal to `labels`.
    static func accuracy(_ predictions: [Int], labels: [Int]) -> Double {
        precondition(predictions.count == labels.count, "\(predictions.count) predictions for \(labels.count) labels")
        guard !labels.isEmpty else { return 0 }
        return Double(zip(predictions, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    /// How many examples `a` gets right and `b` wrong, and how many the other way round.
    static func disagreements(_ a: [Int], _ b: [Int], labels: [Int]) -> (onlyFirst: Int, onlySecond: Int) {
        var onlyFirst = 0
        var onlySecond = 0
        for index in labels.indices {
            let first = a[index] == labels[index]
            let second = b[index] == labels[index]
            if first && !second { onlyFirst += 1 }
            if second && !first { onlySecond += 1 }
        }
        return (onlyFirst, onlySecond)
    }

    /// The index of the largest value, the lowest index among equal largest values.
    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for index in values.indices where values[index] > values[best] { best = index }
        return best
    }
}

// Section 5.10: the two ways of combining networks (Eq. 5.26–5.27) on outputs written by hand,
// the tie rule, an ensemble of one, and the counts of disagreements.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — ensembles")
struct EnsembleTests {
    /// Three members, three classes, four examples (columns), chosen so that the average and the
    /// vote disagree on example 0, and on example 3 every member votes for another class and the
    /// averages tie exactly too (quarters and halves add up exactly in binary).
    static let outputs = [
        Matrix([
            [0.90, 0.1, 0.2, 0.50],
            [0.05, 0.8, 0.3, 0.25],
            [0.05, 0.1, 0.5, 0.25],
        ]),
        Matrix([
            [0.30, 0.2, 0.1, 0.25],
            [0.40, 0.7, 0.1, 0.50],
            [0.30, 0.1, 0.8, 0.25],
        ]),
        Matrix([
            [0.35, 0.3, 0.3, 0.25],
            [0.45, 0.6, 0.1, 0.25],
            [0.20, 0.1, 0.6, 0.50],
        ]),
    ]

    @Test("Eq. 5.26 — the averaged outputs are the entry-wise mean, and the prediction its largest entry")
    func average() {
        let mean = Ensemble.averagedOutputs(Self.outputs)
        // Example 0: class 0 (0.90 + 0.30 + 0.35)/3 = 0.5167 against class 1 (0.05 + 0.40 + 0.45)/3 = 0.30.
        expectClose(mean[0, 0], (0.90 + 0.30 + 0.35) / 3, tolerance: Tolerance.exactArithmetic)
        expectClose(mean[1, 0], (0.05 + 0.40 + 0.45) / 3, tolerance: Tolerance.exactArithmetic)
        #expect(mean[0, 3] == 1.0 / 3 && mean[1, 3] == 1.0 / 3 && mean[2, 3] == 1.0 / 3)
        // A tie of the averages goes to the lowest class index.
        #expect(Ensemble.averagePredictions(Self.outputs) == [0, 1, 2, 0])
    }

    @Test("Eq. 5.27 — the vote counts each member's answer; a tie goes to the largest averaged output")
    func vote() {
        // Answers: member 1 → [0, 1, 2, 0], member 2 → [1, 1, 2, 1], member 3 → [1, 1, 2, 2].
        #expect(Ensemble.votes(Self.outputs) == [[1, 2, 0], [0, 3, 0], [0, 0, 3], [1, 1, 1]])
        // Example 0: two votes for class 1 beat the average's class 0. Example 3: one vote each and
        // equal averages, so the lowest class index, 0, wins.
        #expect(Ensemble.votePredictions(Self.outputs) == [1, 1, 2, 0])
    }

    @Test("A tied vote goes to the tied class with the larger averaged output, not the lower index")
    func tieByAverage() {
        let members = [Matrix(column: [0.6, 0.4, 0.0]), Matrix(column: [0.0, 0.9, 0.1])]
        // One vote each for classes 0 and 1; averages 0.30 and 0.65: class 1 wins.
        #expect(Ensemble.votePredictions(members) == [1])
        // A class without votes never wins, however large its average.
        let third = [Matrix(column: [0.5, 0.0, 0.45]), Matrix(column: [0.0, 0.5, 0.45])]
        #expect(Ensemble.votePredictions(third) == [0])
    }

    @Test("An ensemble of one is its member: average and vote both give the member's answers")
    func ensembleOfOne() {
        var generator = SeededGenerator(seed: 4)
        let network = Network(sizes: [5, 4, 3], hidden: .sigmoid, output: .softmax, using: &generator)
        let x = Matrix.gaussian(5, 20, standardDeviation: 1, using: &generator)
        let output = network.feedforward(x)
        #expect(Ensemble.averagedOutputs([output]) == output)
        #expect(Ensemble.averagePredictions([output]) == output.argmaxPerColumn())
        #expect(Ensemble.votePredictions([output]) == output.argmaxPerColumn())
    }

    @Test("Accuracy and the two disagreement counts against hand counts")
    func counts() {
        let labels = [0, 1, 2, 1, 0]
        let a = [0, 1, 0, 0, 0]
        let b = [1, 1, 2, 0, 0]
        expectClose(Ensemble.accuracy(a, labels: labels), 3.0 / 5, tolerance: Tolerance.exactArithmetic)
        // a right, b wrong: example 0. b right, a wrong: example 2. Both wrong: example 3.
        let (onlyA, onlyB) = Ensemble.disagreements(a, b, labels: labels)
        #expect(onlyA == 1 && onlyB == 1)
    }

    @Test("Members trained from forks of one generator differ, and the same generator trains the same members")
    func membersAreIndependentAndSeeded() throws {
        var generator = SeededGenerator(seed: 9)
        // 120 random "images" of 784 features with labels 0…9: enough to train one epoch on.
        let all = LabeledData(
            examples: Matrix.gaussian(120, 784, standardDeviation: 1, using: &generator),
            labels: (0..<120).map { $0 % 10 }, classes: 10)
        let (training, test) = (all.subset(0..<100), all.subset(100..<120))
        let start = SeededGenerator(seed: 11)
        let first = try EnsembleResult.train(members: 2, epochs: 1, training: training, test: test, start: start)
        let again = try EnsembleResult.train(members: 2, epochs: 1, training: training, test: test, start: start)
        #expect(first.outputs == again.outputs)
        #expect(first.outputs[0] != first.outputs[1])
        // The ensemble of the first member alone is that member (first entry of both curves).
        #expect(first.averageBySize[0] == first.memberAccuracies[0])
        #expect(first.voteBySize[0] == first.memberAccuracies[0])
    }
}

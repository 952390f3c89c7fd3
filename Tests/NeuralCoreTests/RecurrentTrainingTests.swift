// The machinery around BPTT: vocabulary and encodings, clipping, temperature sampling, batches of
// sequences and the character trainer (text reading is in TextCorpusTests).

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Recurrent training machinery — encodings, clipping (7.8), sampling (7.10), trainer (7.9)")
struct RecurrentTrainingTests {
    @Test("Vocabulary: sorted distinct symbols, index and one-hot encodings round-trip")
    func vocabulary() throws {
        let vocabulary = Vocabulary(text: "hello")
        #expect(vocabulary.symbols == ["e", "h", "l", "o"])
        let indices = try vocabulary.indices(of: "hell")
        #expect(indices == [1, 0, 2, 2])
        #expect(vocabulary.text(of: indices) == "hell")
        let oneHot = vocabulary.oneHot(indices)
        #expect(oneHot.rows == 4 && oneHot.columns == 4)
        #expect(oneHot.columnSums() == Matrix(row: [1, 1, 1, 1]))
        #expect(oneHot.argmaxPerColumn() == indices)
        #expect(Vocabulary(symbols: [" ", "\n"]).displayName(of: 0) == "␣")
    }

    @Test("Eq. 7.8 — clipping by value clamps entries; by norm rescales to the limit, keeping direction")
    func clipping() {
        var byValue = [Matrix([[7, -2], [-9, 4]]), Matrix(column: [0.5, -6])]
        let before = GradientClipping.globalNorm(byValue)
        let reported = GradientClipping.value(5).apply(to: &byValue)
        #expect(reported == before)
        #expect(byValue[0] == Matrix([[5, -2], [-5, 4]]))
        #expect(byValue[1] == Matrix(column: [0.5, -5]))

        let original = [Matrix([[3, 0], [0, 4]]), Matrix(column: [12])]  // global norm 13
        var byNorm = original
        expectClose(GradientClipping.norm(1.3).apply(to: &byNorm), 13, tolerance: Tolerance.exactArithmetic)
        expectClose(GradientClipping.globalNorm(byNorm), 1.3, tolerance: Tolerance.exactArithmetic)
        expectClose(byNorm[0], original[0] * 0.1, tolerance: Tolerance.exactArithmetic)
        var small = original
        GradientClipping.norm(20).apply(to: &small)
        #expect(small == original)
    }

    @Test("Eq. 7.10 — temperature: τ = 1 is the softmax, τ → 0 is argmax, large τ is uniform")
    func temperatureProbabilities() {
        let logits = [1.0, 2.0, 0.5, -1.0]
        let softmax = Softmax.apply(Matrix(column: logits)).elements
        let atOne = TemperatureSampling.probabilities(logits: logits, temperature: 1)
        for (p, q) in zip(atOne, softmax) { expectClose(p, q, tolerance: Tolerance.exactArithmetic) }
        let cold = TemperatureSampling.probabilities(logits: logits, temperature: 0.01)
        #expect(cold[1] > 1 - 1e-12)
        let hot = TemperatureSampling.probabilities(logits: logits, temperature: 1e6)
        for p in hot { expectClose(p, 0.25, tolerance: 1e-5) }
        let sharper = TemperatureSampling.probabilities(logits: logits, temperature: 0.5)
        #expect(sharper[1] > atOne[1])
    }

    @Test("Eq. 7.10 — sampled frequencies match the probabilities at τ = 0.5, 1, 2", arguments: [0.5, 1.0, 2.0])
    func samplingFrequencies(temperature: Double) {
        let logits = [0.3, 1.2, -0.4, 0.8, 0.0]
        let p = TemperatureSampling.probabilities(logits: logits, temperature: temperature)
        var generator = SeededGenerator(seed: 42)
        let draws = 40_000
        var counts = [Int](repeating: 0, count: p.count)
        for _ in 0..<draws { counts[TemperatureSampling.draw(from: p, using: &generator)] += 1 }
        for (count, probability) in zip(counts, p) {
            let frequency = Double(count) / Double(draws)
            let standardError = (probability * (1 - probability) / Double(draws)).squareRoot()
            // Four standard errors: a seeded run, but a statistical statement all the same.
            #expect(abs(frequency - probability) < 4 * standardError, "frequency \(frequency) vs p \(probability)")
        }
    }

    @Test("Batches: one column per sequence, windows continue each stream, targets are one step ahead")
    func batches() {
        let text = Array(0..<41)
        let batches = SequenceBatches(indices: text, batch: 4, length: 3)
        #expect(batches.streamLength == 10)
        #expect(batches.windowsPerPass == 3)
        let (inputs, targets) = batches.window(1)
        guard case .oneHot(let first) = inputs[0] else {
            Issue.record("one-hot inputs expected")
            return
        }
        #expect(first == [3, 13, 23, 33])
        #expect(targets[2] == [6, 16, 26, 36])
        #expect(batches.startsPass(3) && !batches.startsPass(2))
        #expect(SequenceBatch.stepIndices([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]])
        let dense = SequenceBatch.stepMatrices([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
        #expect(dense[1] == Matrix([[3, 7], [4, 8]]))
    }

    @Test("A batch of sequences gives the same loss and gradients as the sequences one at a time")
    func batchEqualsSingles() {
        let (model, inputs, targets, h0) = RecurrentCase(vocabulary: 5, hidden: 4, steps: 6, batch: 3).make(seed: 8)
        let together = model.lossAndGradients(inputs: inputs, targets: targets, initialState: h0)
        var loss = 0.0
        var gradients = model.parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
        for b in 0..<3 {
            let single = inputs.map { input -> StepInput in
                guard case .oneHot(let i) = input else { preconditionFailure() }
                return .oneHot([i[b]])
            }
            let part = model.lossAndGradients(
                inputs: single, targets: targets.map { [$0[b]] }, initialState: [h0[0].columns([b])])
            loss += part.loss / 3
            for index in gradients.indices { gradients[index].addScaled(part.gradients[index], by: 1.0 / 3) }
        }
        expectClose(together.loss, loss, tolerance: Tolerance.blasVersusLoop)
        for index in gradients.indices {
            expectClose(together.gradients[index], gradients[index], tolerance: Tolerance.blasVersusLoop)
        }
    }

    @Test("Eq. 7.9 — the trainer starts the smoothed loss at −log(1/K)·T and lowers it on a repetitive text")
    func trainer() throws {
        let text = String(repeating: "abcabd ", count: 60)
        let vocabulary = Vocabulary(text: text)
        var generator = SeededGenerator(seed: 1)
        let cell = VanillaCell(inputSize: vocabulary.count, hiddenSize: 16, using: &generator)
        var model = SequenceModel(cell: cell, outputSize: vocabulary.count, using: &generator)
        var options = CharacterTrainingOptions(iterations: 300)
        options.sequenceLength = 10
        options.batchSize = 4
        options.smoothing = 0.9
        options.reportEvery = 100
        var reports = 0
        let history = CharacterTrainer.train(&model, on: try vocabulary.indices(of: text), options: options) { _, _ in
            reports += 1
        }
        expectClose(history.initialSmoothedLoss, log(Double(vocabulary.count)) * 10, tolerance: 1e-12)
        #expect(reports == 3)
        #expect(history.characters == 300 * 40)
        #expect(history.finalSmoothedLoss < 0.25 * history.initialSmoothedLoss)
        // Sampling from the trained model: after "ab" comes "c" or "d", never a space.
        let drawn = model.sample(prime: try vocabulary.indices(of: "ab"), count: 1, temperature: 0.5, using: &generator)
        #expect(["c", "d"].contains(vocabulary.text(of: drawn)))
    }
}

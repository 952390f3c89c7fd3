// Section 7.7's word model: the tokenizer's rule, the vocabulary, the padded sentence batches, the
// sentence probability of Eq. 7.12 and the counts of Eqs. 7.13–7.14.

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — the word-level language model of 7.7")
struct WordModelTests {
    @Test("The tokenizer drops mathematics, code, comments and link targets, and cuts sentences by the stated rule")
    func tokenizer() {
        let text = """
            # A Heading
            The cost $C = \\frac{1}{2}$ falls. It’s `code` here! Decimals 3.5 stay
            in one sentence? Yes.

            $$
            x = y \\text{ hidden words }
            $$
            See [the notes](../README.md) <!--results:x--> now
            - an item
            | a | table |
            'quoted' words
            """
        #expect(
            WordTokenizer.sentences(text) == [
                ["a", "heading"], ["the", "cost", "falls"], ["it's", "here"],
                ["decimals", "stay", "in", "one", "sentence"], ["yes"], ["see", "the", "notes", "now"],
                ["an", "item"], ["a", "table"], ["quoted", "words"],
            ])
    }

    @Test("The vocabulary: three markers, then the C most frequent words (ties alphabetical), the rest UNKNOWN")
    func vocabulary() {
        let sentences = [["b", "a", "c"], ["a", "b", "d"], ["a", "e"]]
        let vocabulary = WordVocabulary(sentences: sentences, words: 2)
        #expect(vocabulary.tokens == ["SENTENCE_START", "SENTENCE_END", "UNKNOWN", "a", "b"])
        #expect(vocabulary.counts == [3, 2])
        #expect(vocabulary.count == 5)
        #expect(vocabulary.index("c") == WordVocabulary.unknown)
        let encoded = vocabulary.encode(["b", "c", "a"])
        #expect(encoded.inputs == [0, 4, 2, 3])
        #expect(encoded.targets == [4, 2, 3, 1])
        expectClose(vocabulary.coverage(sentences), 5.0 / 8.0, tolerance: Tolerance.exactArithmetic)
        #expect(vocabulary.text([4, 2, 3, 1, 3]) == "b ⟨unknown⟩ a")
        #expect(WordVocabulary(sentences: sentences, words: 100).count == 8)
    }

    @Test("Padded batches: one sentence per column, the missing steps read SENTENCE_END and carry no target")
    func batches() {
        let (inputs, targets) = WordBatches.batch([([0, 5], [5, 1]), ([0, 6, 7, 8], [6, 7, 8, 1])])
        #expect(inputs.count == 4)
        guard case .oneHot(let last) = inputs[3] else {
            Issue.record("one-hot inputs expected")
            return
        }
        #expect(last == [WordVocabulary.end, 8])
        #expect(targets == [[5, 6], [1, 7], [-1, 8], [-1, 1]])
    }

    static func model(tokens: Int, hidden: Int, seed: UInt64 = 4) -> SequenceModel<VanillaCell> {
        var generator = SeededGenerator(seed: seed)
        let cell = VanillaCell(inputSize: tokens, hiddenSize: hidden, scale: 0.5, using: &generator)
        return SequenceModel(cell: cell, outputSize: tokens, scale: 0.5, using: &generator)
    }

    @Test("Eq. 7.12 — the mean loss per token is −(1/N) Σ log P(wᵢ | w₁ … wᵢ₋₁), stepped by hand, padding or not")
    func sentenceProbability() {
        let model = Self.model(tokens: 7, hidden: 5)
        let sentences: [(inputs: [Int], targets: [Int])] = [
            ([0, 3, 4], [3, 4, 1]), ([0, 5], [5, 1]), ([0, 6, 2, 3, 4], [6, 2, 3, 4, 1]),
        ]
        var logProbability = 0.0
        var n = 0
        for sentence in sentences {
            var state = model.cell.initialState(batch: 1)
            for (x, y) in zip(sentence.inputs, sentence.targets) {
                state = model.cell.step(.oneHot([x]), state: state).state
                let p = TemperatureSampling.probabilities(
                    logits: model.logits(hidden: state[0]).elements, temperature: 1)
                logProbability += log(p[y])
                n += 1
            }
        }
        let expected = -logProbability / Double(n)
        expectClose(WordBatches.meanLoss(model, on: sentences), expected, tolerance: 1e-12)
        expectClose(WordBatches.meanLoss(model, on: sentences, size: 1), expected, tolerance: 1e-12)
        expectClose(WordBatches.meanLoss(model, on: sentences, size: 2), expected, tolerance: 1e-12)
    }

    @Test("The unigram reference: add-one smoothed training target frequencies, by hand")
    func unigram() {
        // Training targets over 4 tokens: 2, 3, 1, 3, 1 → counts 1 + (0, 2, 1, 2) = (1, 3, 2, 3), total 9.
        let loss = WordBatches.unigramLoss(
            training: [([0, 2, 3], [2, 3, 1]), ([0, 3], [3, 1])], held: [([0, 3], [3, 1])], tokens: 4)
        expectClose(loss, -(log(3.0 / 9) + log(3.0 / 9)) / 2, tolerance: Tolerance.exactArithmetic)
    }

    @Test(
        "Eq. 7.13 — parameters = 2HC + H² + H + C, the model's own count, and 1,610,000 + H + C for the notes' C = 8,000, H = 100"
    )
    func parameterCount() {
        for (tokens, hidden) in [(7, 5), (1_003, 64), (50, 1)] {
            let model = Self.model(tokens: tokens, hidden: hidden)
            let counted = model.parameters.reduce(0) { $0 + $1.rows * $1.columns }
            #expect(WordModelCost.parameters(tokens: tokens, hidden: hidden) == counted)
        }
        #expect(WordModelCost.parameters(tokens: 8_000, hidden: 100) == 1_610_000 + 100 + 8_000)
    }

    @Test("Eq. 7.14 — multiply-adds per token: 3CH in the softmax layer, 3H² + 2H in the recurrent one")
    func multiplyAdds() {
        let cost = WordModelCost.multiplyAdds(tokens: 1_003, hidden: 64)
        #expect(cost.output == 3 * 1_003 * 64)
        #expect(cost.recurrent == 3 * 64 * 64 + 2 * 64)
        // The softmax's share C/(C + H + 2/3) tends to 1 as C grows.
        let big = WordModelCost.multiplyAdds(tokens: 8_000, hidden: 100)
        #expect(Double(big.output) / Double(big.output + big.recurrent) > 0.98)
    }

    @Test("One training update on a padded batch is Adam on the per-token gradients of the real targets only")
    func oneUpdate() {
        let start = {
            var m = Self.model(tokens: 6, hidden: 4)
            m.normalization = .perTarget
            return m
        }()
        let sentences: [(inputs: [Int], targets: [Int])] = [([0, 3], [3, 1]), ([0, 4, 5, 3], [4, 5, 3, 1])]
        var trained = start
        var adam = Adam(learningRate: 0.01)
        _ = SequenceTrainer.train(&trained, updates: 1, optimizer: &adam, clipping: .none) { _ in
            WordBatches.batch(sentences)
        }
        // By hand: the mean over the six real targets of each sentence's summed gradient.
        var perSequence = start
        perSequence.normalization = .perSequence
        let a = perSequence.lossAndGradients(inputs: [.oneHot([0]), .oneHot([3])], targets: [[3], [1]])
        let b = perSequence.lossAndGradients(
            inputs: [0, 4, 5, 3].map { .oneHot([$0]) }, targets: [[4], [5], [3], [1]])
        let gradients = zip(a.gradients, b.gradients).map { ($0 + $1) * (1.0 / 6) }
        var byHand = start
        var reference = Adam(learningRate: 0.01)
        reference.step(&byHand.parameters, gradients: gradients)
        for k in byHand.parameters.indices {
            expectClose(trained.parameters[k], byHand.parameters[k], tolerance: 1e-12)
        }
    }
}

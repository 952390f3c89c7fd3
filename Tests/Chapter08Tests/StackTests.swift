// Section 8.9: the two-layer parameter count of Eq. 8.23 against real stacks, the matched hidden
// size, the masks each window draws, and the section's knobs and records.

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — stacked layers: Eq. 8.23, the matched size, the masks, the knobs")
struct StackTests {
    /// The entries of every matrix of a character model over `lower` under `upper`.
    static func counted<L: RecurrentCell, U: RecurrentCell>(_ lower: L, _ upper: U, vocabulary: Int) -> Int {
        var generator = SeededGenerator(seed: 1)
        let model = SequenceModel(
            cell: StackedCell(lower: lower, upper: upper), outputSize: vocabulary, using: &generator)
        return model.parameters.reduce(0) { $0 + $1.count }
    }

    @Test(
        "Eq. 8.23 — k₁H₁(K + H₁ + 1) + k₂H₂(H₁ + H₂ + 1) + K(H₂ + 1) counts every entry of LSTM-on-LSTM and GRU-on-vanilla stacks",
        arguments: [(1, 1), (3, 5), (7, 2), (16, 40), (71, 138)])
    func formula(hidden: Int, vocabulary: Int) {
        var g = SeededGenerator(seed: 2)
        let lstms = Self.counted(
            LSTMCell(inputSize: vocabulary, hiddenSize: hidden, using: &g),
            LSTMCell(inputSize: hidden, hiddenSize: hidden, using: &g), vocabulary: vocabulary)
        #expect(lstms == stackedParameterCount(blocks: (4, 4), hidden: (hidden, hidden), vocabulary: vocabulary))
        let mixed = Self.counted(
            VanillaCell(inputSize: vocabulary, hiddenSize: hidden, using: &g),
            GRUCell(inputSize: hidden, hiddenSize: hidden, using: &g), vocabulary: vocabulary)
        #expect(mixed == stackedParameterCount(blocks: (1, 3), hidden: (hidden, hidden), vocabulary: vocabulary))
        // The second layer adds k₂H(2H + 1) to the one-layer count of Eq. 8.20.
        #expect(
            lstms - CharacterCell.lstm.parameterCount(hidden: hidden, vocabulary: vocabulary)
                == 4 * hidden * (2 * hidden + 1))
    }

    @Test("Eq. 8.23 — unequal sizes: the upper layer's input is H₁ wide, the read-out reads H₂")
    func unequalSizes() {
        // By hand for k₁ = 4, k₂ = 3, H₁ = 5, H₂ = 2, K = 7: U⁽¹⁾ 20×7, W⁽¹⁾ 20×5, b⁽¹⁾ 20;
        // U⁽²⁾ 6×5, W⁽²⁾ 6×2, b⁽²⁾ 6; V 7×2, c 7.
        let byHand = (140 + 100 + 20) + (30 + 12 + 6) + (14 + 7)
        #expect(stackedParameterCount(blocks: (4, 3), hidden: (5, 2), vocabulary: 7) == byHand)
        // And a real stack of those sizes, an LSTM of 5 under a GRU of 2, has exactly that many entries.
        var g = SeededGenerator(seed: 3)
        let real = Self.counted(
            LSTMCell(inputSize: 7, hiddenSize: 5, using: &g), GRUCell(inputSize: 5, hiddenSize: 2, using: &g),
            vocabulary: 7)
        #expect(real == byHand)
    }

    @Test(
        "Eq. 8.23 — the notes' numbers: two layers of 71 have 110,188 parameters, the closest to one layer of 100's 109,538"
    )
    func notesNumbers() {
        let target = CharacterCell.lstm.parameterCount(hidden: 100, vocabulary: 138)
        #expect(target == 109_538)
        let hidden = matchedStackHidden(blocks: 4, vocabulary: 138, target: target)
        #expect(hidden == 71)
        func count(_ h: Int) -> Int { stackedParameterCount(blocks: (4, 4), hidden: (h, h), vocabulary: 138) }
        #expect(count(71) == 110_188)
        #expect(abs(count(70) - target) > abs(count(71) - target) && abs(count(72) - target) > abs(count(71) - target))
        #expect(
            stackedParameterFormula(blocks: 4, hidden: 71, vocabulary: 138)
                == "4·71·(138 + 71 + 1) + 4·71·(71 + 71 + 1) + 138·72")
    }

    @Test("Eq. 8.22 — each window draws a between and a top mask per step, hidden × B, entries 0 or 1/p")
    func windowMaskShapes() {
        let settings = CharacterSettings(knobs: .defaults, quick: true)
        var generator = SeededGenerator(seed: 4)
        let start = generator
        let masks = windowMasks(keep: 0.8, hidden: 7, settings: settings, using: &generator)
        #expect(masks.between.count == 25 && masks.top?.count == 25)
        #expect((masks.between + (masks.top ?? [])).allSatisfy { $0.rows == 7 && $0.columns == 32 })
        #expect(generator.draws(since: start) == 2 * 25 * 7 * 32)
        #expect(masks.between.allSatisfy { $0.elements.allSatisfy { $0 == 0 || $0 == 1 / 0.8 } })
        // The next window's masks differ.
        #expect(windowMasks(keep: 0.8, hidden: 7, settings: settings, using: &generator) != masks)
    }

    @Test("--stack-keep takes 0 < p ≤ 1 and --stack-hidden 1 to 1024, each with a one-line error")
    func knobValues() throws {
        #expect(try GatedKnobs.parse(["--stack-keep", "0.5"]).stack.keep == 0.5)
        #expect(try GatedKnobs.parse(["--stack-hidden", "40"]).stack.hidden == 40)
        for bad in [
            ["--stack-keep", "0"], ["--stack-keep", "1.5"], ["--stack-hidden", "0"], ["--stack-hidden", "x"],
        ] {
            #expect(throws: (any Error).self, "\(bad)") { try GatedKnobs.parse(bad) }
        }
    }

    @Test("8.9 records each network's losses and its Eq. 8.20 / 8.23 count; --stack-keep 1 trains no dropout stack")
    func records() throws {
        let folder = try TestPaths.scratchFolder("chapter08-stack")
        try GatedChapter.parse(["--quick", "--only", "8.9", "--updates", "6", "--out", folder.path]).run()
        let results = try ChapterRunCheck.results(in: folder.appendingPathComponent("Chapter08/updates-6_only-8.9"))
        #expect(results["stack.oneLayer.parameters"] == .integer(109_538))
        #expect(results["stack.twoLayersDropout.parameters"] == .integer(110_188))
        #expect(results["stack.twoLayersPlain.parameters"] == .integer(110_188))
        #expect(results["stack.hidden"] == .integer(71))
        for key in ["oneLayer", "twoLayersDropout", "twoLayersPlain"] {
            guard case .number(let loss)? = results["stack.\(key).validationLoss"] else {
                Issue.record("no validation loss for \(key): \(results.keys.sorted())")
                continue
            }
            #expect(loss.isFinite && loss < log(138.0) + 1, "\(key)")
        }
        // The same masks drawn, and the same weights: a stack without dropout differs from one with it.
        #expect(results["stack.twoLayersDropout.validationLoss"] != results["stack.twoLayersPlain.validationLoss"])
        try GatedChapter.parse(
            ["--quick", "--only", "8.9", "--updates", "6", "--stack-keep", "1", "--out", folder.path]
        ).run()
        let plain = try ChapterRunCheck.results(
            in: folder.appendingPathComponent("Chapter08/updates-6_stack-keep-1_only-8.9"))
        #expect(plain["stack.twoLayersDropout.validationLoss"] == nil)
        // keep = 1 is no dropout: the plain stack's numbers are the default run's.
        #expect(
            ChapterRunCheck.agree(
                plain["stack.twoLayersPlain.validationLoss"], results["stack.twoLayersPlain.validationLoss"]))
    }
}

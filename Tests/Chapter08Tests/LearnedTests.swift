// The measures of 8.8 on hand-made texts (words, real words, novelty, closing, the top five, the
// passage), and the glue between 8.7 and 8.8: the snapshot schedule, and a snapshot equal to the
// model trained for exactly that many updates.

import ArgumentParser
import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — what the character model has learned (8.9)")
struct LearnedTests {
    @Test("Words are maximal runs of letters, lower-cased; digits, apostrophes and dashes split them")
    func wordSplitting() {
        #expect(splitWords("Don't stop—the 2 cats, Ünïcode!x") == ["don", "t", "stop", "the", "cats", "ünïcode", "x"])
        #expect(splitWords("  12 $$ ") == [])
    }

    @Test("Sample measures: the share of spaces, the mean word length, the share of 3+-letter words the text has")
    func sampleMeasures() {
        let measures = SampleMeasures(text: "the cat sat on a mat", known: ["the", "cat", "on"])
        #expect(measures.spaces == 5.0 / 20)
        #expect(measures.meanWordLength == 15.0 / 6)  // 3, 3, 3, 2, 1, 3 letters
        #expect(measures.knownWords == 2.0 / 4)  // the, cat of the, cat, sat, mat
        #expect(measures.words == 6)
        let lengths = SampleMeasures(text: "cat zzz nearest thistle", known: ["cat", "thistle"])
        #expect(lengths.knownShort == 0.5)  // cat of cat, zzz
        #expect(lengths.knownLong == 0.5)  // thistle of nearest, thistle
        #expect(lengths.knownWords == 0.5)
    }

    @Test("Novelty counts new and copied words, with repeats, distinct, and by length")
    func novelty() {
        let novelty = Novelty(words: ["the", "zorblat", "cat", "the", "qq", "enormousness"], known: ["the", "cat"])
        #expect(novelty.tokens == 6)
        #expect(novelty.newTokens == 3)
        #expect(novelty.distinct == 5)
        #expect(novelty.newDistinct == 3)
        #expect(novelty.byLength.map(\.tokens) == [4, 0, 1, 1])
        #expect(novelty.byLength.map(\.new) == [1, 0, 1, 1])
        #expect(novelty.newFraction == 0.5)
        #expect(novelty.newDistinctFraction == 0.6)
    }

    @Test("The top five are the most likely first, ties by the lower index")
    func topFiveOrder() {
        let top = topFive([0.1, 0.3, 0.05, 0.3, 0.2, 0.05])
        #expect(top.map(\.index) == [1, 3, 4, 0, 2])
        #expect(top.map(\.probability) == [0.3, 0.3, 0.2, 0.1, 0.05])
        #expect(topFive([0.5, 0.5]).count == 2)
    }

    @Test("Closing: right closers, wrong ones, paragraphs and math that end first, fences across blank lines")
    func closing() {
        let nested = ClosingCounts(text: "(a [b] {c})")
        #expect(nested.closed[Opener.parenthesis.rawValue] == 1)
        #expect(nested.closed[Opener.bracket.rawValue] == 1)
        #expect(nested.closed[Opener.brace.rawValue] == 1)
        #expect(nested.closedFraction(.parenthesis) == 1)
        let wrong = ClosingCounts(text: "(a ] b")
        #expect(wrong.wrong[Opener.parenthesis.rawValue] == 1)
        #expect(wrong.closedFraction(.parenthesis) == 0)
        let paragraph = ClosingCounts(text: "(a\n\nb)")
        #expect(paragraph.unclosed[Opener.parenthesis.rawValue] == 1)
        #expect(paragraph.strayClosers == 1)
        let math = ClosingCounts(text: "$x (y$ z)")
        #expect(math.closed[Opener.dollar.rawValue] == 1)
        #expect(math.unclosed[Opener.parenthesis.rawValue] == 1)
        #expect(math.strayClosers == 1)
        let blocks = ClosingCounts(text: "$$x$$ and ``` ( \n\n ) ``` end")
        #expect(blocks.closed[Opener.displayMath.rawValue] == 1)
        #expect(blocks.decided(.dollar) == 0)
        #expect(blocks.closed[Opener.parenthesis.rawValue] == 1)
        #expect(blocks.closed[Opener.fence.rawValue] == 1)
        let open = ClosingCounts(text: "(open at the end [")
        #expect(open.decided(.parenthesis) == 0)
        #expect(open.closedFraction(.bracket) == nil)
    }

    @Test("The passage starts at the first sentence start without line breaks, math or code, mostly letters")
    func passage() {
        let text = Array("No. $x$ here. Short words only here. And more")
        #expect(passageStart(in: text, length: 10) == 14)  // "Short word"
        #expect(passageStart(in: Array("abc"), length: 10) == 0)
        // No clean window: the sentence start with the most letters less four per flaw, never
        // mid-sentence. "Bb\nb c. " scores 4 − 4, "Cc c cc." 5 (too few letters to be clean),
        // "Dd $d$ d" 4 − 8.
        let wrapped = Array("xx. Bb\nb c. Cc c cc. Dd $d$ d")
        #expect(passageStart(in: wrapped, length: 8) == 12)
        // A line break before a capital letter starts a sentence too.
        #expect(passageStart(in: Array("x $y\nZz zz zz"), length: 8) == 5)
        // Inside one block: with blocks of 15, "Cc c cc." (12…19) spans two, so "Bb\nb c. " wins.
        #expect(passageStart(in: wrapped, length: 8, blockLength: 15) == 4)
        #expect(passageStart(in: Array("no sentence start here"), length: 5) == 0)
    }

    @Test("Snapshots at 0, then iterations/60 doubling, then the last update")
    func snapshotSchedule() {
        #expect(CharacterModels.snapshotUpdates(iterations: 1_500) == [0, 25, 50, 100, 200, 400, 800, 1_500])
        #expect(CharacterModels.snapshotUpdates(iterations: 60) == [0, 1, 2, 4, 8, 16, 32, 60])
        #expect(CharacterModels.snapshotUpdates(iterations: 1) == [0, 1])
        #expect(CharacterModels.subject(of: [.vanilla, .lstm]) == .lstm)
        #expect(CharacterModels.subject(of: [.gru, .vanilla]) == .gru)
    }

    @Test("8.7's snapshot after n updates is the model trained for exactly n updates; its loss is 8.7's")
    func snapshotGlue() throws {
        let text = String(repeating: "the cat sat on the mat. a rat ate the hat! ", count: 6)
        let vocabulary = Vocabulary(text: text)
        let indices = try vocabulary.indices(of: text)
        let knobs = try CharacterKnobs.parse(["--hidden", "4", "--window", "5", "--batch", "2", "--updates", "6"])
        var settings = CharacterSettings(knobs: knobs, quick: true)
        var generator = SeededGenerator(seed: 11)
        let run = try trainCharacterModel(
            .lstm, vocabulary: vocabulary, training: indices, validation: Array(indices.prefix(30)),
            settings: settings, generator: &generator, prime: [0], snapshotUpdates: [0, 3, 6])
        #expect(run.snapshots.map(\.update) == [0, 3, 6])
        let probe = Array(indices.prefix(12))
        for n in [3, 6] {
            settings.iterations = n
            var again = SeededGenerator(seed: 11)
            let short = try trainCharacterModel(
                .lstm, vocabulary: vocabulary, training: indices, validation: Array(indices.prefix(30)),
                settings: settings, generator: &again, prime: [0])
            let snapshot = try #require(run.snapshots.first { $0.update == n })
            #expect(snapshot.distributions(reading: probe) == short.model?.distributions(reading: probe))
        }
        #expect(run.snapshots.last?.distributions(reading: probe) == run.model?.distributions(reading: probe))
        // The snapshots' validation loss is 8.7's characterLoss of the same model.
        var fresh = SeededGenerator(seed: 2)
        let model = SequenceModel(
            cell: LSTMCell(inputSize: vocabulary.count, hiddenSize: 4, using: &fresh), outputSize: vocabulary.count,
            scale: 0.5, using: &fresh)
        expectClose(
            validationLoss(CharacterPredictor(model, update: 0), on: probe), characterLoss(model, on: probe),
            tolerance: Tolerance.exactArithmetic)
    }

    @Test("--long-sample takes whole numbers from 1000 to 1000000")
    func longSampleKnob() throws {
        #expect(try LearnedKnobs.parse(["--long-sample", "5000"]).longSample == 5_000)
        #expect(LearnedKnobs.defaults.longSample == nil)
        #expect(throws: (any Error).self) { try LearnedKnobs.parse(["--long-sample", "10"]) }
    }
}

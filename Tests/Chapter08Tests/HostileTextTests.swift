// Chapter 08's character model on awkward --text files: every text without a capital "T" (the
// samples' usual first character) trains and samples; files that are not usable text stop the
// run with a one-line error before any work.

import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — awkward --text files train or stop with one line")
struct Chapter08HostileTextTests {
    @Test(
        "Sections 8.7 and 8.8 train, sample and measure on texts without a capital T", arguments: HostileTexts.runnable)
    func runnable(_ text: HostileText) throws {
        let folder = try TestPaths.scratchFolder()
        let path = try text.write(in: folder)
        let corpus = try Corpus.load(textPath: path, quick: true)
        let options = try ChapterOptions.parse(["--quick", "--out", folder.path])
        try ChapterSession.run(number: 8, title: "8.7 on \(text.name)", options: options) { session in
            let models = try characterModels(session, corpus: corpus)
            try learnedModel(session, models: models)
        }
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter08"),
            figures: ["char-model-loss.png", "char-model-progress.png", "char-model-top5.png"], chapter: "08", seed: 1)
        guard case .number(let vanilla)? = results["characters.vanilla.validationLoss"],
            case .number(let lstm)? = results["characters.LSTM.validationLoss"]
        else {
            Issue.record("no validation losses in \(results.keys.sorted())")
            return
        }
        #expect(vanilla.isFinite && lstm.isFinite)
    }

    @Test("The whole chapter runs on a lower-case text (it used to trap after five figures)")
    func lowerCaseChapter() throws {
        let folder = try TestPaths.scratchFolder()
        let path = try HostileTexts.runnable[0].write(in: folder)
        try GatedChapter.parse(["--quick", "--out", folder.path, "--text", path]).run()
        _ = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter08/text-\(TextKnob.folderName(path))"),
            figures: ["char-model-loss.png"], chapter: "08", seed: 1)
    }

    @Test("Samples start from \"T\" when the text has one, else from its first character that is not white space")
    func prime() throws {
        let withT = Vocabulary(text: "\n The cat")
        #expect(SamplePrime(vocabulary: withT, indices: try withT.indices(of: "\n The cat")).isDefault)
        let lower = Vocabulary(text: "\n  the cat")
        let prime = SamplePrime(vocabulary: lower, indices: try lower.indices(of: "\n  the cat"))
        #expect(prime == SamplePrime(index: try #require(lower.index(of: "t")), name: "t", isDefault: false))
        // A first character folded into the other symbol is skipped too.
        let capped = Vocabulary(text: "zyyxxx", maximumCount: 2)
        let other = SamplePrime(vocabulary: capped, indices: try capped.indices(of: "zyyxxx"))
        #expect(capped.symbols[other.index] == "x")
    }

    @Test("Unusable files stop the run with a one-line error", arguments: HostileTexts.refused)
    func refused(_ text: HostileText) throws {
        let folder = try TestPaths.scratchFolder()
        let path = try text.write(in: folder)
        do {
            _ = try Corpus.load(textPath: path, quick: true)
            Issue.record("\(text.name) was accepted")
        } catch let error as TextCorpusError {
            #expect(!error.description.contains("\n") && error.description.contains(path))
        }
        #expect(throws: (any Error).self) {
            try GatedChapter.parse(["--quick", "--out", folder.path, "--text", path]).run()
        }
        let written = folder.appendingPathComponent(
            "Chapter08/text-\(TextKnob.folderName(path))/lstm-cell.png")
        #expect(!FileManager.default.fileExists(atPath: written.path))
    }

}

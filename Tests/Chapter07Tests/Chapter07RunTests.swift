import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — a quick run writes readable figures and the promised results")
struct Chapter07RunTests {
    static let figures = [
        "rnn-folded-unrolled.png", "bptt-unrolled.png", "hello-confidences.png", "char-rnn-loss.png",
        "gradient-flow.png",
        "hidden-states.png", "word-rnn-loss.png", "word-rnn-cost.png", "bidirectional-accuracy.png",
        "teacher-forcing.png",
    ]

    /// A number from results.json (JSON writes whole numbers as integers).
    static func number(_ results: [String: JSONValue], _ key: String) -> Double? {
        switch results[key] {
        case .number(let x)?: x
        case .integer(let i)?: Double(i)
        default: nil
        }
    }

    @Test("swift run Chapter07 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        try RecurrentChapter.parse(["--quick", "--seed", "3", "--out", folder.path]).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter07/seed-3"), figures: Self.figures, chapter: "07", seed: 3)
        #expect(results["hello.predicted"] == .string("ello"))
        let bptt = try #require(Self.number(results, "bptt.maxRelativeErrorCentralDifferences"))
        #expect(bptt < Tolerance.gradientCheckSmooth)
        let tape = try #require(Self.number(results, "bptt.maxDifferenceTape"))
        #expect(tape < Tolerance.twoAnalyticGradients)
        let start = try #require(Self.number(results, "charRNN.initialSmoothedLoss"))
        let end = try #require(Self.number(results, "charRNN.finalSmoothedLoss"))
        let symbols = try #require(Self.number(results, "charRNN.vocabularySize"))
        expectClose(start, log(symbols) * 25, tolerance: Tolerance.exactArithmetic)
        #expect(end < start)
        let vanishing = try #require(Self.number(results, "gradientFlow.ratio.rho0.8"))
        let exploding = try #require(Self.number(results, "gradientFlow.ratio.rho1.2"))
        #expect(vanishing < 1e-3 && exploding > 1)
        let tokens = try #require(Self.number(results, "wordRNN.tokens"))
        #expect(
            Self.number(results, "wordRNN.parameters")
                == Double(WordModelCost.parameters(tokens: Int(tokens), hidden: WordKnobs.defaultHidden)))
        let heldOut = try #require(Self.number(results, "wordRNN.heldOutLoss"))
        #expect(heldOut < log(tokens), "the quick word model beats the uniform guess on held-out sentences")
        // 7.8: the bidirectional tagger beats the bound no reader of the past can pass.
        let bidirectional = try #require(Self.number(results, "bidirectional.accuracy"))
        let bound = try #require(Self.number(results, "bidirectional.pastOnlyBound"))
        #expect(bidirectional > bound + 0.1)
        // 7.9: step 1 is the same prediction both ways; later, self-feeding falls behind on average.
        guard case .array(let forced)? = results["teacherForcing.forcedAccuracy"],
            case .array(let fed)? = results["teacherForcing.selfFedAccuracy"]
        else {
            Issue.record("7.9's accuracy curves are missing")
            return
        }
        #expect(forced.count == ForcingKnobs.defaultHorizon && forced.first == fed.first)
        let forcedMean = try #require(Self.number(results, "teacherForcing.meanForcedAccuracy"))
        let fedMean = try #require(Self.number(results, "teacherForcing.meanSelfFedAccuracy"))
        #expect(fedMean < forcedMean)
    }

    @Test("--text trains on the reader's file; missing, empty and binary files are refused")
    func textOption() throws {
        let folder = try TestPaths.scratchFolder()
        let file = folder.appendingPathComponent("poem.txt")
        try Data(String(repeating: "the cat sat on the mat and the dog sat on the log\n", count: 40).utf8).write(
            to: file)
        let corpus = try Corpus.load(textPath: file.path, quick: true)
        #expect(corpus.name == "poem.txt")
        try RecurrentChapter.parse(["--quick", "--text", file.path, "--out", folder.path]).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter07/text-poem"), figures: ["char-rnn-loss.png"], chapter: "07",
            seed: 1)
        #expect(Self.number(results, "charRNN.vocabularySize") == Double(Vocabulary(text: corpus.text).count))

        #expect(throws: TextCorpusError.missing(path: folder.appendingPathComponent("none.txt").path)) {
            try Corpus.load(textPath: folder.appendingPathComponent("none.txt").path, quick: true)
        }
        let empty = folder.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        #expect(throws: TextCorpusError.empty(path: empty.path)) { try Corpus.load(textPath: empty.path, quick: true) }
        let binary = folder.appendingPathComponent("image.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]).write(to: binary)
        #expect(throws: TextCorpusError.self) { try Corpus.load(textPath: binary.path, quick: true) }
        let short = folder.appendingPathComponent("short.txt")
        try Data("too short".utf8).write(to: short)
        #expect(throws: TextCorpusError.self) { try Corpus.load(textPath: short.path, quick: true) }
    }

    @Test("the default corpus is the frozen snapshot of the notes of chapters 01–05")
    func defaultCorpus() throws {
        let corpus = try Corpus.load(textPath: nil, quick: true)
        #expect(corpus.name == CharacterCorpus.notesName)
        #expect(corpus.text.count == 69_028)
        #expect(corpus.text.hasPrefix("# Chapter 01"))
    }
}

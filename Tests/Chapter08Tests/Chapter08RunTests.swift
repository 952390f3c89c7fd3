import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — a quick run writes readable figures and the promised results")
struct Chapter08RunTests {
    @Test("swift run Chapter08 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        try GatedChapter.parse(["--quick", "--seed", "3", "--out", folder.path]).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter08/seed-3"),
            figures: [
                "lstm-cell.png", "gru-cell.png", "gradient-survival.png", "long-lag.png", "bracket-depth.png",
                "lstm-gates.png",
                "char-model-loss.png", "char-model-progress.png", "char-model-top5.png",
            ],
            chapter: "08", seed: 3)
        guard case .number(let worst)? = results["gradientCheck.worst"],
            case .number(let depth)? = results["brackets.depthCorrelation"],
            case .number(let vanillaLoss)? = results["characters.vanilla.validationLoss"],
            case .number(let lstmLoss)? = results["characters.LSTM.validationLoss"],
            results["longLag.LSTM.T20"] != nil, results["longLag.MGU.T20"] != nil,
            results["learned.novelty.newWords"] != nil, results["learned.snapshots.60.spaces"] != nil,
            results["learned.closing.training.parentheses"] != nil
        else {
            Issue.record("results.json lacks a promised result: \(results.keys.sorted())")
            return
        }
        #expect(worst < 1e-6)
        #expect(depth > 0.5)
        #expect(vanillaLoss.isFinite && lstmLoss.isFinite)
        // All four cells by default, each with its validation loss and its count of Eq. 8.20.
        for (name, count) in [("vanilla", 37_838), ("LSTM", 109_538), ("GRU", 85_638), ("MGU", 61_738)] {
            #expect(results["characters.\(name).parameters"] == .integer(count), "\(name)")
            if case .number(let loss)? = results["characters.\(name).validationLoss"] {
                #expect(loss.isFinite && loss < log(138), "\(name) \(loss)")
            } else {
                Issue.record("no validation loss for \(name)")
            }
        }
        #expect(!results.keys.contains { $0.lowercased().contains("second") || $0.lowercased().contains("chars") })
    }
}

@Suite("Chapter 08 — the --text option")
struct Chapter08TextOptionTests {
    @Test("A missing, an empty and a binary --text file each stop the chapter with an error")
    func badText() throws {
        let folder = try TestPaths.scratchFolder()
        let empty = folder.appendingPathComponent("empty.txt")
        let binary = folder.appendingPathComponent("binary.bin")
        try Data().write(to: empty)
        try Data([0, 1, 2, 0, 255, 0]).write(to: binary)
        for path in [folder.appendingPathComponent("missing.txt").path, empty.path, binary.path] {
            #expect(throws: (any Error).self) {
                try GatedChapter.parse(["--quick", "--out", folder.path, "--text", path]).run()
            }
        }
    }

    @Test("A reader's text file trains the character model")
    func ownText() throws {
        let folder = try TestPaths.scratchFolder()
        let text = folder.appendingPathComponent("rhyme.txt")
        let verse = "the cat sat on the mat and the dog sat on the log. "
        try String(repeating: verse, count: 80).write(to: text, atomically: true, encoding: .utf8)
        let corpus = try Corpus.load(textPath: text.path, quick: true)
        #expect(corpus.name == "rhyme.txt")
        #expect(Vocabulary(text: corpus.text).count == Set(verse).count)
    }
}

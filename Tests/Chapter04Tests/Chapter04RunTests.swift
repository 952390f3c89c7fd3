import Foundation
import TestSupport
import Testing

@testable import Chapter04

@Suite("Chapter 04 — a quick run writes readable figures and the promised results")
struct Chapter04RunTests {
    @Test("swift run Chapter04 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        // Real MNIST when present; otherwise an empty data folder would be an error, so the run
        // is given none and falls back to generated digits (with downloading attempted first).
        let data = Chapter04Data.folder.map { ["--data", $0.path] } ?? []
        try CrossEntropyChapter.parse(["--quick", "--seed", "3", "--out", folder.path] + data).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter04/seed-3"),  // a seed other than the notes' names the folder
            figures: [
                "slowdown-costs.png", "slowdown-output.png", "softmax-outputs.png", "mnist-learning-curves.png",
                "mnist-confusion.png",
            ], chapter: "04", seed: 3)
        #expect(results["stability.allFinite"] == .bool(true))
        guard case .number(let initial)? = results["sanity.initialLoss"],
            case .number(let overfit)? = results["sanity.overfitFinalLoss"],
            case .number(let drop)? = results["slowdown.saturated.quadraticDropFirst30"]
        else {
            Issue.record("results.json lacks the sanity and slowdown results")
            return
        }
        expectClose(initial, log(10), tolerance: Chapter04Tolerance.initialLossFromLn10)
        #expect(overfit < Chapter04Tolerance.overfitLoss)
        #expect(drop < 0.05)
    }
}

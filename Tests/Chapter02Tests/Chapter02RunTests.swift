import Foundation
import TestSupport
import Testing

@testable import Chapter02

@Suite("Chapter 02 — a quick run writes readable figures and the promised results")
struct Chapter02RunTests {
    @Test("swift run Chapter02 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        try SigmoidNeuronsChapter.parse(["--quick", "--seed", "3", "--out", folder.path]).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter02/seed-3"),
            figures: [
                "activations.png", "activation-derivatives.png", "cost-surface.png", "cost-curves.png",
                "neuron-graph.png",
            ], chapter: "02", seed: 3)
        #expect(results["sigmoidDerivative.maximum"] == .number(0.25))
        guard case .integer(let increases)? = results["descent.tooLargeIncreases"] else {
            Issue.record("results.json lacks descent.tooLargeIncreases")
            return
        }
        #expect(increases > 0, "the too-large learning rate should raise the cost on some steps")
    }
}

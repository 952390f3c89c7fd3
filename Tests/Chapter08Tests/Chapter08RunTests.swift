import Foundation
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
            in: folder.appendingPathComponent("Chapter08"),
            figures: ["lstm-cell.png", "gradient-survival.png", "long-lag.png", "bracket-depth.png", "lstm-gates.png"],
            chapter: "08", seed: 3)
        guard case .number(let worst)? = results["gradientCheck.worst"],
            case .number(let depth)? = results["brackets.depthCorrelation"]
        else {
            Issue.record("results.json lacks a promised result: \(results.keys.sorted())")
            return
        }
        #expect(worst < 1e-6)
        #expect(depth > 0.5)
    }
}

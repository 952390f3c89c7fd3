import ChapterRunner
import Figures
import Foundation
import TestSupport
import Testing

@testable import Chapter02

@Suite("Chapter 01 — a quick run writes readable figures and the promised results")
struct Chapter02RunTests {
    /// A figure worth reading has many colours (anti-aliased text, lines, fills), not a blank page.
    static let minimumDistinctColours = 50

    @Test("swift run Chapter02 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        let command = try SigmoidNeuronsChapter.parse(["--quick", "--seed", "3", "--out", folder.path])
        try command.run()
        let chapter = folder.appendingPathComponent("Chapter02")
        for figure in [
            "activations.png", "activation-derivatives.png", "cost-surface.png", "cost-curves.png",
            "neuron-graph.png",
        ] {
            let url = chapter.appendingPathComponent(figure)
            let image = try PNGImage(contentsOf: url)
            #expect(image.width > 300 && image.height > 200, "\(figure) is \(image.width)×\(image.height)")
            #expect(image.distinctColourCount >= Self.minimumDistinctColours, "\(figure) looks blank")
            let text = try PNGText.entries(in: Array(try Data(contentsOf: url)))
            #expect(text.contains { $0.keyword == "Chapter" && $0.text == "02" })
            #expect(text.contains { $0.keyword == "Seed" && $0.text == "3" })
        }
        let json = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: chapter.appendingPathComponent("results.json")))
        guard case .object(let document) = json, case .object(let results)? = document["results"] else {
            Issue.record("results.json has no results object")
            return
        }
        #expect(results["sigmoidDerivative.maximum"] == .number(0.25))
        guard case .integer(let increases)? = results["descent.tooLargeIncreases"] else {
            Issue.record("results.json lacks descent.tooLargeIncreases")
            return
        }
        #expect(increases > 0, "the too-large learning rate should raise the cost on some steps")
    }
}

import ChapterRunner
import Figures
import Foundation
import TestSupport
import Testing

@testable import Chapter01

@Suite("Chapter 01 — a quick run writes readable figures and the promised results")
struct Chapter01RunTests {
    /// A figure worth reading has many colours (anti-aliased text, lines, fills), not a blank page.
    static let minimumDistinctColours = 50

    @Test("swift run Chapter01 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        let command = try PerceptronsChapter.parse(["--quick", "--seed", "3", "--out", folder.path])
        try command.run()
        let chapter = folder.appendingPathComponent("Chapter01")
        for figure in [
            "nand-perceptron.png", "nand-half-adder.png", "nand-two-bit-adder.png", "perceptron-learning.png",
            "perceptron-xor.png",
        ] {
            let url = chapter.appendingPathComponent(figure)
            let image = try PNGImage(contentsOf: url)
            #expect(image.width > 300 && image.height > 200, "\(figure) is \(image.width)×\(image.height)")
            #expect(image.distinctColourCount >= Self.minimumDistinctColours, "\(figure) looks blank")
            let text = try PNGText.entries(in: Array(try Data(contentsOf: url)))
            #expect(text.contains { $0.keyword == "Chapter" && $0.text == "01" })
            #expect(text.contains { $0.keyword == "Seed" && $0.text == "3" })
        }
        let json = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: chapter.appendingPathComponent("results.json")))
        guard case .object(let document) = json, case .object(let results)? = document["results"] else {
            Issue.record("results.json has no results object")
            return
        }
        #expect(results["twoBitAdder.correctSums"] == .integer(16))
        #expect(results["perceptron.converged"] == .bool(true))
        #expect(results["truthTables.XOR.converged"] == .bool(false))
    }
}

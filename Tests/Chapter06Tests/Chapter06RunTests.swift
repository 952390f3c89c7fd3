import Foundation
import TestSupport
import Testing

@testable import Chapter06

@Suite("Chapter 06 — a quick run writes readable figures and the promised results")
struct Chapter06RunTests {
    @Test("swift run Chapter06 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        try ConvolutionChapter.parse(["--quick", "--seed", "3", "--out", folder.path]).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter06/seed-3"),
            figures: [
                "kernels-digit.png", "kernels-test-image.png", "conv-architecture.png", "conv-filters.png",
                "feature-maps.png", "confusion.png", "mistakes.png", "learning-curves.png",
            ], chapter: "06", seed: 3)
        func number(_ key: String) -> Double? {
            switch results[key] {
            case .number(let x)?: x
            case .integer(let i)?: Double(i)
            default: nil
            }
        }
        guard case .bool(let layerMatches)? = results["workedExample.layerMatches"],
            case .bool(let multiMatches)? = results["multiChannel.layerMatches"],
            case .bool(let reloadMatches)? = results["network.reloadMatches"],
            let fdError = number("backprop.finiteDifferenceError"),
            let accuracy = number("network.testAccuracy"),
            let parameters = number("network.parameters")
        else {
            Issue.record("results.json lacks a promised result: \(results.keys.sorted())")
            return
        }
        #expect(layerMatches && multiMatches && reloadMatches)
        #expect(fdError < Tolerance.gradientCheckSmooth)
        #expect(parameters == 85_670)
        // A quick run trains 2 epochs on 2,000 images (or generated digits): far above chance.
        #expect(accuracy > 0.5)
    }
}

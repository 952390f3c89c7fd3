import Foundation
import TestSupport
import Testing

@testable import Chapter01

@Suite("Chapter 01 — a quick run writes readable figures and the promised results")
struct Chapter01RunTests {
    @Test("swift run Chapter01 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        try PerceptronsChapter.parse(["--quick", "--seed", "3", "--out", folder.path]).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter01/seed-3"),
            figures: [
                "nand-perceptron.png", "nand-half-adder.png", "nand-two-bit-adder.png", "perceptron-learning.png",
                "perceptron-xor.png",
            ], chapter: "01", seed: 3)
        #expect(results["twoBitAdder.correctSums"] == .integer(16))
        #expect(results["perceptron.converged"] == .bool(true))
        #expect(results["truthTables.XOR.converged"] == .bool(false))
    }
}

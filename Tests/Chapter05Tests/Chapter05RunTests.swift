import Foundation
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — a quick run writes readable figures and the promised results")
struct Chapter05RunTests {
    @Test("swift run Chapter05 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        try RegularizationChapter.parse(["--quick", "--seed", "3", "--out", folder.path]).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter05"),
            figures: [
                "overfitting-costs.png", "overfitting-accuracy.png", "l2-test-accuracy.png", "full-data-l2.png",
                "dropout-network.png", "dropout-training.png", "initialization-z.png",
                "initialization-learning.png", "optimizer-paths.png", "optimizers-mnist.png",
            ], chapter: "05", seed: 3)
        // JSON writes a whole-valued number such as 0.0 as 0, which reads back as an integer.
        func number(_ key: String) -> Double? {
            switch results[key] {
            case .number(let x)?: x
            case .integer(let i)?: Double(i)
            default: nil
            }
        }
        guard let l2Gap = number("penalty.l2RuleDifference"), let l1Gap = number("penalty.l1RuleDifference"),
            let optimizerGap = number("optimizers.exampleLargestGap"),
            let dropoutDeviation = number("dropout.expectationDeviation"),
            case .bool(let ratiosSensible)? = results["fullData.updateRatiosSensible"],
            let saturatedStandard = number("initialization.saturatedStandard"),
            let saturatedScaled = number("initialization.saturatedScaled")
        else {
            Issue.record("results.json lacks a promised result: \(results.keys.sorted())")
            return
        }
        #expect(l2Gap <= Tolerance.exactArithmetic && l1Gap <= Tolerance.exactArithmetic)
        #expect(optimizerGap <= Tolerance.exactArithmetic)
        #expect(dropoutDeviation < DropoutTests.standardErrorsAllowed)
        #expect(ratiosSensible)
        #expect(saturatedStandard > saturatedScaled)
    }
}

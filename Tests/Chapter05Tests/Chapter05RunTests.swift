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
            in: folder.appendingPathComponent("Chapter05/seed-3"),
            figures: [
                "overfitting-costs.png", "overfitting-accuracy.png", "l2-test-accuracy.png", "full-data-l2.png",
                "dropout-network.png", "dropout-training.png", "initialization-z.png",
                "initialization-learning.png", "optimizer-paths.png", "optimizers-mnist.png",
                "learning-speeds.png", "batchnorm-learning.png", "batchnorm-preactivations.png",
                "ensemble-accuracy.png", "l1-sparsity.png",
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

        // 5.8: at initialization the sigmoid network's first hidden layer learns far more slowly
        // than its fourth (Eq. 5.17: a factor of at least 4 per layer), ReLU + He's does not.
        func numbers(_ key: String) -> [Double] {
            guard case .array(let values)? = results[key] else { return [] }
            return values.compactMap {
                switch $0 {
                case .number(let x): x
                case .integer(let i): Double(i)
                default: nil
                }
            }
        }
        let sigmoid = numbers("learningSpeed.sigmoid.initial")
        let relu = numbers("learningSpeed.reluHe.initial")
        try #require(sigmoid.count == 4 && relu.count == 4 && numbers("learningSpeed.batchNorm.initial").count == 4)
        #expect(sigmoid[0] < sigmoid[3] / 16)
        #expect(relu[0] > relu[3] / 2 && relu[0] < relu[3] * 2)
        // 5.9: one accuracy (or null for a diverged run) per swept learning rate and network.
        guard case .array(let plainSweep)? = results["batchNorm.sweep.sigmoid"],
            case .array(let normSweep)? = results["batchNorm.sweep.batchNorm"]
        else {
            Issue.record("results.json lacks the learning-rate sweep of 5.9")
            return
        }
        #expect(
            plainSweep.count == BatchNormSetup.sweepRates.count && normSweep.count == BatchNormSetup.sweepRates.count)
        #expect(number("batchNorm.learningRate") == BatchNormSetup.learningRate)
    }
}

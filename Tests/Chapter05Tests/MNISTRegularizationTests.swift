// A short seeded MNIST run: L2 on a small training set reaches an accuracy measured once and
// written down here (skipped when the real MNIST files are absent).

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — L2 on real MNIST", .serialized)
struct MNISTRegularizationTests {
    /// Seed 1 gives 0.7795 with L2 and 0.7655 without (measured once in a debug build); a different
    /// BLAS may change the last digits, so the bar sits just under a point below the L2 figure.
    static let verifiedL2Accuracy = 0.77

    @Test(
        "L2 (λ = 0.1) on 1,000 MNIST images, 30 epochs: at least 77% on 2,000 test images, above no penalty",
        .enabled(if: SharedData.has(.mnist), "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func l2BeatsVerifiedAccuracy() throws {
        var generator = SeededGenerator(seed: 1)
        let loaded = try SharedData.load(.mnist, generator: &generator)
        let training = LabeledData(loaded.train).subset(0..<1_000)
        let test = LabeledData(loaded.test).subset(0..<2_000)
        var accuracies: [Double] = []
        for regularization in [Regularization.none, .l2(lambda: OverfittingSetup.lambda)] {
            var runGenerator = SeededGenerator(seed: 1)
            let options = TrainingOptions(
                epochs: 30, batchSize: OverfittingSetup.batchSize, cost: CrossEntropyCost(),
                regularization: regularization)
            let run = try TrainingRun.make(
                label: "\(regularization)", sizes: OverfittingSetup.sizes, initialization: .standardNormal,
                data: training, options: options, optimizer: SGD(learningRate: OverfittingSetup.learningRate),
                evaluation: [], generator: &runGenerator)
            accuracies.append(Evaluation.accuracy(run.network, on: test))
        }
        print("MNIST 1,000 images, 30 epochs: no penalty \(accuracies[0]), L2 \(accuracies[1])")
        #expect(accuracies[1] >= Self.verifiedL2Accuracy, "L2 accuracy \(accuracies[1])")
        #expect(accuracies[1] > accuracies[0], "L2 \(accuracies[1]) against none \(accuracies[0])")
    }
}

// Section 3.7: a short seeded MNIST run of the classic network learns far beyond guessing.

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — MNIST, short run", .serialized)
struct MNISTTests {
    /// 3,000 training images, 2 epochs of [784, 30, 10], η = 3, m = 10: observed 59.6% on the
    /// first 1,000 test images with seed 1 (the quick run). Guessing gives 10%.
    static let shortRunFloor = 0.45

    @Test(
        "Eq. 3.7 — 2 epochs on 3,000 images lift [784, 30, 10] above 45% test accuracy",
        .enabled(if: SharedData.has(.mnist), "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func shortRun() throws {
        let folder = try #require(SharedData.folder)
        var generator = SeededGenerator(seed: 1)
        let loaded = try DatasetLoader.load(
            .mnist, dataFolder: folder, allowDownload: false, allowSynthetic: false, verifyChecksums: false,
            generator: &generator)
        let (train, validation, test) = MNISTExperiment.split(loaded, quick: true)
        #expect(train.count == 3_000 && validation.count == 1_000 && test.count == 1_000)
        let result = try MNISTExperiment.train(
            hidden: 30, train: train, validation: validation, test: test, epochs: 2, using: &generator)
        let accuracy = try #require(result.records.last?.evaluationAccuracy["test"])
        #expect(accuracy > Self.shortRunFloor, "test accuracy \(accuracy)")
        #expect(result.initialAccuracy < 0.2, "an untrained network should be near guessing")
        // The sanity check: between the all-½ (1.25) and the saturated-at-random (2.5) costs.
        #expect(result.initialCost > 1 && result.initialCost < 2.5, "initial cost \(result.initialCost)")
    }
}

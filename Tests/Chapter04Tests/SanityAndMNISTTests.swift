import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter04

@Suite("Chapter 04 — sanity checks and a short MNIST run", .serialized)
struct SanityAndMNISTTests {
    @Test("Eq. 4.5 — an untrained softmax classifier with small weights starts at a loss of ln 10 ± 0.02")
    func initialLoss() {
        var generator = SeededGenerator(seed: 1)
        let loss = SanityChecks.initialLoss(on: Chapter04Data.images(2_000), generator: &generator)
        expectClose(loss, log(10), tolerance: Chapter04Tolerance.initialLossFromLn10)
    }

    @Test("Eq. 4.5 — a [784,30,10] softmax network memorises 20 images: loss below 0.02, all 20 right")
    func overfit() throws {
        var generator = SeededGenerator(seed: 1)
        let result = try SanityChecks.overfit(Chapter04Data.images(20), generator: &generator)
        #expect(result.losses.last! < Chapter04Tolerance.overfitLoss, "final loss \(result.losses.last!)")
        #expect(result.losses.last! < 0.01 * result.losses.first!)
        #expect(result.accuracy == 1)
    }

    @Test(
        "MNIST, 3,000 images, 2 epochs: cross-entropy beats 70% and the quadratic cost at the same η",
        .enabled(if: Chapter04Data.hasMNIST, "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func shortRun() throws {
        let loaded = try #require(Chapter04Data.mnist)
        let (train, test) = mnistSplit(loaded, quick: true)
        let generator = SeededGenerator(seed: 1)
        let cross = try trainMNIST(.crossEntropy30, train: train, test: test, epochs: 2, generator: generator)
        let quadratic = try trainMNIST(.quadratic30Slow, train: train, test: test, epochs: 2, generator: generator)
        // Seed 1 (measured): cross-entropy 78.6%, quadratic 20.7% on the 1,000 test images.
        #expect(cross.finalAccuracy > 0.70, "cross-entropy \(cross.finalAccuracy)")
        #expect(cross.finalAccuracy > quadratic.finalAccuracy + 0.2, "quadratic \(quadratic.finalAccuracy)")
        // Both runs start from the same weights: same seed, same sizes.
        var g1 = generator
        var g2 = generator
        #expect(
            Network(sizes: [784, 30, 10], using: &g1).denseLayers[0].weights
                == Network(sizes: [784, 30, 10], using: &g2).denseLayers[0].weights)
    }

    @Test("The confusion matrix counts every test image once, with the correct ones on its diagonal")
    func confusionMatrix() {
        let data = Chapter04Data.images(300)
        var generator = SeededGenerator(seed: 2)
        let network = Network(sizes: [784, 10, 10], using: &generator)
        let counts = Evaluation.confusionMatrix(network, on: data)
        #expect(counts.flatMap { $0 }.reduce(0, +) == data.count)
        let diagonal = counts.indices.map { counts[$0][$0] }.reduce(0, +)
        expectClose(Double(diagonal) / Double(data.count), Evaluation.accuracy(network, on: data), tolerance: 1e-12)
    }
}

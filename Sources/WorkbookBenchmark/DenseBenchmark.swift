// Benchmark rows for the MNIST networks of Chapters 03–04: seconds per 50,000-image training
// epoch of the classic [784, 30, 10] and of [784, 100, 10] with softmax, and images per second at
// inference.

import ChapterRunner
import Foundation
import NeuralCore

@MainActor func denseRows() throws {
    var dataGenerator = SeededGenerator(seed: 1)
    let loaded = try DatasetLoader.load(.mnist, dataFolder: dataFolder, generator: &dataGenerator)
    print("\n  \(loaded.notice)\n")
    // Converting only the 50,000 training images (not all 60,000, then a copy) keeps memory low.
    let training = LabeledData(loaded.train.subset(0..<min(50_000, loaded.train.count)))
    let test = LabeledData(loaded.test)

    @MainActor func epochSeconds(
        sizes: [Int], hidden: Activation, output: Activation, cost: any Cost, batch: Int, eta: Double
    )
        throws -> ([Double], Network)
    {
        var times: [Double] = []
        var last: Network?
        for trial in 0..<repeats {
            var generator = SeededGenerator(seed: UInt64(trial + 1))
            var network = Network(sizes: sizes, hidden: hidden, output: output, using: &generator)
            var optimizer = SGD(learningRate: eta)
            let options = TrainingOptions(epochs: 1, batchSize: batch, cost: cost)
            let start = ContinuousClock.now
            _ = try Trainer.train(
                &network, on: training, options: options, optimizer: &optimizer, generator: &generator)
            times.append(seconds(ContinuousClock.now - start))
            last = network
        }
        return (times, last!)
    }

    let (classic, classicNetwork) = try epochSeconds(
        sizes: [784, 30, 10], hidden: .sigmoid, output: .sigmoid, cost: QuadraticCost(), batch: 10, eta: 3)
    report(
        Row(
            name: "epoch [784,30,10] sigmoid, quadratic, batch 10", measurements: classic, unit: "s/epoch",
            note: "\(training.count) images"))
    let (wide, _) = try epochSeconds(
        sizes: [784, 100, 10], hidden: .sigmoid, output: .softmax, cost: LogLikelihoodCost(), batch: 64, eta: 0.5)
    report(
        Row(
            name: "epoch [784,100,10] softmax, log-likelihood, batch 64", measurements: wide, unit: "s/epoch",
            note: "\(training.count) images"))

    let inference = (0..<repeats).map { _ in
        let start = ContinuousClock.now
        _ = Evaluation.accuracy(classicNetwork, on: test)
        return seconds(ContinuousClock.now - start)
    }
    report(
        Row(
            name: "inference [784,30,10]", measurements: inference.map { Double(test.count) / $0 }, unit: "images/s",
            note: "chunks of 1,000"))
    report(Row(name: "peak resident memory, dense", value: peakResidentBytes() / 1_048_576, unit: "MiB", note: ""))
}

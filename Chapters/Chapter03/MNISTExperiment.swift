// The classic MNIST experiment (Nielsen, ch. 1): [784, 30, 10] sigmoid network, quadratic cost,
// mini-batch SGD with m = 10 and η = 3.0, trained on the first 50,000 training images,
// validated on the last 10,000 and tested on the 10,000 test images.

import Dispatch
import NeuralCore
import Synchronization

/// The MNIST configuration and its split.
enum MNISTExperiment {
    static let learningRate = 3.0
    static let batchSize = 10
    static let epochs = 30
    static let quickEpochs = 2
    static let trainingCount = 50_000
    /// In a quick run: training, validation and test images used.
    static let quickCounts = (train: 3_000, validation: 1_000, test: 1_000)
    /// Generated digits (training, test) a quick run asks for when MNIST is absent.
    static let quickSyntheticCounts = (train: 4_800, test: 1_000)
    /// Hidden-layer sizes trained in a full run; a quick run trains only the first.
    static let hiddenSizes = [30, 100]
    /// Independent runs (different initial weights and shuffles) of the 100-unit network: its
    /// outcome depends on whether saturated output units escape, so one run says little.
    static let wideRuns = 4

    /// The three sets: the first `trainingCount` training images, the rest as validation, and the
    /// test images (or the first few thousand of each in a quick run). Generated digits (offline)
    /// have fewer images: the split keeps the same proportions.
    static func split(_ loaded: LoadedDataset, quick: Bool) -> (
        train: LabeledData, validation: LabeledData, test: LabeledData
    ) {
        let images = loaded.train
        let cut = images.count >= 60_000 ? trainingCount : images.count * 5 / 6
        // Cut the images first, then convert: only the pixels used become Doubles.
        if quick {
            let train = min(quickCounts.train, cut)
            let validation = min(quickCounts.validation, images.count - cut)
            return (
                LabeledData(images.subset(0..<train)), LabeledData(images.subset(cut..<(cut + validation))),
                LabeledData(loaded.test.subset(0..<min(quickCounts.test, loaded.test.count)))
            )
        }
        return (
            LabeledData(images.subset(0..<cut)), LabeledData(images.subset(cut..<images.count)),
            LabeledData(loaded.test)
        )
    }

    /// How a network of 3.7 is built and trained: the notes' classic setup by default, or what
    /// the chapter's knobs chose.
    struct Training: Sendable {
        var hiddenActivation: Activation = .sigmoid
        var output: Activation = .sigmoid
        var cost: any Cost = QuadraticCost()
        var initialization: WeightInitialization = .standardNormal
        var eta: Double = learningRate
        var batchSize: Int = MNISTExperiment.batchSize

        static let classic = Training()
    }

    /// Trains a [784, hidden, 10] network (by default sigmoid, quadratic cost: `Training.classic`),
    /// measuring validation and test accuracy after every epoch.
    static func train(
        hidden: Int, train: LabeledData, validation: LabeledData, test: LabeledData, epochs: Int,
        using generator: inout SeededGenerator, onBatch: ((Int, Int, Double) -> Void)? = nil,
        onEpoch: ((EpochRecord) -> Void)? = nil
    ) throws -> (network: Network, initialCost: Double, initialAccuracy: Double, records: [EpochRecord]) {
        try Self.train(
            layers: [hidden], training: .classic, train: train, validation: validation, test: test, epochs: epochs,
            using: &generator, onBatch: onBatch, onEpoch: onEpoch)
    }

    /// Trains a [784, layers…, 10] network as `training` says.
    static func train(
        layers: [Int], training: Training, train: LabeledData, validation: LabeledData, test: LabeledData,
        epochs: Int, using generator: inout SeededGenerator, onBatch: ((Int, Int, Double) -> Void)? = nil,
        onEpoch: ((EpochRecord) -> Void)? = nil
    ) throws -> (network: Network, initialCost: Double, initialAccuracy: Double, records: [EpochRecord]) {
        var network = Network(
            sizes: [train.features] + layers + [train.classes], hidden: training.hiddenActivation,
            output: training.output, initialization: training.initialization, using: &generator)
        let initialCost = Evaluation.cost(network, on: train, cost: training.cost)
        let initialAccuracy = Evaluation.accuracy(network, on: validation)
        var sgd = SGD(learningRate: training.eta)
        let records = try Trainer.train(
            &network, on: train,
            options: TrainingOptions(epochs: epochs, batchSize: training.batchSize, cost: training.cost),
            optimizer: &sgd, evaluation: [("validation", validation), ("test", test)], generator: &generator,
            onBatch: onBatch,
            onEpoch: { record, _ in
                onEpoch?(record)
                return .proceed
            })
        return (network, initialCost, initialAccuracy, records)
    }

    /// One training run's outcome.
    typealias Outcome = (network: Network, initialCost: Double, initialAccuracy: Double, records: [EpochRecord])

    /// Trains one network per generator, as many at a time as there are cores, each product on
    /// one BLAS thread. Results come back in the generators' order, so the run is deterministic.
    static func trainConcurrently(
        layers: [Int], training: Training, train: LabeledData, validation: LabeledData, test: LabeledData, epochs: Int,
        generators: [SeededGenerator]
    ) throws -> [Outcome] {
        let results = Mutex<[Int: Result<Outcome, any Error>]>([:])
        withSingleThreadedBLAS {
            DispatchQueue.concurrentPerform(iterations: generators.count) { index in
                var generator = generators[index]
                let result = Result {
                    try Self.train(
                        layers: layers, training: training, train: train, validation: validation, test: test,
                        epochs: epochs, using: &generator)
                }
                results.withLock { $0[index] = result }
            }
        }
        return try results.withLock { all in try generators.indices.map { try all[$0]!.get() } }
    }
}

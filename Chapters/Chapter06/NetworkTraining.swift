// Section 6.5's training runs: the convolutional network, and the dense networks it is
// compared with, each timed and measured on the test set after every epoch.

import ChapterRunner
import Foundation
import NeuralCore

/// The recipe of the convolutional network of section 6.5.
enum ConvolutionRecipe {
    static let convolutions: [(kernel: Int, channels: Int, pool: Int)] = [(5, 20, 2), (5, 40, 2)]
    static let hidden = [100]
    static let batchSize = 64
    /// SGD with momentum (Eq. 5.10–5.11): η₀ and μ.
    static let learningRate = 0.02
    static let momentum = 0.9
    /// η is multiplied by `decay` after every `decayEvery` epochs (a step schedule).
    static let decayEvery = 3
    static let decay = 0.3
    /// L2 (Eq. 5.1) with λ over n training images, on every weight, kernels included.
    static let lambda = 5.0
    static let dropoutKeep = 0.5
    static let fullEpochs = 8
    static let quickEpochs = 2

    static var schedule: LearningRateSchedule { .stepDecay(every: decayEvery, factor: decay) }
}

/// One run's recipe for section 6.5's network: the notes' (`ConvolutionRecipe`) unless the
/// learner's knobs change it.
struct NetworkRecipe: Equatable, Sendable {
    /// Kernels of each convolution, in order; every one `kernel` × `kernel`, ReLU, max-pooled by 2.
    var filters = ConvolutionRecipe.convolutions.map(\.channels)
    var kernel = ConvolutionRecipe.convolutions[0].kernel
    var hidden = ConvolutionRecipe.hidden
    var batchSize = ConvolutionRecipe.batchSize
    var learningRate = ConvolutionRecipe.learningRate
    var momentum = ConvolutionRecipe.momentum
    var decayEvery = ConvolutionRecipe.decayEvery
    var decay = ConvolutionRecipe.decay
    var lambda = ConvolutionRecipe.lambda
    /// Dropout's keep probability on the dense hidden layers; 1 is no dropout.
    var keep = 1.0
    /// Parts each mini-batch is split into and backpropagated at the same time (`TrainingOptions.shards`).
    var shards = SpeedKnobs.defaultShards
    /// The precision of the convolutions' products (dense layers always multiply in Double).
    var precision = ProductPrecision.double

    static let notes = NetworkRecipe()

    static let pool = 2

    var convolutions: [(kernel: Int, channels: Int, pool: Int)] {
        filters.map { (kernel, $0, Self.pool) }
    }

    var schedule: LearningRateSchedule { .stepDecay(every: decayEvery, factor: decay) }

    var hasDropout: Bool { keep < 1 }

    var regularization: Regularization { lambda > 0 ? .l2(lambda: lambda) : .none }

    /// The side of the maps after every stage on `size` × `size` images, or nil when a kernel or
    /// a pooling window no longer fits.
    func mapSides(input size: Int) -> [Int]? {
        var side = size
        var sides: [Int] = []
        for _ in filters {
            side = side - kernel + 1
            guard side >= Self.pool else { return nil }
            side = (side - Self.pool) / Self.pool + 1
            sides.append(side)
        }
        return sides
    }

    /// "conv 5×5 ×20 → max-pool 2 → conv 5×5 ×40 → max-pool 2 → dense 100 (ReLU) → softmax 10".
    func architecture(classes: Int) -> String {
        (filters.map { "conv \(kernel)×\(kernel) ×\($0) → max-pool \(Self.pool)" }
            + hidden.map { "dense \($0) (ReLU)" } + ["softmax \(classes)"]).joined(separator: " → ")
    }

    /// "conv 5×5×20 → pool → conv 5×5×40 → pool → 100 → 10", the training label.
    func shortName(classes: Int) -> String {
        (filters.map { "conv \(kernel)×\(kernel)×\($0) → pool" } + hidden.map(String.init) + ["\(classes)"])
            .joined(separator: " → ")
    }
}

/// Chapter 05's [784, 100, 10] network (sigmoid, cross-entropy, weights N(0, 1/n_in), plain SGD,
/// η = 0.1, L2 λ = 5, mini-batches of 10), as the dense baseline.
enum DenseBaseline {
    static let sizes = [784, 100, 10]
    static let learningRate = 0.1
    static let lambda = 5.0
    static let batchSize = 10
    static let fullEpochs = 30
    static let quickEpochs = 1
}

/// One trained model's measurements.
struct RunSummary {
    var label: String
    var parameters: Int
    var epochs: Int
    var testAccuracy: [Double]
    /// Mean mini-batch cost of each epoch (without the penalty).
    var trainingCost: [Double]
    var secondsPerEpoch: Double
    var imagesPerSecond: Double

    var finalAccuracy: Double { testAccuracy.last ?? .nan }
}

/// The recipe's network as a list of layers: for every convolution a stage of `channels` kernels
/// of `kernel` × `kernel` (stride 1, no padding), ReLU and max-pooling by `pool` (none when 1), a
/// flatten, dense ReLU layers of the `hidden` sizes (each followed by dropout when asked), and a
/// softmax layer of `classes`. He initialization throughout (Eq. 5.9).
func convolutionalNetwork(
    height: Int, width: Int, classes: Int, dropout: Bool, using generator: inout SeededGenerator
) -> Network {
    var recipe = NetworkRecipe.notes
    if dropout { recipe.keep = ConvolutionRecipe.dropoutKeep }
    return convolutionalNetwork(height: height, width: width, classes: classes, recipe: recipe, using: &generator)
}

/// The network of `recipe` (its convolutions, dense sizes and keep probability).
func convolutionalNetwork(
    height: Int, width: Int, classes: Int, recipe: NetworkRecipe, using generator: inout SeededGenerator
) -> Network {
    let input = MapShape(channels: 1, height: height, width: width)
    var shape = input
    var layers: [any Layer] = []
    for spec in recipe.convolutions {
        let geometry = ConvolutionGeometry(
            inputChannels: shape.channels, outputChannels: spec.channels, inputHeight: shape.height,
            inputWidth: shape.width, kernel: spec.kernel)
        let stage = ConvolutionStage(
            convolution: Convolution2D(geometry: geometry, using: &generator), activation: .relu,
            pooling: spec.pool > 1 ? Pooling2D(.max, size: spec.pool) : nil)
        layers.append(stage)
        shape = stage.outputMaps
    }
    layers.append(Flatten())
    var inputs = shape.count
    for size in recipe.hidden {
        layers.append(
            WeightInitialization.he.layer(inputs: inputs, outputs: size, activation: .relu, using: &generator))
        if recipe.hasDropout { layers.append(Dropout(keep: recipe.keep)) }
        inputs = size
    }
    layers.append(
        WeightInitialization.he.layer(inputs: inputs, outputs: classes, activation: .softmax, using: &generator))
    var network = Network(input: input, layers: layers)
    network.setConvolutionPrecision(recipe.precision)
    return network
}

/// Trains the convolutional network; prints one line per epoch.
func trainConvolutional(
    _ session: ChapterSession, data: ChapterImages, epochs: Int, recipe: NetworkRecipe,
    generator: inout SeededGenerator
) throws -> (Network, RunSummary) {
    var network = convolutionalNetwork(
        height: data.height, width: data.width, classes: data.classNames.count, recipe: recipe, using: &generator)
    var optimizer = Momentum(learningRate: recipe.learningRate, momentum: recipe.momentum)
    let options = TrainingOptions(
        epochs: epochs, batchSize: recipe.batchSize, cost: LogLikelihoodCost(), regularization: recipe.regularization,
        shards: recipe.shards)
    let summary = try trainMeasured(
        &network, label: recipe.shortName(classes: data.classNames.count), parameters: network.parameterCount,
        data: data, options: options, optimizer: &optimizer, generator: &generator,
        afterEpoch: { record, cost, seconds, optimizer in
            session.show(
                "epoch \(record.epoch): η = \(formatted(record.learningRate, significant: 3)), training cost \(formatted(cost, significant: 4)), test accuracy \(percent(record.evaluationAccuracy["test"] ?? .nan)), \(formatted(seconds, decimals: 1)) s"
            )
            optimizer.learningRate = recipe.schedule.learningRate(
                initial: recipe.learningRate, afterEpoch: record.epoch)
        },
        predict: { _ = Evaluation.predictions($0, on: data.test) })
    return (network, summary)
}

/// Trains a dense network with the same loop, for comparison.
func trainDense(
    label: String, sizes: [Int], hidden: Activation, output: Activation, initialization: WeightInitialization,
    cost: any Cost, data: ChapterImages, options: TrainingOptions, optimizer: some Optimizer,
    schedule: LearningRateSchedule, initialRate: Double, generator: inout SeededGenerator
) throws -> RunSummary {
    var network = Network(
        sizes: sizes, hidden: hidden, output: output, initialization: initialization, using: &generator)
    var optimizer = optimizer
    return try trainMeasured(
        &network, label: label, parameters: network.parameterCount, data: data, options: options,
        optimizer: &optimizer, generator: &generator,
        afterEpoch: { record, _, _, optimizer in
            optimizer.learningRate = schedule.learningRate(initial: initialRate, afterEpoch: record.epoch)
        },
        predict: { _ = Evaluation.accuracy($0, on: data.test) })
}

/// The one training loop (`Trainer.train`) with the measurements section 6.5 compares: the mean
/// mini-batch cost and the seconds of every epoch, test accuracy after each, and inference speed
/// (`predict` run once over the test set). `afterEpoch` sees the epoch's record, mean cost and
/// seconds, and sets η for the next epoch.
func trainMeasured<O: Optimizer>(
    _ model: inout Network, label: String, parameters: Int, data: ChapterImages, options: TrainingOptions,
    optimizer: inout O, generator: inout SeededGenerator,
    afterEpoch: @escaping (EpochRecord, _ cost: Double, _ seconds: Double, inout O) -> Void,
    predict: (Network) -> Void
) throws -> RunSummary {
    var costSum = 0.0
    var costs: [Double] = []
    var epochSeconds: [Double] = []
    var epochStart = ContinuousClock.now
    let records = try Trainer.train(
        &model, on: data.training, options: options, optimizer: &optimizer, evaluation: [("test", data.test)],
        generator: &generator,
        onBatch: { index, count, batchCost in
            costSum += batchCost
            if index == count {
                costs.append(costSum / Double(count))
                costSum = 0
                epochSeconds.append(seconds(since: epochStart))
            }
        },
        onEpoch: { record, optimizer in
            afterEpoch(record, costs.last ?? .nan, epochSeconds.last ?? .nan, &optimizer)
            epochStart = ContinuousClock.now
            return .proceed
        })
    let start = ContinuousClock.now
    predict(model)
    let inference = Double(data.test.count) / seconds(since: start)
    return RunSummary(
        label: label, parameters: parameters, epochs: records.count,
        testAccuracy: records.map { $0.evaluationAccuracy["test"] ?? .nan }, trainingCost: costs,
        secondsPerEpoch: epochSeconds.reduce(0, +) / Double(max(epochSeconds.count, 1)), imagesPerSecond: inference)
}

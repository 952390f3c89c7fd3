// The two toy experiments of Chapter 03, as plain functions the sections and the tests share:
// moons with a growing hidden layer, and a deeper ReLU network on circles watched epoch by epoch.

import NeuralCore

/// Moons: how many hidden units a [2, h, 2] network needs.
enum MoonsExperiment {
    static let hiddenSizes = [1, 2, 3, 4, 5, 20, 50]
    static let count = 200
    static let noise = 0.2
    static let learningRate = 0.3
    static let batchSize = 10
    static let epochs = 600
    static let quickEpochs = 30

    static func data(using generator: inout SeededGenerator) -> PointDataset {
        ToyDatasets.moons(count: count, noise: noise, using: &generator)
    }

    /// Trains a [2, h, 2] network (tanh hidden units, softmax output, log-likelihood cost) with
    /// mini-batch SGD (Eq. 3.7) and returns it with its training accuracy.
    static func train(
        hidden: Int, on points: PointDataset, epochs: Int, eta: Double = learningRate,
        using generator: inout SeededGenerator
    ) throws -> (network: Network, accuracy: Double) {
        var network = Network(
            sizes: [2, hidden, 2], hidden: .tanh, output: .softmax, initialization: .xavier, using: &generator)
        let data = LabeledData(points)
        var sgd = SGD(learningRate: eta)
        _ = try Trainer.train(
            &network, on: data,
            options: TrainingOptions(epochs: epochs, batchSize: batchSize, cost: LogLikelihoodCost()),
            optimizer: &sgd, generator: &generator)
        return (network, Evaluation.accuracy(network, on: data))
    }
}

/// Circles: a deeper ReLU network [2, 4, 6, 6, 4, 1] with a sigmoid output and cross-entropy.
enum CirclesExperiment {
    static let sizes = [2, 4, 6, 6, 4, 1]
    static let count = 400
    static let noise = 0.1
    static let factor = 0.5
    static let learningRate = 0.1
    static let batchSize = 10
    /// Epochs at which the decision regions are drawn (the last is the end of training).
    static let snapshots = [1, 3, 5, 10, 30, 100]
    static let quickSnapshots = [1, 3, 6]
    /// Epochs drawn as frames of the animation: every epoch while the ring forms and the first
    /// overshoots come and go, then every fifth (each frame's title names its epoch).
    static let frames = Array(1...30) + Array(stride(from: 35, through: 100, by: 5))
    static let quickFrames = Array(1...6)

    static func data(using generator: inout SeededGenerator) -> PointDataset {
        ToyDatasets.circles(count: count, noise: noise, factor: factor, using: &generator)
    }

    /// Trains from scratch up to the last snapshot epoch, returning the network at each snapshot
    /// (and at each epoch of `frames` up to it) and the per-epoch records (training cost and
    /// accuracy). Training stops at those epochs and goes on from there; the shuffles drawn from
    /// `generator` are the same whichever epochs are kept, so the frames change nothing learned.
    static func train(
        on points: PointDataset, snapshots: [Int], frames: [Int] = [], sizes: [Int] = sizes,
        eta: Double = learningRate, using generator: inout SeededGenerator
    ) throws -> (networks: [(epoch: Int, network: Network)], records: [EpochRecord]) {
        let last = snapshots.max() ?? 0
        let stops = Set(snapshots + frames.filter { $0 >= 1 && $0 <= last }).sorted()
        var network = Network(
            sizes: sizes, hidden: .relu, output: .sigmoid, initialization: .he, using: &generator)
        let data = LabeledData(points)
        var sgd = SGD(learningRate: eta)
        var records: [EpochRecord] = []
        var networks: [(epoch: Int, network: Network)] = []
        var done = 0
        for target in stops {
            let options = TrainingOptions(
                epochs: target - done, batchSize: batchSize, cost: CrossEntropyCost(), monitorTraining: true)
            let segment = try Trainer.train(
                &network, on: data, options: options, optimizer: &sgd, generator: &generator)
            records += segment.map { record in
                var renumbered = record
                renumbered.epoch += done
                return renumbered
            }
            done = target
            networks.append((target, network))
        }
        return (networks, records)
    }
}

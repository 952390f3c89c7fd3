// Mini-batch stochastic gradient descent with any optimizer and any `TrainableModel`: shuffle,
// split into mini-batches, backpropagate each, add the regularization gradient, step. After each epoch,
// measure what was asked for and let the caller adjust the learning rate or stop.

import Foundation

/// How to train.
public struct TrainingOptions: Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var cost: any Cost
    public var regularization: Regularization
    /// Keep probability of inverted dropout on hidden layers (nil: no dropout).
    public var dropoutKeep: Double?
    /// Measure cost and accuracy on the training data after every epoch (costs a forward pass).
    public var monitorTraining: Bool

    public init(
        epochs: Int, batchSize: Int, cost: any Cost, regularization: Regularization = .none,
        dropoutKeep: Double? = nil, monitorTraining: Bool = false
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.cost = cost
        self.regularization = regularization
        self.dropoutKeep = dropoutKeep
        self.monitorTraining = monitorTraining
    }
}

/// What one epoch of training measured.
public struct EpochRecord: Sendable, Codable, Equatable {
    public var epoch: Int
    public var learningRate: Double
    public var trainingCost: Double?
    public var trainingAccuracy: Double?
    /// Cost and accuracy on each evaluation set, by name ("validation", "test", …).
    public var evaluationCost: [String: Double]
    public var evaluationAccuracy: [String: Double]
    /// ‖Δw‖ / ‖w‖ of each layer's weights in the epoch's last update: a sanity check that steps
    /// are neither negligible nor violent (around 1e-3 is typical for SGD).
    public var updateRatios: [Double]
}

/// What the caller decides after an epoch.
public enum EpochDecision: Sendable, Equatable {
    case proceed
    case stop
}

/// Training stopped because the numbers stopped being numbers.
public struct TrainingDiverged: Error, CustomStringConvertible, Sendable {
    public var epoch: Int
    public var learningRate: Double
    public var description: String {
        "training diverged in epoch \(epoch): the cost became NaN or infinite with learning rate \(learningRate). Lower the learning rate and run again."
    }
}

/// Mini-batch training of any `TrainableModel`: a dense `Network` or a `ConvolutionalNetwork`.
public enum Trainer {
    /// Trains `network` in place and returns one record per epoch run.
    /// - Parameters:
    ///   - network: the model to train, updated in place.
    ///   - training: the training examples, shuffled into mini-batches every epoch.
    ///   - options: epochs, mini-batch size, cost, penalty and dropout.
    ///   - optimizer: the update rule; its learning rate may be changed by `onEpoch`.
    ///   - evaluation: named data sets measured after every epoch (e.g. validation and test).
    ///   - onBatch: called after every mini-batch with (batch index, batch count, batch cost).
    ///   - onEpoch: called after every epoch with its record; may change the optimizer's learning
    ///     rate; returns whether to go on.
    ///   - generator: the seeded source of every shuffle and dropout mask.
    public static func train<Model: TrainableModel, O: Optimizer>(
        _ network: inout Model, on training: LabeledData, options: TrainingOptions, optimizer: inout O,
        evaluation: [(name: String, data: LabeledData)] = [], generator: inout SeededGenerator,
        onBatch: ((Int, Int, Double) -> Void)? = nil,
        onEpoch: ((EpochRecord, inout O) -> EpochDecision)? = nil
    ) throws -> [EpochRecord] {
        precondition(options.batchSize >= 1, "batch size must be at least 1")
        let n = training.count
        let batchCount = (n + options.batchSize - 1) / options.batchSize
        var workspace = network.makeWorkspace()
        var records: [EpochRecord] = []
        for epoch in 1...options.epochs {
            let order = generator.permutation(n)
            var ratios: [Double] = []
            for batchIndex in 0..<batchCount {
                let indices = Array(
                    order[(batchIndex * options.batchSize)..<min((batchIndex + 1) * options.batchSize, n)])
                var result = network.backpropagate(
                    examples: indices, of: training, cost: options.cost, dropoutKeep: options.dropoutKeep,
                    generator: &generator, workspace: &workspace)
                guard result.cost.isFinite else {
                    throw TrainingDiverged(epoch: epoch, learningRate: optimizer.learningRate)
                }
                network.addPenaltyGradient(options.regularization, to: &result.gradients, trainingCount: n)
                let isLast = batchIndex == batchCount - 1
                let before = isLast ? network.weightMatrices : []
                network.updateParameters { parameters in
                    optimizer.step(&parameters, gradients: result.gradients)
                }
                if isLast {
                    ratios = zip(network.weightMatrices, before).map { new, old in
                        (new - old).norm() / max(old.norm(), 1e-300)
                    }
                }
                onBatch?(batchIndex + 1, batchCount, result.cost / Double(indices.count))
            }
            var record = EpochRecord(
                epoch: epoch, learningRate: optimizer.learningRate, trainingCost: nil, trainingAccuracy: nil,
                evaluationCost: [:], evaluationAccuracy: [:], updateRatios: ratios)
            if options.monitorTraining {
                let measured = network.evaluate(
                    on: training, cost: options.cost, regularization: options.regularization, trainingCount: nil)
                record.trainingCost = measured.cost
                record.trainingAccuracy = measured.accuracy
            }
            for (name, data) in evaluation {
                let measured = network.evaluate(
                    on: data, cost: options.cost, regularization: options.regularization, trainingCount: n)
                record.evaluationCost[name] = measured.cost
                record.evaluationAccuracy[name] = measured.accuracy
            }
            if let cost = record.trainingCost, !cost.isFinite {
                throw TrainingDiverged(epoch: epoch, learningRate: optimizer.learningRate)
            }
            records.append(record)
            if onEpoch?(record, &optimizer) == .stop { break }
        }
        return records
    }
}

// Mini-batch stochastic gradient descent of any `Network` with any optimizer: shuffle, split into
// mini-batches, backpropagate each in training mode, add the regularization gradient, step. After
// each epoch, measure what was asked for in inference mode and let the caller adjust the learning
// rate or stop.

import Foundation

/// How to train.
public struct TrainingOptions: Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var cost: any Cost
    public var regularization: Regularization
    /// Measure cost and accuracy on the training data after every epoch (costs a forward pass).
    public var monitorTraining: Bool
    /// Split every mini-batch into this many parts backpropagated at the same time, one per core,
    /// each product on one BLAS thread (`Network.backpropagate(_:indices:…workspaces:)`). The same
    /// gradients up to rounding; 1 backpropagates the whole batch at once.
    public var shards: Int

    public init(
        epochs: Int, batchSize: Int, cost: any Cost, regularization: Regularization = .none,
        monitorTraining: Bool = false, shards: Int = 1
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.cost = cost
        self.regularization = regularization
        self.monitorTraining = monitorTraining
        self.shards = shards
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
    /// ‖Δw‖ / ‖w‖ of each penalized parameter (each layer's weights) in the epoch's last update: a sanity check that steps
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

/// Why training cannot start.
public struct TrainingRefused: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Mini-batch training of a `Network`, whatever its layers.
public enum Trainer {
    /// Trains `network` in place and returns one record per epoch run.
    ///
    /// Every mini-batch: the forward pass in `.training` mode (dropout draws its masks from
    /// `generator`), backpropagation of the cost averaged over the batch, the penalty's gradient
    /// with n = the training set's size (Eq. 5.1–5.4), and one optimizer step. Every epoch: the
    /// measurements in `.inference` mode.
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
    public static func train<O: Optimizer>(
        _ network: inout Network, on training: LabeledData, options: TrainingOptions, optimizer: inout O,
        evaluation: [(name: String, data: LabeledData)] = [], generator: inout SeededGenerator,
        onBatch: ((Int, Int, Double) -> Void)? = nil,
        onEpoch: ((EpochRecord, inout O) -> EpochDecision)? = nil
    ) throws -> [EpochRecord] {
        guard options.batchSize >= 1 else { throw TrainingRefused(description: "batch size must be at least 1") }
        guard options.epochs >= 1 else { throw TrainingRefused(description: "train for at least 1 epoch") }
        guard training.count > 0 else { throw TrainingRefused(description: "the training set is empty") }
        guard options.shards >= 1 else {
            throw TrainingRefused(description: "split mini-batches into at least 1 shard")
        }
        if options.shards > 1, let coupled = network.layers.first(where: { $0.couplesExamples }) {
            throw TrainingRefused(
                description:
                    "\(coupled.summary) takes statistics over the whole mini-batch, so it cannot be split into \(options.shards) shards: use 1"
            )
        }
        guard training.features == network.inputShape.count else {
            throw TrainingRefused(
                description:
                    "the examples have \(training.features) features but the network takes \(network.inputShape) = \(network.inputShape.count)"
            )
        }
        if let last = network.layers.last,
            let refusal = options.cost.refusal(outputActivation: outputActivation(of: last))
        {
            throw TrainingRefused(description: "\(options.cost.name) after \(last.summary): \(refusal)")
        }
        let n = training.count
        let batchCount = (n + options.batchSize - 1) / options.batchSize
        var workspace = network.makeWorkspace()
        let shardWorkspaces =
            options.shards > 1 ? Network.ShardWorkspaces(network: network, shards: options.shards) : nil
        var records: [EpochRecord] = []
        for epoch in 1...options.epochs {
            let order = generator.permutation(n)
            var ratios: [Double] = []
            for batchIndex in 0..<batchCount {
                let indices = Array(
                    order[(batchIndex * options.batchSize)..<min((batchIndex + 1) * options.batchSize, n)])
                var result: Network.Backpropagation
                if let shardWorkspaces {
                    result = network.backpropagate(
                        training, indices: indices, cost: options.cost, generator: &generator,
                        workspaces: shardWorkspaces)
                } else {
                    result = network.backpropagate(
                        network.input(training, indices: indices), network.targets(training, indices: indices),
                        cost: options.cost, mode: .training, generator: &generator, workspace: &workspace)
                }
                guard result.cost.isFinite else {
                    throw TrainingDiverged(epoch: epoch, learningRate: optimizer.learningRate)
                }
                options.regularization.addGradient(to: &result.gradients, of: network, trainingCount: n)
                let isLast = batchIndex == batchCount - 1
                let before = isLast ? network.penalizedParameters : []
                network.updateParameters { parameters in
                    optimizer.step(&parameters, gradients: result.gradients)
                }
                if isLast {
                    ratios = zip(network.penalizedParameters, before).map { new, old in
                        (new - old).norm() / max(old.norm(), 1e-300)
                    }
                }
                onBatch?(batchIndex + 1, batchCount, result.cost / Double(indices.count))
            }
            var record = EpochRecord(
                epoch: epoch, learningRate: optimizer.learningRate, trainingCost: nil, trainingAccuracy: nil,
                evaluationCost: [:], evaluationAccuracy: [:], updateRatios: ratios)
            if options.monitorTraining {
                let measured = Evaluation.measure(
                    network, on: training, cost: options.cost, regularization: options.regularization, trainingCount: n)
                record.trainingCost = measured.cost
                record.trainingAccuracy = measured.accuracy
            }
            for (name, data) in evaluation {
                let measured = Evaluation.measure(
                    network, on: data, cost: options.cost, regularization: options.regularization, trainingCount: n)
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

    /// The activation a cost sees after `layer`: its own, or the identity for a layer without one.
    static func outputActivation(of layer: any Layer) -> Activation {
        (layer as? any ActivationOutputLayer)?.outputActivation ?? .identity
    }
}

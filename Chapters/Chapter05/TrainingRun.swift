// One training experiment of the chapter: build a network, train it with a given optimizer,
// keep every epoch's record, and time it. A progress bar shows the epochs on a terminal.

import ChapterRunner
import Foundation
import NeuralCore

/// The records and final network of one training run.
struct TrainingRun {
    var network: Network
    var records: [EpochRecord]
    var seconds: Double
    /// Average cost of each mini-batch, in order (for curves finer than an epoch).
    var batchCosts: [Double]
    /// How many training examples the run learned from.
    var trainingCount: Int

    /// Accuracy on the named evaluation set after each epoch.
    func accuracies(_ name: String) -> [Double] { records.map { $0.evaluationAccuracy[name] ?? .nan } }
    /// Cost on the named evaluation set after each epoch.
    func costs(_ name: String) -> [Double] { records.map { $0.evaluationCost[name] ?? .nan } }
    /// The best accuracy on `name` and the epoch it was reached.
    func best(_ name: String) -> (accuracy: Double, epoch: Int) {
        let values = accuracies(name)
        let index = values.indices.max { values[$0] < values[$1] } ?? 0
        return (values.isEmpty ? .nan : values[index], index + 1)
    }
    func final(_ name: String) -> Double { accuracies(name).last ?? .nan }
    /// The layer sizes of the trained network: [784, 30, 10].
    var sizes: [Int] {
        let dense = network.denseLayers
        return dense.isEmpty ? [] : [dense[0].inputs] + dense.map(\.outputs)
    }

    /// Trains a fresh network of `sizes` (sigmoid hidden layers, each followed by `hiddenDropout`
    /// when given) on `data`.
    static func make<O: Optimizer>(
        label: String, sizes: [Int], output: Activation = .sigmoid, initialization: WeightInitialization,
        hiddenDropout: Dropout? = nil, data: LabeledData, options: TrainingOptions, optimizer: O,
        evaluation: [(name: String, data: LabeledData)], generator: inout SeededGenerator,
        onEpoch: ((EpochRecord, inout O) -> EpochDecision)? = nil
    ) throws -> TrainingRun {
        var network = Network(
            sizes: sizes, hidden: .sigmoid, output: output, initialization: initialization,
            hiddenDropout: hiddenDropout, using: &generator)
        var optimizer = optimizer
        var bar = ProgressBar(total: options.epochs, label: label)
        var batchCosts: [Double] = []
        let started = Date()
        let records = try Trainer.train(
            &network, on: data, options: options, optimizer: &optimizer, evaluation: evaluation,
            generator: &generator,
            onBatch: { _, _, cost in batchCosts.append(cost) },
            onEpoch: { record, optimizer in
                bar.update(
                    step: record.epoch,
                    metrics: ["acc": record.evaluationAccuracy[evaluation.first?.name ?? ""] ?? .nan])
                return onEpoch?(record, &optimizer) ?? .proceed
            })
        bar.finish()
        return TrainingRun(
            network: network, records: records, seconds: Date().timeIntervalSince(started), batchCosts: batchCosts,
            trainingCount: data.count)
    }
}

/// "1 epoch", "3 epochs".
func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

/// "87.12%".

extension TrainingRun {
    /// `make` for an optimizer chosen at run time (no per-epoch callback).
    static func make(
        label: String, sizes: [Int], output: Activation, initialization: WeightInitialization, data: LabeledData,
        options: TrainingOptions, anyOptimizer: any Optimizer, evaluation: [(name: String, data: LabeledData)],
        generator: inout SeededGenerator
    ) throws -> TrainingRun {
        try opened(
            anyOptimizer, label: label, sizes: sizes, output: output, initialization: initialization, data: data,
            options: options, evaluation: evaluation, generator: &generator)
    }

    private static func opened<O: Optimizer>(
        _ optimizer: O, label: String, sizes: [Int], output: Activation, initialization: WeightInitialization,
        data: LabeledData, options: TrainingOptions, evaluation: [(name: String, data: LabeledData)],
        generator: inout SeededGenerator
    ) throws -> TrainingRun {
        try make(
            label: label, sizes: sizes, output: output, initialization: initialization, data: data,
            options: options, optimizer: optimizer, evaluation: evaluation, generator: &generator)
    }
}

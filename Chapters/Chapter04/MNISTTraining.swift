// The MNIST experiments of sections 4.5–4.6: which network, cost and learning rate each run
// uses, and one function that trains it with a progress bar and a record per epoch.

import ChapterRunner
import Foundation
import NeuralCore

/// One MNIST training configuration.
struct MNISTSetup: Sendable {
    /// Key in results.json, e.g. "ce-30".
    var key: String
    /// Legend text.
    var label: String
    var sizes: [Int]
    var output: Activation
    var cost: any Cost
    var eta: Double
    var initialization: WeightInitialization = .standardNormal

    var architecture: String { "[" + sizes.map(String.init).joined(separator: ",") + "]" }
}

extension MNISTSetup {
    /// Nielsen's ch. 1 setup, which Chapter 03 trains: quadratic cost, η = 3.
    static let quadratic30 = MNISTSetup(
        key: "quadratic-30", label: "[784,30,10] quadratic, η = 3", sizes: [784, 30, 10], output: .sigmoid,
        cost: QuadraticCost(), eta: 3)
    /// The quadratic cost at the cross-entropy's learning rate.
    static let quadratic30Slow = MNISTSetup(
        key: "quadratic-30-eta0.5", label: "[784,30,10] quadratic, η = 0.5", sizes: [784, 30, 10],
        output: .sigmoid, cost: QuadraticCost(), eta: 0.5)
    /// Nielsen's ch. 3 setup: sigmoid outputs, cross-entropy, η = 0.5.
    static let crossEntropy30 = MNISTSetup(
        key: "cross-entropy-30", label: "[784,30,10] sigmoid + cross-entropy, η = 0.5", sizes: [784, 30, 10],
        output: .sigmoid, cost: CrossEntropyCost(), eta: 0.5)
    static let logLikelihood30 = MNISTSetup(
        key: "log-likelihood-30", label: "[784,30,10] softmax + log-likelihood, η = 0.5", sizes: [784, 30, 10],
        output: .softmax, cost: LogLikelihoodCost(), eta: 0.5)
    static let crossEntropy100 = MNISTSetup(
        key: "cross-entropy-100", label: "[784,100,10] sigmoid + cross-entropy, η = 0.5", sizes: [784, 100, 10],
        output: .sigmoid, cost: CrossEntropyCost(), eta: 0.5)
    static let logLikelihood100 = MNISTSetup(
        key: "log-likelihood-100", label: "[784,100,10] softmax + log-likelihood, η = 0.5",
        sizes: [784, 100, 10], output: .softmax, cost: LogLikelihoodCost(), eta: 0.5)

    static let all: [MNISTSetup] = [
        quadratic30, quadratic30Slow, crossEntropy30, logLikelihood30, crossEntropy100, logLikelihood100,
    ]

    /// The notes' six setups with the knobs' learning rates and hidden sizes, plus the pair of
    /// runs `--cost` adds. The defaults give `all`, keys and labels included.
    static func comparison(_ knobs: ComparisonKnobs) -> [MNISTSetup] {
        let (small, large) = (knobs.hidden[0], knobs.hidden[1])
        func eta(_ value: Double) -> String { value.settingText }
        func setup(_ base: MNISTSetup, hidden: Int, eta value: Double) -> MNISTSetup {
            var changed = base
            let defaultHidden = base.sizes[1]
            changed.sizes = [784, hidden, 10]
            changed.eta = value
            if hidden != defaultHidden {
                changed.key = changed.key.replacingOccurrences(of: "-\(defaultHidden)", with: "-\(hidden)")
            }
            changed.label = "[784,\(hidden),10] " + base.label.split(separator: " ", maxSplits: 1)[1]
            changed.label = changed.label.replacingOccurrences(of: "η = \(eta(base.eta))", with: "η = \(eta(value))")
            return changed
        }
        var setups = [
            setup(.quadratic30, hidden: small, eta: knobs.quadraticEta),
            setup(.quadratic30Slow, hidden: small, eta: knobs.eta),
            setup(.crossEntropy30, hidden: small, eta: knobs.eta),
            setup(.logLikelihood30, hidden: small, eta: knobs.eta),
            setup(.crossEntropy100, hidden: large, eta: knobs.eta),
            setup(.logLikelihood100, hidden: large, eta: knobs.eta),
        ]
        // The slow quadratic run is named after its rate.
        if knobs.eta != quadratic30Slow.eta {
            setups[1].key = setups[1].key.replacingOccurrences(of: "-eta0.5", with: "-eta\(eta(knobs.eta))")
        }
        if let cost = knobs.cost.cost {
            for hidden in [small, large] {
                setups.append(
                    MNISTSetup(
                        key: "\(knobs.output.rawValue)-\(knobs.cost.rawValue)-\(hidden)",
                        label: "[784,\(hidden),10] \(knobs.output.rawValue) + \(cost.name), η = \(eta(knobs.eta))",
                        sizes: [784, hidden, 10], output: knobs.output.activation, cost: cost, eta: knobs.eta))
            }
        }
        return setups
    }
}

/// A trained run.
struct MNISTRun {
    var setup: MNISTSetup
    var network: Network
    var records: [EpochRecord]
    var seconds: Double

    var accuracies: [Double] { records.map { $0.evaluationAccuracy["test"] ?? .nan } }
    var finalAccuracy: Double { accuracies.last ?? .nan }
    var bestAccuracy: Double { accuracies.max() ?? .nan }
}

/// The MNIST training and test sets in the chapter's split: Nielsen's first 50,000 training
/// images (the last 10,000 are his validation set, unused here) and the 10,000 test images;
/// `quick` takes 3,000 and 1,000.
func mnistSplit(_ loaded: LoadedDataset, quick: Bool) -> (train: LabeledData, test: LabeledData) {
    let train = LabeledData(loaded.train)
    let test = LabeledData(loaded.test)
    let trainCount = min(train.count, quick ? 3_000 : 50_000)
    let testCount = min(test.count, quick ? 1_000 : 10_000)
    return (train.subset(0..<trainCount), test.subset(0..<testCount))
}

/// Trains `setup` with mini-batches of 10, measuring test accuracy and cost after each epoch.
/// `generator` is copied, so every run given the same generator draws the same initial weights
/// (for the same sizes) and the same mini-batch order.
func trainMNIST(
    _ setup: MNISTSetup, train: LabeledData, test: LabeledData, epochs: Int, batchSize: Int = 10,
    generator: SeededGenerator, progressLabel: String? = nil
) throws -> MNISTRun {
    var g = generator
    var network = Network(
        sizes: setup.sizes, hidden: .sigmoid, output: setup.output, initialization: setup.initialization, using: &g)
    var optimizer = SGD(learningRate: setup.eta)
    let options = TrainingOptions(epochs: epochs, batchSize: batchSize, cost: setup.cost)
    let started = Date()
    var epoch = 1
    var bar = ProgressBar(total: 1, label: "")
    let records = try Trainer.train(
        &network, on: train, options: options, optimizer: &optimizer, evaluation: [("test", test)], generator: &g,
        onBatch: { index, count, cost in
            guard let progressLabel else { return }
            if index == 1 { bar = ProgressBar(total: count, label: "\(progressLabel) epoch \(epoch)/\(epochs)") }
            bar.update(step: index, metrics: ["loss": cost])
        },
        onEpoch: { record, _ in
            bar.finish()
            epoch = record.epoch + 1
            return .proceed
        })
    return MNISTRun(setup: setup, network: network, records: records, seconds: Date().timeIntervalSince(started))
}

// Section 5.9 of Chapter 05: batch normalization — a deep sigmoid network trained with and
// without it at a learning rate where the plain one stalls, and the distribution of one hidden
// unit's input over training (the experiment of Ioffe & Szegedy's Figure 1).

import ChapterRunner
import NeuralCore

enum BatchNormSetup {
    static let sizes = [784, 100, 100, 100, 10]
    static let batchSize = 60
    /// The learning rates tried for one epoch on the training set before the main runs.
    static let sweepRates: [Double] = [0.5, 2, 8, 32]
    /// The main runs' η: chosen from the sweep, where the plain network stalls and batch norm does not.
    static let learningRate = 8.0
    static let fullEpochs = 3
    static let quickEpochs = 1
    /// Training examples between two measurements.
    static let fullStretch = 5_000
    static let quickStretch = 300
    /// The unit whose input is followed: the first unit of the third hidden layer.
    static let probedLayer = 2
    static let probedUnit = 0
    static let percentiles: [Double] = [15, 50, 85]
}

/// What 5.9 measures after every stretch of training.
struct BatchNormMeasurement {
    var testAccuracy: Double
    /// The 15th, 50th and 85th percentiles over the test images of the probed unit's input to σ.
    var percentiles: [Double]
}

/// 5.9 — plain against batch-normalized, at a learning rate the plain network cannot use.
func batchNormalization(_ session: ChapterSession, data: ChapterData) throws {
    let quick = session.options.quick
    let cost = LogLikelihoodCost()
    let options = TrainingOptions(epochs: 1, batchSize: BatchNormSetup.batchSize, cost: cost)
    let start = session.generator.fork()
    let variants: [DeepVariant] = [.sigmoid, .batchNorm]

    session.say(
        """
        \(BatchNormSetup.sizes) with sigmoid hidden units (weights N(0, 1/n_in)), a softmax output and the \
        log-likelihood cost, mini-batches of \(BatchNormSetup.batchSize), plain SGD; the batch-normalized \
        network has the same weights, with batch normalization (Eq. 5.18–5.21) between each hidden \
        layer's weighted sum and its σ. First, one epoch on \(data.training.count) images at several \
        learning rates, from the same weights and shuffles (test accuracy on \(data.test.count) images):
        """)
    var sweep: [[Double?]] = []
    for eta in BatchNormSetup.sweepRates {
        var row: [Double?] = []
        for variant in variants {
            var generator = start
            var deep = DeepNetwork.make(variant, sizes: BatchNormSetup.sizes, output: .softmax, generator: &generator)
            var optimizer = SGD(learningRate: eta)
            let run = try ObservedTraining.run(
                &deep.network, on: data.training, epochs: 1, stretch: data.training.count, options: options,
                optimizer: &optimizer, generator: &generator
            ) { _ in () }
            row.append(run.divergedAt == nil ? Evaluation.accuracy(deep.network, on: data.test) : nil)
        }
        sweep.append(row)
    }
    session.table(
        ["η", "plain", "batch norm"],
        zip(BatchNormSetup.sweepRates, sweep).map { eta, row in
            [formatted(eta, significant: 2)] + row.map { $0.map { percent($0) } ?? "diverged" }
        })
    session.record(
        "batchNorm.sweepRates", .array(BatchNormSetup.sweepRates.map { .number($0) }))
    for (index, variant) in variants.enumerated() {
        session.record(
            "batchNorm.sweep.\(variant.rawValue)", .array(sweep.map { $0[index].map { .finite($0) } ?? .null }))
    }

    let eta = BatchNormSetup.learningRate
    let epochs = quick ? BatchNormSetup.quickEpochs : BatchNormSetup.fullEpochs
    let stretch = quick ? BatchNormSetup.quickStretch : BatchNormSetup.fullStretch
    let probeInputs = data.test.batch(Array(0..<data.test.count)).x
    session.say(
        """
        Then both at η = \(formatted(eta, significant: 2)) on \(data.training.count) images for \
        \(plural(epochs, "epoch")), measuring the test accuracy and the input to σ of unit \
        \(BatchNormSetup.probedUnit + 1) of hidden layer \(BatchNormSetup.probedLayer + 1) over the test \
        images (its 15th, 50th and 85th percentiles, as in Ioffe and Szegedy's Figure 1) every \(stretch) \
        training images:
        """)
    var runs: [(DeepVariant, ObservedRun<BatchNormMeasurement>)] = []
    for variant in variants {
        var generator = start
        var deep = DeepNetwork.make(variant, sizes: BatchNormSetup.sizes, output: .softmax, generator: &generator)
        let template = deep
        var optimizer = SGD(learningRate: eta)
        var bar = ProgressBar(total: epochs * ((data.training.count + stretch - 1) / stretch), label: variant.rawValue)
        var stretches = 0
        let run = try ObservedTraining.run(
            &deep.network, on: data.training, epochs: epochs, stretch: stretch, options: options,
            optimizer: &optimizer, generator: &generator
        ) { network in
            var probed = template
            probed.network = network
            bar.update(step: stretches, metrics: [:])
            stretches += 1
            return BatchNormMeasurement.of(probed, probeInputs: probeInputs, test: data.test)
        }
        bar.finish()
        runs.append((variant, run))
    }

    session.table(
        ["epochs", "plain: test", "15 / 50 / 85th percentile", "batch norm: test", "15 / 50 / 85th percentile"],
        runs[0].1.epochs.indices.map { index in
            [formatted(runs[0].1.epochs[index], decimals: 1)]
                + runs.flatMap { entry -> [String] in
                    guard index < entry.1.measurements.count else { return ["—", "—"] }
                    let m = entry.1.measurements[index]
                    return [
                        percent(m.testAccuracy),
                        m.percentiles.map { formatted($0, decimals: 2) }.joined(separator: " / "),
                    ]
                }
        })
    let plain = runs[0].1
    let normalized = runs[1].1
    let plainFinal = plain.measurements[plain.measurements.count - 1]
    let normalizedFinal = normalized.measurements[normalized.measurements.count - 1]
    let firstIndex = min(1, normalized.measurements.count - 1)
    session.say(
        """
        \(plain.divergedAt.map { "The plain network's cost stopped being finite after \(formatted($0, decimals: 2)) epochs. " } ?? "")\
        After the first \(stretch) images the batch-normalized network reaches \
        \(percent(normalized.measurements[firstIndex].testAccuracy)) on the test set, the plain one \
        \(percent(plain.measurements[min(1, plain.measurements.count - 1)].testAccuracy)); at the end \
        \(percent(normalizedFinal.testAccuracy)) against \(percent(plainFinal.testAccuracy)). The followed \
        unit's input spans \(spanText(plain)) without batch normalization and \(spanText(normalized)) with it \
        (85th minus 15th percentile, at the start → at the end).
        """)
    for (variant, run) in runs {
        let key = "batchNorm.\(variant.rawValue)"
        let final = run.measurements[run.measurements.count - 1]
        session.record(
            "\(key).finalTestAccuracy", .finite(final.testAccuracy),
            summary:
                "5.9 · η = \(formatted(eta, significant: 2)): final test accuracy \(variant.description) \(percent(final.testAccuracy))"
        )
        session.record("\(key).testAccuracies", .array(run.measurements.map { .finite($0.testAccuracy) }))
        session.record("\(key).percentilesStart", .array(run.measurements[0].percentiles.map { .finite($0) }))
        session.record("\(key).percentilesEnd", .array(final.percentiles.map { .finite($0) }))
        session.record("\(key).divergedAt", run.divergedAt.map { .finite($0) } ?? .null)
    }
    session.record("batchNorm.learningRate", .number(eta))
    let batchesPerEpoch = (data.training.count + BatchNormSetup.batchSize - 1) / BatchNormSetup.batchSize
    try session.writeFile("batchnorm-learning.png") { url in
        try ChapterFigures.batchNormLearning(
            runs, learningRate: eta, batchesPerEpoch: batchesPerEpoch, to: url,
            metadata: session.metadata(title: "Learning with and without batch normalization"))
    }
    try session.writeFile("batchnorm-preactivations.png") { url in
        try ChapterFigures.batchNormPreActivations(
            runs, unit: BatchNormSetup.probedUnit, layer: BatchNormSetup.probedLayer, to: url,
            metadata: session.metadata(
                title: "A hidden unit's input over training, with and without batch normalization"))
    }
}

/// "1.23 → 4.56": the 85th minus the 15th percentile at the first and at the last measurement.
private func spanText(_ run: ObservedRun<BatchNormMeasurement>) -> String {
    func span(_ m: BatchNormMeasurement) -> Double { m.percentiles[2] - m.percentiles[0] }
    return
        "\(formatted(span(run.measurements[0]), decimals: 2)) → \(formatted(span(run.measurements[run.measurements.count - 1]), decimals: 2))"
}

extension BatchNormMeasurement {
    /// The test accuracy of `deep` and the percentiles of the probed unit's input over `probeInputs`.
    static func of(_ deep: DeepNetwork, probeInputs: Matrix, test: LabeledData) -> BatchNormMeasurement {
        let z = deep.preActivations(layer: BatchNormSetup.probedLayer, probeInputs).row(BatchNormSetup.probedUnit)
        return BatchNormMeasurement(
            testAccuracy: Evaluation.accuracy(deep.network, on: test),
            percentiles: BatchNormSetup.percentiles.map { percentile(z, $0) })
    }
}

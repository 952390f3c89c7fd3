// Section 5.8 of Chapter 05: why deep networks are hard to train — the speed of learning
// ‖δˡ‖ of each hidden layer of [784, 30, 30, 30, 30, 10], at initialization and during
// training, for sigmoid units, ReLU units with He's weights, and sigmoid units with batch norm.

import ChapterRunner
import NeuralCore

enum LearningSpeedSetup {
    static let sizes = [784, 30, 30, 30, 30, 10]
    static let learningRate = 0.1
    static let batchSize = 10
    static let fullEpochs = 2
    static let quickEpochs = 1
    /// The speeds are measured on the first `probe` training images.
    static let fullProbe = 1_000
    static let quickProbe = 200
    /// Training examples between two measurements.
    static let fullStretch = 2_500
    static let quickStretch = 200
}

/// One variant's measured speeds.
struct SpeedRun {
    var variant: DeepVariant
    var run: ObservedRun<[Double]>
    var testAccuracy: Double
    /// (5.17)'s factor √(n_l Var w E[σ′(zˡ)²]) for each hidden layer but the top one, at the start
    /// (none for batch norm, to which Eq. 5.17 does not apply).
    var predictedRatios: [Double]
}

/// 5.8 — the speed of learning of each hidden layer of three deep networks.
func learningSpeeds(_ session: ChapterSession, data: ChapterData) throws {
    let quick = session.options.quick
    let probeCount = min(quick ? LearningSpeedSetup.quickProbe : LearningSpeedSetup.fullProbe, data.training.count)
    let probe = data.training.batch(Array(0..<probeCount))
    let epochs = quick ? LearningSpeedSetup.quickEpochs : LearningSpeedSetup.fullEpochs
    let stretch = quick ? LearningSpeedSetup.quickStretch : LearningSpeedSetup.fullStretch
    let cost = CrossEntropyCost()
    session.say(
        """
        BP2 multiplies the error by (wˡ⁺¹)ᵀ and σ′(zˡ) once per layer on its way down (Eq. 5.15), so a \
        hidden layer's error δˡ, which sets the size of its gradients (BP3, BP4), is a product of as \
        many factors as there are layers above it. On average each factor is √(n Var w E[σ′(z)²]) \
        (Eq. 5.17), at most ¼ for sigmoid units when Var w = 1/n. Three networks \(LearningSpeedSetup.sizes) with a sigmoid output and \
        the cross-entropy cost, η = \(LearningSpeedSetup.learningRate), mini-batches of \
        \(LearningSpeedSetup.batchSize), the same random draws and shuffles; the speed of learning of \
        layer l is the root mean square of ‖δˡ‖ over the first \(probeCount) training images:
        """)
    let start = session.generator.fork()
    var runs: [SpeedRun] = []
    for variant in DeepVariant.allCases {
        var generator = start
        var deep = DeepNetwork.make(variant, sizes: LearningSpeedSetup.sizes, output: .sigmoid, generator: &generator)
        let template = deep
        let predicted =
            variant == .batchNorm ? [] : (0..<(deep.hiddenCount - 1)).map { deep.predictedRatio(layer: $0, probe.x) }
        var optimizer = SGD(learningRate: LearningSpeedSetup.learningRate)
        var bar = ProgressBar(total: epochs * ((data.training.count + stretch - 1) / stretch), label: variant.rawValue)
        var stretches = 0
        let run = try ObservedTraining.run(
            &deep.network, on: data.training, epochs: epochs, stretch: stretch,
            options: TrainingOptions(epochs: 1, batchSize: LearningSpeedSetup.batchSize, cost: cost),
            optimizer: &optimizer, generator: &generator
        ) { network in
            var probed = template
            probed.network = network
            bar.update(step: stretches, metrics: [:])
            stretches += 1
            return probed.speeds(probe.x, probe.y, cost: cost)
        }
        bar.finish()
        runs.append(
            SpeedRun(
                variant: variant, run: run, testAccuracy: Evaluation.accuracy(deep.network, on: data.test),
                predictedRatios: predicted))
    }

    let hidden = LearningSpeedSetup.sizes.count - 2
    session.say("At initialization, ‖δˡ‖ of hidden layers 1 (nearest the input) to \(hidden):")
    session.table(
        ["network"] + (1...hidden).map { "layer \($0)" } + ["layer 1 / layer \(hidden)"],
        runs.map { entry in
            let speeds = entry.run.measurements[0]
            return [entry.variant.description] + speeds.map { formatted($0, significant: 3) }
                + [formatted(speeds[0] / speeds[hidden - 1], significant: 3)]
        })
    session.say(
        """
        Each layer's speed over the one above it, measured at initialization and predicted by Eq. 5.17 from \
        the network's own weights and σ′(zˡ) on the same images:
        """)
    session.table(
        ["network"] + (1..<hidden).map { "\($0) / \($0 + 1)" },
        runs.filter { $0.variant != .batchNorm }.flatMap { entry in
            let speeds = entry.run.measurements[0]
            return [
                ["\(entry.variant.description), measured"]
                    + (0..<(hidden - 1)).map { formatted(speeds[$0] / speeds[$0 + 1], significant: 3) },
                ["\(entry.variant.description), Eq. 5.17"]
                    + entry.predictedRatios.map { formatted($0, significant: 3) },
            ]
        })
    let sigmoid = runs[0].run.measurements[0]
    let relu = runs[1].run.measurements[0]
    let normalized = runs[2].run.measurements[0]
    session.say(
        """
        In the sigmoid network the first hidden layer learns \(formatted(sigmoid[hidden - 1] / sigmoid[0], significant: 3)) \
        times more slowly than the fourth. With ReLU units and He's weights the speeds stay within a \
        factor \(formatted(spread(relu), significant: 3)) of each other, and with batch normalization within \
        \(formatted(spread(normalized), significant: 3)). After \(plural(epochs, "epoch")) of training:
        """)
    session.table(
        ["network"] + (1...hidden).map { "layer \($0)" } + ["layer 1 / layer \(hidden)", "test accuracy"],
        runs.map { entry in
            let speeds = entry.run.measurements[entry.run.measurements.count - 1]
            return [entry.variant.description] + speeds.map { formatted($0, significant: 3) }
                + [formatted(speeds[0] / speeds[hidden - 1], significant: 3), percent(entry.testAccuracy)]
        })
    for entry in runs {
        let key = "learningSpeed.\(entry.variant.rawValue)"
        session.record(
            "\(key).initial", .array(entry.run.measurements[0].map { .finite($0) }),
            summary: entry.variant == .sigmoid
                ? "5.8 · sigmoid speeds at initialization: layer 1 learns \(formatted(sigmoid[hidden - 1] / sigmoid[0], significant: 3))× more slowly than layer \(hidden)"
                : nil)
        session.record(
            "\(key).final", .array(entry.run.measurements[entry.run.measurements.count - 1].map { .finite($0) }))
        session.record("\(key).predictedRatios", .array(entry.predictedRatios.map { .finite($0) }))
        session.record("\(key).epochs", .array(entry.run.epochs.map { .number($0) }))
        session.record(
            "\(key).during", .array(entry.run.measurements.map { speeds in .array(speeds.map { .finite($0) }) }))
        session.record("\(key).testAccuracy", .finite(entry.testAccuracy))
    }
    try session.writeFile("learning-speeds.png") { url in
        try ChapterFigures.learningSpeeds(
            runs.map { ($0.variant, $0.run) }, title: "Speed of learning ‖δˡ‖ of \(LearningSpeedSetup.sizes)",
            to: url, metadata: session.metadata(title: "Speed of learning of each hidden layer"))
    }
}

/// The largest speed over the smallest.
private func spread(_ speeds: [Double]) -> Double { (speeds.max() ?? 1) / (speeds.min() ?? 1) }

extension DeepNetwork {
    /// Eq. 5.17's factor √(n_l Var w E[σ′(zˡ)²]) for hidden layer l (0-based) of a network without
    /// batch normalization: w is the next dense layer's weights (n_l inputs; Var w their mean
    /// square), and the mean of σ′(zˡ)² is over layer l's units and the columns of `x`.
    func predictedRatio(layer l: Int, _ x: Matrix) -> Double {
        precondition(variant != .batchNorm, "Eq. 5.17 is for layers without batch normalization")
        let z = preActivations(layer: l, x)
        let f: Activation = variant == .reluHe ? .relu : .sigmoid
        let meanSquareDerivative = z.elements.reduce(0) { $0 + f.derivative($1) * f.derivative($1) } / Double(z.count)
        let above = network.layers[activationLayers[l] + 1] as! DenseLayer
        let w = above.weights
        let variance = w.dot(w) / Double(w.count)
        return (Double(w.columns) * variance * meanSquareDerivative).squareRoot()
    }
}

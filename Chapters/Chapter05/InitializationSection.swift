// Section 5.5 of Chapter 05: weight initialization — the spread of z under N(0, 1) and
// N(0, 1/n_in) weights on MNIST inputs, and what it does to the first epochs of learning.

import ChapterRunner
import NeuralCore

enum InitializationSetup {
    static let hidden = 100
    static let images = 1_000
    static let sizes = [784, 30, 10]
    static let learningRate = 0.1
    static let lambda = 5.0
    static let fullEpochs = 8
    static let quickEpochs = 1
}

/// 5.5 — histograms of hidden z under both initializations, then training from each.
func initialization(_ session: ChapterSession, data: ChapterData, knobs: InitializationKnobs) throws {
    var generator = session.generator.fork()
    let count = min(InitializationSetup.images, data.training.count)
    let x = data.training.batch(Array(0..<count)).x
    let pixelsOn = x.elements.filter { $0 > 0 }.count / count
    let compared = knobs.choice.weights
    let choices: [WeightInitialization] = [.standardNormal, compared]
    let samples = choices.map { choice in
        InitializationStudy.preActivations(
            inputs: x, hidden: InitializationSetup.hidden, initialization: choice, generator: &generator)
    }
    let spreads = samples.map(InitializationStudy.standardDeviation)
    let saturated = samples.map { InitializationStudy.saturatedFraction($0) }
    session.say(
        """
        A hidden neuron's weighted input is z = Σⱼ wⱼxⱼ + b over 784 pixels, of which a training image \
        lights up about \(pixelsOn). With weights and bias N(0, 1), z has variance Σⱼ xⱼ² + 1, so its \
        standard deviation is several units and σ(z) sits on a flat tail where σ′(z) ≈ 0. With weights \
        N(0, 1/n_in) (Eq. 5.8) the variance is (1/784)Σⱼ xⱼ² + 1, close to 1. Xavier N(0, 2/(n_in + n_out)) \
        and He N(0, 2/n_in) (Eq. 5.9) follow the same reasoning for tanh and ReLU layers. Measured on \
        \(count) training images and a layer of \(InitializationSetup.hidden) hidden units \
        (|z| > \(formatted(InitializationStudy.saturationThreshold, decimals: 0)) counts as saturated, \
        σ′(4) = 0.018):
        """)
    session.table(
        ["weights", "std of z", "fraction |z| > 4"],
        zip(choices, zip(spreads, saturated)).map { choice, pair in
            [choice.description, formatted(pair.0, decimals: 2), percent(pair.1, decimals: 1)]
        })
    session.record(
        "initialization.saturatedStandard", .number(saturated[0]),
        summary:
            "5.5 · saturated hidden units |z| > 4: \(percent(saturated[0], decimals: 1)) under N(0, 1), \(percent(saturated[1], decimals: 1)) under \(compared)"
    )
    session.record("initialization.saturatedScaled", .number(saturated[1]))
    session.record("initialization.zStandardDeviations", .array(spreads.map { .number($0) }))
    try session.writeFile("initialization-z.png") { url in
        try ChapterFigures.preActivationHistograms(
            zip(choices.map(\.description), samples).map { ($0, $1) }, dataset: data.dataset.displayName, to: url,
            metadata: session.metadata(title: "Hidden weighted inputs z under two initializations"))
    }

    let epochs = session.options.quick ? InitializationSetup.quickEpochs : InitializationSetup.fullEpochs
    session.say(
        """
        Training \(InitializationSetup.sizes) (cross-entropy, L2 λ = \(InitializationSetup.lambda), \
        η = \(knobs.eta), mini-batches of 10) on \(data.training.count) images for \
        \(plural(epochs, "epoch")) from each initialization, with the same shuffles:
        """)
    let start = session.generator.fork()
    var runs: [(String, TrainingRun)] = []
    for choice in choices {
        var runGenerator = start
        let options = TrainingOptions(
            epochs: epochs, batchSize: 10, cost: CrossEntropyCost(),
            regularization: .l2(lambda: InitializationSetup.lambda))
        let run = try TrainingRun.make(
            label: choice.description, sizes: InitializationSetup.sizes, initialization: choice,
            data: data.training, options: options, optimizer: SGD(learningRate: knobs.eta),
            evaluation: [("test", data.test)], generator: &runGenerator)
        runs.append((choice.description, run))
    }
    session.table(
        ["weights"] + (1...epochs).map { "epoch \($0)" },
        runs.map { name, run in [name] + run.accuracies("test").map { percent($0) } })
    let first = runs.map { $0.1.accuracies("test").first ?? .nan }
    let last = runs.map { $0.1.final("test") }
    session.say(
        """
        After one epoch the test accuracy is \(percent(first[1])) from \(compared) against \
        \(percent(first[0])) from N(0, 1); after \(plural(epochs, "epoch")) \(percent(last[1])) against \(percent(last[0])). \
        \(first[1] > first[0] ? "The scaled weights start learning at once, because their hidden units are not saturated." : "In this run the scaled start did not lead after one epoch.") \
        Nielsen (ch. 3) finds \(first[1] > first[0] ? "the same" : "a") head start\(data.isMNIST ? "" : " on MNIST digits"), with the two converging to similar accuracy later.
        """)
    session.record(
        "initialization.firstEpochScaled", .finite(first[1]),
        summary:
            "5.5 · test accuracy after epoch 1: \(percent(first[1])) from \(compared), \(percent(first[0])) from N(0, 1)"
    )
    session.record("initialization.firstEpochStandard", .finite(first[0]))
    session.record("initialization.finalScaled", .finite(last[1]))
    session.record("initialization.finalStandard", .finite(last[0]))
    try session.writeFile("initialization-learning.png") { url in
        try ChapterFigures.learningCurves(
            runs.enumerated().map { index, entry in
                (ChapterFigures.figureLabel(entry.0), entry.1, ChapterFigures.initializationColour(index))
            }, title: "Learning from N(0, 1) and from \(ChapterFigures.figureLabel(compared.description)) weights",
            batchesPerEpoch: (data.training.count + 9) / 10,
            to: url, metadata: session.metadata(title: "Learning curves of two initializations"))
    }
}

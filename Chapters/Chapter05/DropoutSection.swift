// Section 5.4 of Chapter 05: inverted dropout — a sampled thinned network, the expectation that
// makes it work, and its effect on the small training set.

import ChapterRunner
import NeuralCore

/// The dropout experiment's settings.
enum DropoutSetup {
    static let keep = 0.5
    static let sizes = [784, 100, 10]
    static let learningRate = 0.5
    static let fullEpochs = 150
    static let quickEpochs = 4
    static let diagramSizes = [5, 6, 6, 3]
    static let expectationSamples = 20_000
    static let exampleActivations = [0.9, 0.5, 0.25, 0.05, 0.7]
}

/// 5.4 — a dropout mask on a diagram, its expectation, and training with and without it.
func dropout(_ session: ChapterSession, data: ChapterData, knobs: DropoutKnobs) throws {
    let keep = knobs.keep
    var generator = session.generator.fork()
    let pattern = sampledDropoutPattern(sizes: DropoutSetup.diagramSizes, keep: keep, generator: &generator)
    let dropped = pattern.flatMap { $0 }.filter { !$0 }.count
    let hiddenUnits = DropoutSetup.diagramSizes.dropFirst().dropLast().reduce(0, +)
    session.say(
        """
        During training each hidden unit is kept with probability p = \(keep) and, when kept, its \
        activation is divided by p (inverted dropout, Eq. 5.7): mask entries are 1/p with probability p \
        and 0 otherwise, so E[mask ⊙ a] = a and nothing changes at test time. Every mini-batch trains a \
        different thinned network; the sampled one drawn in dropout-network.png lost \(dropped) of its \
        \(hiddenUnits) hidden units.
        """)
    try session.writeFile("dropout-network.png") { url in
        try ChapterFigures.dropoutDiagram(
            sizes: DropoutSetup.diagramSizes, pattern: pattern, keep: keep, to: url,
            metadata: session.metadata(title: "A network thinned by one dropout mask"))
    }
    let expectation = DropoutExpectation(
        activations: DropoutSetup.exampleActivations, keep: keep, samples: DropoutSetup.expectationSamples,
        generator: &generator)
    session.say("Averaging mask ⊙ a over \(expectation.samples) sampled masks:")
    session.table(
        ["a", "mean of mask ⊙ a", "standard error", "deviation / s.e."],
        zip(zip(expectation.activations, expectation.means), expectation.standardErrors).map { pair, error in
            [
                formatted(pair.0, decimals: 3), formatted(pair.1, decimals: 4), formatted(error, decimals: 4),
                formatted(abs(pair.1 - pair.0) / error, decimals: 2),
            ]
        })
    let worst = expectation.largestStandardisedDeviation
    session.say(
        """
        The largest deviation is \(formatted(worst, decimals: 2)) standard errors: \
        \(worst < 4 ? "the means agree with a as E[mask ⊙ a] = a predicts" : "larger than sampling explains").
        """)
    session.record(
        "dropout.expectationDeviation", .number(worst),
        summary:
            "5.4 · E[mask ⊙ a] = a: largest deviation \(formatted(worst, decimals: 2)) standard errors over \(expectation.samples) masks"
    )

    let epochs = session.options.quick ? DropoutSetup.quickEpochs : DropoutSetup.fullEpochs
    session.say(
        """
        Training \(knobs.sizes) (weights N(0, 1/n_in), cross-entropy, η = \(knobs.eta), \
        mini-batches of 10) on the \(data.small.count) images of 5.1 for \(epochs) epochs, with and without \
        dropout (p = \(keep)) on the hidden \(knobs.hidden.count == 1 ? "layer" : "layers"), from the same initial weights:
        """)
    let start = session.generator.fork()
    var runs: [(String, TrainingRun)] = []
    for (name, keepProbability) in [("no dropout", nil), ("dropout, p = \(keep)", keep)] as [(String, Double?)] {
        var runGenerator = start
        let options = TrainingOptions(
            epochs: epochs, batchSize: 10, cost: CrossEntropyCost(), monitorTraining: true)
        runs.append(
            (
                name,
                try TrainingRun.make(
                    label: name, sizes: knobs.sizes, initialization: .scaledNormal,
                    hiddenDropout: keepProbability.map { Dropout(keep: $0) }, data: data.small,
                    options: options, optimizer: SGD(learningRate: knobs.eta),
                    evaluation: [("test", data.test)], generator: &runGenerator)
            ))
    }
    session.table(
        ["run", "training accuracy", "final test accuracy", "best test accuracy (epoch)"],
        runs.map { name, run in
            let best = run.best("test")
            return [
                name, percent(run.records.last?.trainingAccuracy ?? .nan), percent(run.final("test")),
                "\(percent(best.accuracy)) (\(best.epoch))",
            ]
        })
    let plain = runs[0].1.final("test")
    let thinned = runs[1].1.final("test")
    session.say(
        """
        With dropout the final test accuracy is \(percent(thinned)) against \(percent(plain)) without \
        (\(thinned >= plain ? "+" : "")\(formatted(100 * (thinned - plain), decimals: 2)) points). \
        \(thinned > plain ? "No unit can rely on the presence of particular others, so the features it learns must be useful on their own, which carries over to unseen images." : "In this run dropout did not help the final test accuracy.")
        """)
    session.record(
        "dropout.testAccuracy", .finite(thinned),
        summary:
            "5.4 · dropout p = \(keep) on \(data.small.count) images: test \(percent(thinned)) vs \(percent(plain)) without"
    )
    session.record("dropout.withoutTestAccuracy", .finite(plain))
    session.configure("dropout.epochs", .integer(epochs))
    try session.writeFile("dropout-training.png") { url in
        try ChapterFigures.comparison(
            [(runs[0].0, runs[0].1, ChapterFigures.unregularized), (runs[1].0, runs[1].1, ChapterFigures.dropout)],
            measure: "test", title: "With and without dropout, trained on \(data.small.count) images (one seed)",
            to: url,
            metadata: session.metadata(title: "Dropout on the small training set"))
    }
}

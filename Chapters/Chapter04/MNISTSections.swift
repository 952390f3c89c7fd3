// Sections 4.5–4.6 of Chapter 04: sanity checks before training, then MNIST with the
// cross-entropy and log-likelihood costs beside the quadratic cost of Chapter 03.

import ChapterRunner
import Foundation
import NeuralCore

/// 4.5 — initial loss ≈ ln 10; 20 images memorised.
func sanityChecks(_ session: ChapterSession, train: LabeledData) throws {
    let sample = train.subset(0..<min(train.count, 10_000))
    var generator = session.generator.fork()
    let small = SanityChecks.initialLoss(on: sample, generator: &generator)
    let large = SanityChecks.initialLossOfLargeWeights(on: sample, generator: &generator)
    session.say(
        """
        Before a long run, check the loss where it starts. A softmax classifier that knows nothing \
        gives each of the 10 classes probability about 1/10, so its log-likelihood (Eq. 4.5) \
        should start near −ln(1/10) = ln 10 = \(formatted(log(10), decimals: 4)). On \
        \(sample.count) training images:
        """)
    session.show(
        "softmax [784,10], weights N(0, \(formatted(SanityChecks.smallWeight, significant: 2))²), biases 0: initial loss \(formatted(small, decimals: 4))   (ln 10 = \(formatted(log(10), decimals: 4)))"
    )
    session.show(
        "softmax [784,30,10], weights and biases N(0, 1):          initial loss \(formatted(large, decimals: 4))")
    session.say(
        """
        The small-weight classifier starts \(formatted(abs(small - log(10)), significant: 2)) from \
        ln 10. The N(0, 1) network starts at \(formatted(large, decimals: 2)): its logits are \
        spread, so it is confidently wrong about many images before it has learned anything — \
        not a bug, but the check tells the two situations apart.
        """)
    session.record(
        "sanity.initialLoss", .number(small),
        summary:
            "untrained softmax classifier: initial loss \(formatted(small, decimals: 4)) ≈ ln 10 = \(formatted(log(10), decimals: 4))"
    )
    session.record("sanity.initialLossLargeWeights", .number(large))

    let tiny = train.subset(0..<min(train.count, 20))
    var overfitGenerator = session.generator.fork()
    let overfit = try SanityChecks.overfit(tiny, generator: &overfitGenerator)
    let checkpoints = [0, 10, 50, 100, SanityChecks.overfitEpochs].filter { $0 < overfit.losses.count }
    session.say(
        """
        Second check: a network must be able to drive the loss on a handful of examples to almost \
        zero. If it cannot, something is broken (a sign error, a wrong gradient, a frozen layer). \
        [784,30,10], softmax + log-likelihood, N(0, 1/n_in) weights, η = \(SanityChecks.overfitEta), \
        mini-batches of \(SanityChecks.overfitBatch), trained on \(tiny.count) images only:
        """)
    session.table(
        checkpoints.map { "loss @ epoch \($0)" } + ["training accuracy"],
        [checkpoints.map { formatted(overfit.losses[$0], decimals: 4) } + [percent(overfit.accuracy)]])
    session.record(
        "sanity.overfitFinalLoss", .number(overfit.losses.last!),
        summary:
            "\(tiny.count) images memorised: loss \(formatted(overfit.losses[0], decimals: 3)) → \(formatted(overfit.losses.last!, decimals: 4)), accuracy \(percent(overfit.accuracy))"
    )
    session.record("sanity.overfitAccuracy", .number(overfit.accuracy))
}

/// 4.6 — MNIST: quadratic against cross-entropy and log-likelihood, [784,30,10] and [784,100,10].
func mnistComparison(_ session: ChapterSession, train: LabeledData, test: LabeledData, knobs: ComparisonKnobs)
    throws
{
    let epochs = session.options.epochs(full: 30, quick: 2)
    let setups = MNISTSetup.comparison(knobs)
    let fashion = knobs.dataset == .fashion
    let (small, large) = (knobs.hidden[0], knobs.hidden[1])
    let quadraticRate =
        knobs.quadraticEta == MNISTSetup.quadratic30.eta
        ? "Nielsen's ch. 1 rate η = 3" : "η = \(knobs.quadraticEta.settingText)"
    let extra =
        setups.count > 6
        ? " Two more runs, one of each size, train \(knobs.output.rawValue) outputs with the \(knobs.cost.cost!.name) cost at η = \(knobs.eta.settingText) (--cost \(knobs.cost.rawValue) --output \(knobs.output.rawValue))."
        : ""
    session.say(
        """
        Nielsen's networks (ch. 3): sigmoid hidden layer, mini-batches of \(knobs.batch), \(epochs) epochs, \
        weights and biases N(0, 1), trained on \(train.count) \(fashion ? "Fashion-MNIST images (clothes, not digits)" : "images") and measured on \(test.count) \
        test images after every epoch. \(setups.count == 6 ? "Six" : "\(setups.count)") runs from the same seed — so runs of the same size start \
        from the same weights and see the mini-batches in the same order: the quadratic cost at \
        \(quadraticRate) (the cost Chapter 03 trains with) and at η = \(knobs.eta.settingText), sigmoid outputs with cross-entropy (Nielsen's \
        choice), and softmax outputs with log-likelihood.\(extra)
        """)
    let base = session.generator.fork()
    var runs: [MNISTRun] = []
    for (index, setup) in setups.enumerated() {
        let run = try trainMNIST(
            setup, train: train, test: test, epochs: epochs, batchSize: knobs.batch, generator: base,
            progressLabel: "run \(index + 1)/\(setups.count) \(setup.architecture) \(setup.cost.name)")
        runs.append(run)
        session.show(
            "\(setup.label): test accuracy \(percent(run.finalAccuracy)) after \(epochs) epochs (\(formatted(run.seconds, decimals: 1)) s)"
        )
        session.record("mnist.\(setup.key).testAccuracy", .number(run.finalAccuracy))
        session.record("mnist.\(setup.key).bestTestAccuracy", .number(run.bestAccuracy))
        session.record("mnist.\(setup.key).testAccuracyByEpoch", .array(run.accuracies.map { .number($0) }))
    }
    // Nielsen's numbers are for his setups: shown beside a run that trains one of them.
    let nielsen: [String: (setup: MNISTSetup, accuracy: String)] = [
        MNISTSetup.quadratic30.key: (.quadratic30, "95.42% (ch. 1, best epoch)"),
        MNISTSetup.crossEntropy30.key: (.crossEntropy30, "95.49% (ch. 3)"),
        MNISTSetup.crossEntropy100.key: (.crossEntropy100, "96.82% (ch. 3)"),
    ]
    var literature: [String: String] = [:]
    for (key, entry) in nielsen where knobs.batch == 10 {
        if let setup = setups.first(where: { $0.key == key }), setup.eta == entry.setup.eta {
            literature[key] = entry.accuracy
        }
    }
    if fashion {
        session.say(
            "The Nielsen column gives his accuracies on MNIST digits: they are no yardstick for Fashion-MNIST's clothes."
        )
    }
    session.table(
        ["run", "epoch 1", "final", "best (epoch)", "s/epoch", fashion ? "Nielsen (MNIST)" : "Nielsen"],
        runs.map { run in
            let bestEpoch = (run.accuracies.firstIndex(of: run.bestAccuracy) ?? 0) + 1
            return [
                run.setup.label, percent(run.accuracies.first ?? .nan), percent(run.finalAccuracy),
                "\(percent(run.bestAccuracy)) (\(bestEpoch))", formatted(run.seconds / Double(epochs), decimals: 2),
                literature[run.setup.key] ?? "—",
            ]
        })
    // The notes' six runs, in MNISTSetup.comparison's order.
    let quadratic = runs[0]
    let slow = runs[1]
    let cross30 = runs[2]
    let softmax30 = runs[3]
    let cross100 = runs[4]
    let softmax100 = runs[5]
    let gap = cross30.finalAccuracy - quadratic.finalAccuracy
    let own =
        "With its own \(knobs.quadraticEta > knobs.eta ? "larger " : knobs.quadraticEta < knobs.eta ? "smaller " : "")η = \(knobs.quadraticEta.settingText)"
    let ending =
        abs(gap) < 0.005
        ? "\(own) the quadratic cost ends within half a point of it, at \(percent(quadratic.finalAccuracy)): on this network the cross-entropy's gain is speed of learning more than its final accuracy — and learning rates of different costs are not directly comparable (Nielsen, ch. 3)."
        : "\(own) the quadratic cost ends at \(percent(quadratic.finalAccuracy)), \(formatted(abs(100 * gap), decimals: 2)) points \(gap > 0 ? "below" : "above") the cross-entropy; learning rates of different costs are not directly comparable (Nielsen, ch. 3)."
    let extraRuns = runs.dropFirst(6)
    let extraText =
        extraRuns.isEmpty
        ? ""
        : " The extra runs, \(knobs.output.rawValue) + \(knobs.cost.cost!.name), ended at "
            + extraRuns.map { "\(percent($0.finalAccuracy)) (\($0.setup.architecture))" }.joined(separator: " and ")
            + "."
    session.say(
        """
        At the same η = \(knobs.eta.settingText) the cross-entropy run reached \(percent(cross30.accuracies[0])) after one \
        epoch, the quadratic run \(percent(slow.accuracies[0])); after \(epochs) epochs \
        \(percent(cross30.finalAccuracy)) against \(percent(slow.finalAccuracy)). \(ending) Softmax \
        with log-likelihood ended at \(percent(softmax30.finalAccuracy)) (\(softmax30.setup.architecture)) and \
        \(percent(softmax100.finalAccuracy)) (\(softmax100.setup.architecture)), beside the sigmoid cross-entropy's \
        \(percent(cross30.finalAccuracy)) and \(percent(cross100.finalAccuracy)).\(extraText)
        """)
    session.record(
        "mnist.\(cross30.setup.key).summary", .number(cross30.finalAccuracy),
        summary:
            "\(cross30.setup.architecture) cross-entropy: \(percent(cross30.finalAccuracy)) (quadratic η = \(knobs.quadraticEta.settingText): \(percent(quadratic.finalAccuracy)), η = \(knobs.eta.settingText): \(percent(slow.finalAccuracy)))"
    )
    session.record(
        "mnist.\(cross100.setup.key).summary", .number(cross100.finalAccuracy),
        summary:
            "\(cross100.setup.architecture) cross-entropy: \(percent(cross100.finalAccuracy)); softmax + log-likelihood: \(percent(softmax100.finalAccuracy))"
    )
    session.configure("mnist.epochs", .integer(epochs))
    session.configure("mnist.batchSize", .integer(knobs.batch))
    session.configure("mnist.trainingImages", .integer(train.count))
    session.configure("mnist.testImages", .integer(test.count))
    session.configure("mnist.initialization", .string(WeightInitialization.standardNormal.description))

    try session.writeFile("mnist-learning-curves.png") { url in
        try MNISTFigures.learningCurves(
            runs, hidden: [small, large], dataset: knobs.dataset.displayName, to: url,
            metadata: session.metadata(title: "MNIST learning curves"))
    }
    let confusion = Evaluation.confusionMatrix(cross100.network, on: test)
    var worst = (count: 0, truth: 0, predicted: 0)
    for truth in confusion.indices {
        for predicted in confusion.indices where predicted != truth && confusion[truth][predicted] > worst.count {
            worst = (confusion[truth][predicted], truth, predicted)
        }
    }
    let correct = confusion.indices.map { confusion[$0][$0] }.reduce(0, +)
    session.say(
        """
        The confusion matrix of the \(cross100.setup.architecture) cross-entropy network on the test set \
        (mnist-confusion.png; rows true \(fashion ? "class" : "digit"), columns predicted) has \(correct) of \(test.count) \
        on the diagonal. The most frequent mistake: \(worst.truth) read as \(worst.predicted), \
        \(worst.count) times.
        """)
    session.record(
        "mnist.confusion.mostFrequentMistake", .string("\(worst.truth)→\(worst.predicted) ×\(worst.count)"),
        summary:
            "most frequent test mistake of \(cross100.setup.architecture): \(worst.truth) read as \(worst.predicted), \(worst.count) times"
    )
    try session.writeFile("mnist-confusion.png") { url in
        try MNISTFigures.confusion(
            confusion, classNames: (0..<test.classes).map(String.init), network: cross100.setup.architecture,
            fashion: fashion, to: url,
            metadata: session.metadata(title: "Confusion matrix"))
    }
}

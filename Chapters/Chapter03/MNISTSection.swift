// Section 3.7 of Chapter 03: backpropagation at scale — the classic [784, 30, 10] MNIST network
// and its [784, 100, 10] sibling, their learning curves, and the test digits they get wrong.

import ChapterRunner
import Figures
import NeuralCore

/// Nielsen's reported test accuracies (ch. 1): about 95% with 30 hidden units, 96.5% with 100.
let literatureAccuracy: [Int: Double] = [30: 0.95, 100: 0.965]

/// "[784, 30, 10]" for hidden layers [30].
func architecture(_ hidden: [Int]) -> String {
    "[" + ([784] + hidden + [10]).map(String.init).joined(separator: ", ") + "]"
}

/// The part of results.json keys that names a network: "h30", "h100-30".
func resultsTag(_ hidden: [Int]) -> String {
    "h" + hidden.map(String.init).joined(separator: "-")
}

/// "30 units" for one hidden layer, "[784, 100, 30, 10]" for several.
func unitsName(_ hidden: [Int]) -> String {
    hidden.count == 1 ? "\(hidden[0]) units" : architecture(hidden)
}

/// A learning rate as the narrative writes it: 3.0, 0.5, 100, 0.05.
func etaText(_ eta: Double) -> String {
    eta < 10 && (10 * eta).rounded() == 10 * eta ? formatted(eta, decimals: 1) : formatted(eta, significant: 3)
}

/// Nielsen's accuracy for a network of these hidden layers, when he reports one.
func literatureReference(_ hidden: [Int]) -> Double? {
    hidden.count == 1 ? literatureAccuracy[hidden[0]] : nil
}

/// How the knobs build and train the networks of 3.7.
extension MNISTKnobs {
    var training: MNISTExperiment.Training {
        MNISTExperiment.Training(
            hiddenActivation: hiddenActivation.activation, output: output.activation, cost: cost.cost,
            initialization: initialization.initialization, eta: eta, batchSize: batch)
    }

    /// "sigmoid network, quadratic cost, standard-normal initial weights".
    var description: String {
        let activations =
            hiddenActivation.rawValue == output.rawValue
            ? "\(output.activation) network"
            : "network with \(hiddenActivation.activation) hidden units and \(output.activation) outputs"
        let start = initialization == .standard ? "standard-normal" : initialization.initialization.description
        return "\(activations), \(cost.cost.name) cost, \(start) initial weights"
    }
}

/// 3.7 — MNIST with the classic setup, or the one the knobs describe.
func mnistClassic(_ session: ChapterSession, knobs: MNISTKnobs) throws {
    let quick = session.options.quick
    let loaded = try session.loadImages(
        knobs.dataset.kind, syntheticCounts: quick ? MNISTExperiment.quickSyntheticCounts : nil)
    let synthetic = loaded.source.isSynthetic
    let fashion = knobs.dataset == .fashion
    let (train, validation, test) = MNISTExperiment.split(loaded, quick: quick)
    let epochs = session.options.epochs(full: MNISTExperiment.epochs, quick: MNISTExperiment.quickEpochs)
    let classic = knobs.isClassicTraining && knobs.hidden == [MNISTExperiment.hiddenSizes[0]]
    let images =
        fashion
        ? " Fashion-MNIST images (28 × 28 pictures of clothes, classes 0–9: \(loaded.test.classNames.enumerated().map { "\($0) \($1)" }.joined(separator: ", ")))"
        : " images"
    session.say(
        """
        \(classic ? "The classic setup (Nielsen, ch. 1)" : "Nielsen's classic setup (ch. 1) as changed on the command line"): \
        a \(architecture(knobs.hidden)) \(knobs.description), mini-batches of m = \(knobs.batch), η = \
        \(etaText(knobs.eta)), \(epochs) epochs, trained on \
        \(train.count)\(images), validated on \(validation.count) and tested on \(test.count). Every \
        mini-batch is one forward pass, BP1–BP4 as matrices, and one step of Eq. 3.7.
        """)
    session.configure("mnist.epochs", .integer(epochs))
    session.configure("mnist.learningRate", .number(knobs.eta))
    session.configure("mnist.batchSize", .integer(knobs.batch))
    session.configure("mnist.split", .array([train.count, validation.count, test.count].map { .integer($0) }))

    var curves: [LineSeries] = []
    var first: Network?
    for (index, hidden) in [knobs.hidden].enumerated() {
        let name = architecture(hidden)
        var generator = session.generator.fork()
        let started = ContinuousClock.now
        var bar = ProgressBar(total: 1, label: "")
        var epoch = 1
        let result = try MNISTExperiment.train(
            layers: hidden, training: knobs.training, train: train, validation: validation, test: test,
            epochs: epochs, using: &generator,
            onBatch: { batch, count, cost in
                if batch == 1 {
                    bar = ProgressBar(total: count, label: "\(name) epoch \(epoch)/\(epochs)")
                }
                bar.update(step: batch, metrics: ["batch cost": cost])
            },
            onEpoch: { _ in
                bar.finish()
                epoch += 1
            })
        let seconds = ChapterRunner.seconds(since: started)
        if index == 0 {
            let yardsticks =
                knobs.cost == .quadratic && knobs.output == .sigmoid
                ? ". Ten outputs all at ½ would give ½ · (9 · ¼ + ¼) = 1.25; outputs saturated at random 0s and 1s would average 2.5;"
                : " (\(knobs.cost.cost.name) cost);"
            session.say(
                """
                Sanity check before training: the mean cost per image is \
                \(formatted(result.initialCost, decimals: 3))\(yardsticks) \
                the random network's validation accuracy is \(percent(result.initialAccuracy, decimals: 1)) \
                (guessing gives 10%).
                """)
            session.record(
                "mnist.initialCost", .number(result.initialCost),
                summary:
                    "\(knobs.dataset.displayName) initial cost per image: \(formatted(result.initialCost, decimals: 3))"
            )
            first = result.network
        }
        let records = result.records
        let final = records.last!
        let testAccuracy = final.evaluationAccuracy["test"] ?? 0
        let bestValidation = records.max {
            ($0.evaluationAccuracy["validation"] ?? 0) < ($1.evaluationAccuracy["validation"] ?? 0)
        }!
        let rows = records.filter { $0.epoch <= 3 || $0.epoch % 5 == 0 || $0.epoch == final.epoch }.map { record in
            [
                "\(record.epoch)", percent(record.evaluationAccuracy["validation"] ?? 0, decimals: 2),
                percent(record.evaluationAccuracy["test"] ?? 0, decimals: 2),
            ]
        }
        session.say("\(name), \(formatted(seconds, decimals: 1)) s for \(epochs) epochs:")
        session.table(["epoch", "validation accuracy", "test accuracy"], rows)
        let reference = literatureReference(hidden)
        let setup = knobs.isClassicTraining ? "" : " for his unchanged setup"
        let comparison =
            if fashion {
                "(Nielsen's accuracies, such as \(percent(literatureAccuracy[30]!, decimals: 1)) for [784, 30, 10], are MNIST numbers: no yardstick for Fashion-MNIST)"
            } else if synthetic || quick {
                "(this run is not the full MNIST setup, so it is not compared with the literature)"
            } else if let reference {
                testAccuracy >= reference
                    ? "— at or above the \(percent(reference, decimals: 1)) Nielsen reports\(setup)"
                    : "— below the \(percent(reference, decimals: 1)) Nielsen reports\(setup), by \(formatted(100 * (reference - testAccuracy), decimals: 2)) points"
            } else {
                "(Nielsen reports no accuracy for this network)"
            }
        let firstTest = records.first!.evaluationAccuracy["test"] ?? 0
        session.say(
            """
            Test accuracy after epoch 1: \(percent(firstTest, decimals: 2)). \
            Final test accuracy \(percent(testAccuracy, decimals: 2)) \(comparison). The best \
            validation accuracy, \(percent(bestValidation.evaluationAccuracy["validation"] ?? 0, decimals: 2)), \
            came in epoch \(bestValidation.epoch).
            """)
        let tag = resultsTag(hidden)
        session.record(
            "mnist.\(tag).testAccuracy", .number(testAccuracy),
            summary:
                "\(knobs.dataset.displayName) \(name): test accuracy \(percent(testAccuracy, decimals: 2)) after \(final.epoch) epochs"
        )
        session.record(
            "mnist.\(tag).bestValidationAccuracy", .number(bestValidation.evaluationAccuracy["validation"] ?? 0))
        session.record(
            "mnist.\(tag).reachedLiterature", reference.map { .bool(testAccuracy >= $0) } ?? .null)
        // The quadratic cost is vermillion in every chapter (Chapter 04 sets it against cross-entropy's blue).
        let colour = Palette.categorical(1 + index)
        let epochsAxis = records.map { Double($0.epoch) }
        curves.append(
            LineSeries(
                name: "\(unitsName(hidden)), validation",
                ys: records.map { 100 * ($0.evaluationAccuracy["validation"] ?? 0) },
                xs: epochsAxis, colour: colour, dashed: true, markers: epochs <= 40))
        curves.append(
            LineSeries(
                name: "\(unitsName(hidden)), test", ys: records.map { 100 * ($0.evaluationAccuracy["test"] ?? 0) },
                xs: epochsAxis, colour: colour, markers: epochs <= 40))
    }

    if !quick {
        curves += try wideNetworkRuns(
            session, knobs: knobs, train: train, validation: validation, test: test, epochs: epochs,
            synthetic: synthetic)
    }

    try session.writeFile("mnist-learning-curves.png") { url in
        var all = LinePlot(title: "All epochs", xLabel: "epoch", yLabel: "accuracy (%)", series: curves)
        all.legend = .hidden
        let reference = !synthetic && !quick && !fashion
        // The notes' zoom is 90–98%; a changed run zooms on its own best eight points.
        let best = curves.flatMap(\.points).map(\.y).filter(\.isFinite).max() ?? 98
        let top = session.variant.knobsAreDefault ? 98 : min(100, (best + 1).rounded(.up))
        let bottom = top - 8
        var zoom = LinePlot(
            title: reference
                ? "Zoom; dashed: Nielsen's ≈ 95%, ≈ 96.5%" : "Zoom on \(Int(bottom))–\(Int(top))%",
            xLabel: "epoch", yLabel: "accuracy (%)", series: curves)
        zoom.yRange = bottom...top
        zoom.legend = .outsideRight
        if reference { zoom.references = [.horizontal(95), .horizontal(96.5)] }
        let wide = "; \(unitsName(knobs.wideHidden)): test"
        let grid = FigureGrid(
            title:
                "\(knobs.dataset.displayName) [784, h, 10]: accuracy per epoch (m = \(knobs.batch), η = \(knobs.eta.settingText), \(knobs.cost.cost.name) cost\(quick ? (session.variant.knobsAreDefault ? "; 100 units: test" : "") : wide))",
            columns: 2, panels: [all, zoom], panelWidth: 440, panelHeight: 360)
        try grid.write(to: url, metadata: session.metadata(title: "MNIST learning curves"))
    }

    // The classic network's mistakes on the test set.
    let network = first!
    let mistakes = Evaluation.mistakes(network, on: test)
    let shown = Array(mistakes.prefix(40))
    let tag = resultsTag(knobs.hidden)
    session.say(
        """
        The \(architecture(knobs.hidden)) network misclassifies \(mistakes.count) of the \(test.count) test images; \
        the first \(shown.count) are drawn in mnist-mistakes.png, each captioned true → predicted.
        """)
    session.record("mnist.\(tag).testMistakes", .integer(mistakes.count))
    try session.writeFile("mnist-mistakes.png") { url in
        let side = loaded.test.columns
        let images = shown.map { mistake in
            GridImage(
                width: side, height: loaded.test.rows, values: test.examples.row(mistake.index),
                caption: "\(test.labels[mistake.index]) → \(mistake.predicted)", isMistake: true)
        }
        let grid = ImageGrid(
            title:
                "Test \(fashion ? "images" : "digits") the \(architecture(knobs.hidden)) network gets wrong: true → predicted (\(shown.count) of \(mistakes.count))",
            images: images, mode: .inverted, columns: 10)
        try grid.write(to: url, metadata: session.metadata(title: "MNIST misclassified test digits"))
    }
}

/// The [784, 100, 10] network, trained several times from different initial weights at once (one
/// run per core). Under the quadratic cost its output units can start saturated and stay stuck
/// for many epochs (the slowdown of Chapter 04), so single runs differ a lot; the run with the best
/// validation accuracy is the one compared with the literature — chosen without looking at the test set.
func wideNetworkRuns(
    _ session: ChapterSession, knobs: MNISTKnobs, train: LabeledData, validation: LabeledData, test: LabeledData,
    epochs: Int, synthetic: Bool
) throws -> [LineSeries] {
    let hidden = knobs.wideHidden
    let runs = MNISTExperiment.wideRuns
    let generators = (0..<runs).map { _ in session.generator.fork() }
    let wider = hidden.reduce(0, +) > knobs.hidden.reduce(0, +) ? "more hidden units" : "other hidden layers"
    session.say(
        """
        Now \(architecture(hidden)), the same setup with \(wider), trained \(runs) times from \
        different initial weights, \(min(runs, processorCount)) runs at a time:
        """)
    let started = ContinuousClock.now
    let outcomes = try MNISTExperiment.trainConcurrently(
        layers: hidden, training: knobs.training, train: train, validation: validation, test: test, epochs: epochs,
        generators: generators)
    let seconds = ChapterRunner.seconds(since: started)
    var rows: [[String]] = []
    var series: [LineSeries] = []
    for (run, outcome) in outcomes.enumerated() {
        let final = outcome.records.last!
        let first = outcome.records.first!
        rows.append([
            "\(run + 1)", percent(first.evaluationAccuracy["test"] ?? 0, decimals: 2),
            percent(final.evaluationAccuracy["validation"] ?? 0, decimals: 2),
            percent(final.evaluationAccuracy["test"] ?? 0, decimals: 2),
        ])
        // Runs whose curves end within 0.2 points of each other lie on top of each other: the
        // legend says so, since the figure cannot show both.
        let finalTest = 100 * (final.evaluationAccuracy["test"] ?? 0)
        let twins = outcomes.indices.filter { other in
            other != run && abs(100 * (outcomes[other].records.last!.evaluationAccuracy["test"] ?? 0) - finalTest) < 0.2
        }
        let overlap = twins.isEmpty ? "" : " (under run \(twins.map { String($0 + 1) }.joined(separator: ", ")))"
        series.append(
            LineSeries(
                name: "\(unitsName(hidden)), run \(run + 1)\(twins.contains { $0 > run } ? overlap : "")",
                ys: outcome.records.map { 100 * ($0.evaluationAccuracy["test"] ?? 0) },
                xs: outcome.records.map { Double($0.epoch) }, colour: Palette.categorical(2 + run)))
    }
    session.table(["run", "test after epoch 1", "final validation", "final test"], rows)
    let best = outcomes.indices.max {
        (outcomes[$0].records.last!.evaluationAccuracy["validation"] ?? 0)
            < (outcomes[$1].records.last!.evaluationAccuracy["validation"] ?? 0)
    }!
    let bestTest = outcomes[best].records.last!.evaluationAccuracy["test"] ?? 0
    let finals = outcomes.map { $0.records.last!.evaluationAccuracy["test"] ?? 0 }
    // Nielsen's accuracy is the yardstick on MNIST for the network he trained; otherwise the best run's.
    let fashion = knobs.dataset == .fashion
    let reference = fashion ? nil : literatureReference(hidden)
    let yardstick = reference ?? finals.max()!
    let stuck = finals.filter { $0 < yardstick - 0.02 }.count
    let saturates = knobs.cost == .quadratic && knobs.output == .sigmoid
    let plateau =
        stuck == 0
        ? "Every run escaped the plateau."
        : "\(stuck) of the \(runs) runs end more than two points short\(reference == nil ? " of the best" : ""): "
            + (saturates
                ? "their learning curves climb in steps, one \(fashion ? "class" : "digit class") at a time, as output units that started saturated (σ′(z) ≈ 0, so BP1's δᴸ ≈ 0) slowly come unstuck. Chapter 04's cross-entropy cost removes σ′ from δᴸ and with it this trap."
                : "the \(knobs.cost.cost.name) cost has no σ′ in δᴸ for these outputs, so look to η and the initial weights for why.")
    let verdict =
        if synthetic {
            "."
        } else if fashion {
            " (Nielsen's ≈ \(percent(literatureAccuracy[100]!, decimals: 1)) for [784, 100, 10] is an MNIST number, no yardstick here)."
        } else if let reference {
            bestTest >= reference - 0.002
                ? ", matching the ≈ \(percent(reference, decimals: 1)) Nielsen reports\(knobs.isClassicTraining ? "" : " for his unchanged setup")."
                : ", below the ≈ \(percent(reference, decimals: 1)) Nielsen reports\(knobs.isClassicTraining ? "" : " for his unchanged setup")."
        } else {
            " (Nielsen reports no accuracy for this network)."
        }
    session.say(
        """
        \(runs) runs in \(formatted(seconds, decimals: 1)) s. Final test accuracies range from \
        \(percent(finals.min()!, decimals: 2)) to \(percent(finals.max()!, decimals: 2)). \
        \(plateau) \
        The run with the best final validation accuracy (run \(best + 1)) scores \(percent(bestTest, decimals: 2)) on the \
        test set\(verdict)
        """)
    let tag = resultsTag(hidden)
    session.record("mnist.\(tag).testAccuracies", .array(finals.map { .number($0) }))
    session.record(
        "mnist.\(tag).bestRunTestAccuracy", .number(bestTest),
        summary:
            "\(knobs.dataset.displayName) \(architecture(hidden)): best-validation run of \(runs) scores \(percent(bestTest, decimals: 2)) (runs: \(finals.map { percent($0, decimals: 1) }.joined(separator: ", ")))"
    )
    session.record("mnist.\(tag).stuckRuns", .integer(stuck))
    session.record("mnist.\(tag).reachedLiterature", reference.map { .bool(bestTest >= $0 - 0.002) } ?? .null)
    return series
}

// Section 3.7 of Chapter 03: backpropagation at scale — the classic [784, 30, 10] MNIST network
// and its [784, 100, 10] sibling, their learning curves, and the test digits they get wrong.

import ChapterRunner
import Figures
import NeuralCore

/// Nielsen's reported test accuracies (ch. 1): about 95% with 30 hidden units, 96.5% with 100.
let literatureAccuracy: [Int: Double] = [30: 0.95, 100: 0.965]

/// 3.7 — MNIST with the classic setup.
func mnistClassic(_ session: ChapterSession) throws {
    let quick = session.options.quick
    let loaded = try session.loadImages(.mnist, syntheticCounts: quick ? MNISTExperiment.quickSyntheticCounts : nil)
    let synthetic = loaded.source.isSynthetic
    let (train, validation, test) = MNISTExperiment.split(loaded, quick: quick)
    let epochs = session.options.epochs(full: MNISTExperiment.epochs, quick: MNISTExperiment.quickEpochs)
    session.say(
        """
        The classic setup (Nielsen, ch. 1): a [784, 30, 10] sigmoid network, quadratic cost, \
        standard-normal initial weights, mini-batches of m = \(MNISTExperiment.batchSize), η = \
        \(formatted(MNISTExperiment.learningRate, decimals: 1)), \(epochs) epochs, trained on \
        \(train.count) images, validated on \(validation.count) and tested on \(test.count). Every \
        mini-batch is one forward pass, BP1–BP4 as matrices, and one step of Eq. 3.7.
        """)
    session.configure("mnist.epochs", .integer(epochs))
    session.configure("mnist.learningRate", .number(MNISTExperiment.learningRate))
    session.configure("mnist.batchSize", .integer(MNISTExperiment.batchSize))
    session.configure("mnist.split", .array([train.count, validation.count, test.count].map { .integer($0) }))

    var curves: [LineSeries] = []
    var classic: Network?
    for (index, hidden) in MNISTExperiment.hiddenSizes.prefix(1).enumerated() {
        var generator = session.generator.fork()
        let started = ContinuousClock.now
        var bar = ProgressBar(total: 1, label: "")
        var epoch = 1
        let result = try MNISTExperiment.train(
            hidden: hidden, train: train, validation: validation, test: test, epochs: epochs, using: &generator,
            onBatch: { batch, count, cost in
                if batch == 1 {
                    bar = ProgressBar(total: count, label: "[784, \(hidden), 10] epoch \(epoch)/\(epochs)")
                }
                bar.update(step: batch, metrics: ["batch cost": cost])
            },
            onEpoch: { _ in
                bar.finish()
                epoch += 1
            })
        let seconds = ChapterRunner.seconds(since: started)
        if hidden == 30 {
            session.say(
                """
                Sanity check before training: the mean cost per image is \
                \(formatted(result.initialCost, decimals: 3)). Ten outputs all at ½ would give \
                ½ · (9 · ¼ + ¼) = 1.25; outputs saturated at random 0s and 1s would average 2.5; \
                the random network's validation accuracy is \(percent(result.initialAccuracy, decimals: 1)) \
                (guessing gives 10%).
                """)
            session.record(
                "mnist.initialCost", .number(result.initialCost),
                summary: "MNIST initial cost per image: \(formatted(result.initialCost, decimals: 3))")
            classic = result.network
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
        session.say("[784, \(hidden), 10], \(formatted(seconds, decimals: 1)) s for \(epochs) epochs:")
        session.table(["epoch", "validation accuracy", "test accuracy"], rows)
        let reference = literatureAccuracy[hidden]!
        let comparison =
            synthetic || quick
            ? "(this run is not the full MNIST setup, so it is not compared with the literature)"
            : testAccuracy >= reference
                ? "— at or above the \(percent(reference, decimals: 1)) Nielsen reports"
                : "— below the \(percent(reference, decimals: 1)) Nielsen reports, by \(formatted(100 * (reference - testAccuracy), decimals: 2)) points"
        let firstTest = records.first!.evaluationAccuracy["test"] ?? 0
        session.say(
            """
            Test accuracy after epoch 1: \(percent(firstTest, decimals: 2)). \
            Final test accuracy \(percent(testAccuracy, decimals: 2)) \(comparison). The best \
            validation accuracy, \(percent(bestValidation.evaluationAccuracy["validation"] ?? 0, decimals: 2)), \
            came in epoch \(bestValidation.epoch).
            """)
        session.record(
            "mnist.h\(hidden).testAccuracy", .number(testAccuracy),
            summary:
                "MNIST [784, \(hidden), 10]: test accuracy \(percent(testAccuracy, decimals: 2)) after \(final.epoch) epochs"
        )
        session.record(
            "mnist.h\(hidden).bestValidationAccuracy", .number(bestValidation.evaluationAccuracy["validation"] ?? 0))
        session.record("mnist.h\(hidden).seconds", .number(seconds))
        session.record("mnist.h\(hidden).reachedLiterature", .bool(testAccuracy >= reference))
        // The quadratic cost is vermillion in every chapter (Chapter 04 sets it against cross-entropy's blue).
        let colour = Palette.categorical(1 + index)
        let epochsAxis = records.map { Double($0.epoch) }
        curves.append(
            LineSeries(
                name: "\(hidden) units, validation",
                ys: records.map { 100 * ($0.evaluationAccuracy["validation"] ?? 0) },
                xs: epochsAxis, colour: colour, dashed: true, markers: epochs <= 40))
        curves.append(
            LineSeries(
                name: "\(hidden) units, test", ys: records.map { 100 * ($0.evaluationAccuracy["test"] ?? 0) },
                xs: epochsAxis, colour: colour, markers: epochs <= 40))
    }

    if !quick {
        curves += try wideNetworkRuns(
            session, train: train, validation: validation, test: test, epochs: epochs, synthetic: synthetic)
    }

    try session.writeFile("mnist-learning-curves.png") { url in
        var all = LinePlot(title: "All epochs", xLabel: "epoch", yLabel: "accuracy (%)", series: curves)
        all.legend = .hidden
        let reference = !synthetic && !quick
        var zoom = LinePlot(
            title: reference ? "Zoom; dashed: Nielsen's ≈ 95%, ≈ 96.5%" : "Zoom on 90–98%",
            xLabel: "epoch", yLabel: "accuracy (%)", series: curves)
        zoom.yRange = 90...98
        zoom.legend = .outsideRight
        if reference { zoom.references = [.horizontal(95), .horizontal(96.5)] }
        let grid = FigureGrid(
            title: "MNIST [784, h, 10]: accuracy per epoch (m = 10, η = 3, quadratic cost; 100 units: test)",
            columns: 2, panels: [all, zoom], panelWidth: 440, panelHeight: 360)
        try grid.write(to: url, metadata: session.metadata(title: "MNIST learning curves"))
    }

    // The classic network's mistakes on the test set.
    let network = classic!
    let mistakes = Evaluation.mistakes(network, on: test)
    let shown = Array(mistakes.prefix(40))
    session.say(
        """
        The [784, 30, 10] network misclassifies \(mistakes.count) of the \(test.count) test images; \
        the first \(shown.count) are drawn in mnist-mistakes.png, each captioned true → predicted.
        """)
    session.record("mnist.h30.testMistakes", .integer(mistakes.count))
    try session.writeFile("mnist-mistakes.png") { url in
        let side = loaded.test.columns
        let images = shown.map { mistake in
            GridImage(
                width: side, height: loaded.test.rows, values: test.examples.row(mistake.index),
                caption: "\(test.labels[mistake.index]) → \(mistake.predicted)", isMistake: true)
        }
        let grid = ImageGrid(
            title:
                "Test digits the [784, 30, 10] network gets wrong: true → predicted (\(shown.count) of \(mistakes.count))",
            images: images, mode: .inverted, columns: 10)
        try grid.write(to: url, metadata: session.metadata(title: "MNIST misclassified test digits"))
    }
}

/// The [784, 100, 10] network, trained several times from different initial weights at once (one
/// run per core). Under the quadratic cost its output units can start saturated and stay stuck
/// for many epochs (the slowdown of Chapter 04), so single runs differ a lot; the run with the best
/// validation accuracy is the one compared with the literature — chosen without looking at the test set.
func wideNetworkRuns(
    _ session: ChapterSession, train: LabeledData, validation: LabeledData, test: LabeledData, epochs: Int,
    synthetic: Bool
) throws -> [LineSeries] {
    let hidden = 100
    let runs = MNISTExperiment.wideRuns
    let generators = (0..<runs).map { _ in session.generator.fork() }
    session.say(
        """
        Now [784, \(hidden), 10], the same setup with more hidden units, trained \(runs) times from \
        different initial weights, \(min(runs, processorCount)) runs at a time:
        """)
    let started = ContinuousClock.now
    let outcomes = try MNISTExperiment.trainConcurrently(
        hidden: hidden, train: train, validation: validation, test: test, epochs: epochs, generators: generators)
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
                name: "100 units, run \(run + 1)\(twins.contains { $0 > run } ? overlap : "")",
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
    let reference = literatureAccuracy[hidden]!
    let stuck = finals.filter { $0 < reference - 0.02 }.count
    session.say(
        """
        \(runs) runs in \(formatted(seconds, decimals: 1)) s. Final test accuracies range from \
        \(percent(finals.min()!, decimals: 2)) to \(percent(finals.max()!, decimals: 2)). \
        \(stuck == 0 ? "Every run escaped the plateau." : "\(stuck) of the \(runs) runs end more than two points short: their learning curves climb in steps, one digit class at a time, as output units that started saturated (σ′(z) ≈ 0, so BP1's δᴸ ≈ 0) slowly come unstuck. Chapter 04's cross-entropy cost removes σ′ from δᴸ and with it this trap.") \
        The run with the best final validation accuracy (run \(best + 1)) scores \(percent(bestTest, decimals: 2)) on the \
        test set\(synthetic ? "." : bestTest >= reference - 0.002 ? ", matching the ≈ \(percent(reference, decimals: 1)) Nielsen reports." : ", below the ≈ \(percent(reference, decimals: 1)) Nielsen reports.")
        """)
    session.record("mnist.h100.testAccuracies", .array(finals.map { .number($0) }))
    session.record(
        "mnist.h100.bestRunTestAccuracy", .number(bestTest),
        summary:
            "MNIST [784, 100, 10]: best-validation run of \(runs) scores \(percent(bestTest, decimals: 2)) (runs: \(finals.map { percent($0, decimals: 1) }.joined(separator: ", ")))"
    )
    session.record("mnist.h100.stuckRuns", .integer(stuck))
    session.record("mnist.h100.seconds", .number(seconds))
    session.record("mnist.h100.reachedLiterature", .bool(bestTest >= reference - 0.002))
    return series
}

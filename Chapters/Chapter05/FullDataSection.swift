// Section 5.3 of Chapter 05: L2 on the whole training set, with a learning rate halved when
// validation accuracy stops improving, and the update-to-weight ratio as a per-epoch check.

import ChapterRunner
import NeuralCore

/// The full-data run's settings (Nielsen, ch. 3): [784, 100, 10], weights N(0, 1/n_in).
enum FullDataSetup {
    static let sizes = [784, 100, 10]
    static let learningRate = 0.1
    static let lambda = 5.0
    static let batchSize = 10
    static let fullEpochs = 30
    static let quickEpochs = 2
    /// Epochs without a new best validation accuracy before η is halved (Eq. 5.6).
    static let patience = 3
    /// A sensible band for ‖Δw‖/‖w‖ per update (Eq. 5.5): far below it learning stalls, far
    /// above it the weights are rewritten every step.
    static let sensibleRatios = 1e-5...1e-1
}

/// 5.3 — [784, 100, 10] with L2 (λ = 5) on all training images, HalveOnPlateau and update ratios.
func fullTrainingSet(_ session: ChapterSession, data: ChapterData, knobs: FullDataKnobs) throws {
    let epochs = session.options.epochs(full: FullDataSetup.fullEpochs, quick: FullDataSetup.quickEpochs)
    let eta = knobs.eta
    let halving = knobs.schedule == .halve
    let penalty = knobs.lambda > 0 ? "\(knobs.penalty.name) with λ = \(knobs.lambda)" : "no weight penalty"
    let scheduleText =
        halving
        ? """
        The learning rate follows a schedule (Eq. 5.6): when the validation \
        accuracy (\(data.validation.count) held-out images) has not set a new best for \
        \(knobs.patience) epochs, η is halved.
        """
        : "The learning rate stays η₀ throughout (--schedule constant); the validation accuracy is measured on \(data.validation.count) held-out images."
    session.say(
        """
        \(knobs.sizes), sigmoid, cross-entropy, weights N(0, 1/n_in) (Eq. 5.8), \(penalty), \
        η₀ = \(eta), mini-batches of \(knobs.batchSize), \(data.training.count) training images, \
        up to \(epochs) epochs. \(scheduleText) Each epoch also prints the ratio ‖Δw‖/‖w‖ of the \
        last update of each weight matrix (Eq. 5.5): around 10⁻³ means steps that are neither \
        negligible nor violent.
        """)
    var generator = session.generator.fork()
    var schedule = HalveOnPlateau(learningRate: eta, patience: knobs.patience)
    var halvings: [(epoch: Int, rate: Double)] = []
    let options = TrainingOptions(
        epochs: epochs, batchSize: knobs.batchSize, cost: CrossEntropyCost(),
        regularization: knobs.lambda > 0 ? knobs.penalty.regularization(lambda: knobs.lambda) : .none)
    let run = try TrainingRun.make(
        label: "full data, \(knobs.lambda > 0 ? knobs.penalty.name : "no penalty")", sizes: knobs.sizes,
        initialization: .scaledNormal, data: data.training,
        options: options, optimizer: SGD(learningRate: eta),
        evaluation: [("validation", data.validation), ("test", data.test)], generator: &generator,
        onEpoch: { record, optimizer in
            guard halving else { return .proceed }
            let decision = schedule.update(validationAccuracy: record.evaluationAccuracy["validation"] ?? 0)
            if decision.halved { halvings.append((record.epoch, decision.learningRate)) }
            optimizer.learningRate = decision.learningRate
            return decision.shouldStop ? .stop : .proceed
        })
    session.table(
        ["epoch", "η", "validation", "test"] + ratioColumns(layers: run.records.first?.updateRatios.count ?? 2),
        run.records.map { record in
            [
                "\(record.epoch)", formatted(record.learningRate, significant: 3),
                percent(record.evaluationAccuracy["validation"] ?? .nan),
                percent(record.evaluationAccuracy["test"] ?? .nan),
            ] + record.updateRatios.map { formatted($0, significant: 2) }
        })
    let ratios = run.records.flatMap(\.updateRatios)
    let lowest = ratios.min() ?? .nan
    let highest = ratios.max() ?? .nan
    let inBand = ratios.allSatisfy { FullDataSetup.sensibleRatios.contains($0) }
    let best = run.best("validation")
    let test = run.final("test")
    let halvingText =
        !halving
        ? "η was never changed."
        : halvings.isEmpty
            ? "The validation accuracy kept setting new bests, so η was never halved."
            : "η was halved after epoch" + (halvings.count > 1 ? "s " : " ")
                + halvings.map { "\($0.epoch) (to \(formatted($0.rate, significant: 3)))" }.joined(separator: ", ")
                + "."
    session.say(
        """
        After \(run.records.count) epochs (\(formatted(run.seconds, decimals: 1)) s) the test accuracy is \
        \(percent(test)); the best validation accuracy was \(percent(best.accuracy)) in epoch \(best.epoch). \
        \(halvingText) \(nielsenFullData(data, sizes: knobs.sizes)) The update \
        ratios stayed between \(formatted(lowest, significant: 2)) and \(formatted(highest, significant: 2)), \
        \(inBand ? "inside" : "outside") the sensible band [10⁻⁵, 10⁻¹].
        """)
    session.record(
        "fullData.testAccuracy", .finite(test),
        summary:
            "5.3 · \(knobs.sizes), \(knobs.penalty.name) λ = \(knobs.lambda), \(run.records.count) epochs: test \(percent(test))"
    )
    session.record("fullData.bestValidationAccuracy", .finite(best.accuracy))
    session.record("fullData.epochs", .integer(run.records.count))
    session.record("fullData.halvingEpochs", .array(halvings.map { .integer($0.epoch) }))
    session.record("fullData.updateRatioRange", .array([.finite(lowest), .finite(highest)]))
    session.record(
        "fullData.updateRatiosSensible", .bool(inBand),
        summary:
            "5.3 · update ratios ‖Δw‖/‖w‖ in [\(formatted(lowest, significant: 2)), \(formatted(highest, significant: 2))]"
    )
    session.configure("fullData.learningRate", .number(eta))
    session.configure("fullData.lambda", .number(knobs.lambda))
    session.configure("fullData.patience", .integer(knobs.patience))
    try session.writeFile("full-data-l2.png") { url in
        try ChapterFigures.fullData(
            run, halvings: halvings.map(\.epoch),
            title:
                "\(knobs.sizes), \(knobs.lambda > 0 ? "\(knobs.penalty.name) λ = \(knobs.lambda.settingText)" : "no penalty"), on the full training set",
            halvingSchedule: halving, to: url,
            metadata: session.metadata(
                title: halving
                    ? "\(knobs.penalty.name) on the full training set with a halving schedule"
                    : "\(knobs.penalty.name) on the full training set at a constant learning rate"))
    }
}

/// Nielsen's number for 5.3's network, said as his, for MNIST and the notes' [784, 100, 10].
private func nielsenFullData(_ data: ChapterData, sizes: [Int]) -> String {
    let notesNetwork = sizes == FullDataSetup.sizes
    switch (data.isMNIST, notesNetwork) {
    case (true, true): return "Nielsen (ch. 3) reports about 98% for this network after 60 epochs."
    case (true, false): return "Nielsen (ch. 3) reports about 98% for [784, 100, 10] after 60 epochs."
    case (false, _): return "(Nielsen's 98% after 60 epochs, ch. 3, is for MNIST digits, not Fashion-MNIST.)"
    }
}

/// The update-ratio columns of 5.3's table: "hidden" and "output" for the notes' one hidden
/// layer, numbered hidden layers for more.
private func ratioColumns(layers: Int) -> [String] {
    guard layers != 2 else { return ["‖Δw‖/‖w‖ hidden", "‖Δw‖/‖w‖ output"] }
    return (0..<layers).map { $0 == layers - 1 ? "‖Δw‖/‖w‖ output" : "‖Δw‖/‖w‖ hidden \($0 + 1)" }
}

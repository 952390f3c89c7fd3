// Section 5.1 of Chapter 05: a network that memorises 1,000 images. Training cost and accuracy
// keep improving while the test cost turns upward and the test accuracy stalls.

import ChapterRunner
import NeuralCore

/// The overfitting experiment's settings (Nielsen, ch. 3): [784, 30, 10], sigmoid, cross-entropy.
enum OverfittingSetup {
    static let sizes = [784, 30, 10]
    static let learningRate = 0.5
    static let batchSize = 10
    static let fullEpochs = 400
    static let quickEpochs = 8
    static let lambda = 0.1
}

/// 5.1 — train on the small set without regularization and watch the two costs part ways.
func overfitting(
    _ session: ChapterSession, data: ChapterData, knobs: SmallSetKnobs
) throws -> (run: TrainingRun, generator: SeededGenerator) {
    let epochs = session.options.quick ? OverfittingSetup.quickEpochs : OverfittingSetup.fullEpochs
    let sizes = knobs.sizes
    let parameters = zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
    let fits = parameters > data.small.count
    session.say(
        """
        A \(sizes) sigmoid network with the cross-entropy cost, η = \(knobs.eta), \
        mini-batches of \(knobs.batchSize), trained on only the first \(data.small.count) training \
        images for \(epochs) epochs. After every epoch the training set and all \(data.test.count) test images \
        are measured. The network has \(grouped(parameters)) parameters: \
        \(fits ? "enough" : "perhaps too few") to memorise \(data.small.count) images.
        """)
    let start = session.generator.fork()
    var generator = start
    let options = TrainingOptions(
        epochs: epochs, batchSize: knobs.batchSize, cost: CrossEntropyCost(), monitorTraining: true)
    let run = try TrainingRun.make(
        label: "no regularization", sizes: sizes, initialization: .standardNormal,
        data: data.small, options: options, optimizer: SGD(learningRate: knobs.eta),
        evaluation: [("test", data.test)], generator: &generator)
    let trainingAccuracy = run.records.last?.trainingAccuracy ?? .nan
    let testCosts = run.costs("test")
    let lowestTestCost = testCosts.indices.min { testCosts[$0] < testCosts[$1] } ?? 0
    let best = run.best("test")
    let checkpoints = Array(Set([1, 10, 50, 100, 200, 300, epochs].filter { $0 <= epochs })).sorted()
    session.table(
        ["epoch", "training cost", "training accuracy", "test cost", "test accuracy"],
        checkpoints.map { epoch in
            let record = run.records[epoch - 1]
            return [
                "\(epoch)", formatted(record.trainingCost ?? .nan, decimals: 4),
                percent(record.trainingAccuracy ?? .nan), formatted(testCosts[epoch - 1], decimals: 4),
                percent(record.evaluationAccuracy["test"] ?? .nan),
            ]
        })
    let rising = testCosts.last! > testCosts[lowestTestCost]
    session.say(
        """
        The training accuracy ends at \(percent(trainingAccuracy)) and the training cost keeps falling, \
        to \(formatted(run.records.last?.trainingCost ?? .nan, decimals: 4)). The test cost is lowest in \
        epoch \(lowestTestCost + 1) (\(formatted(testCosts[lowestTestCost], decimals: 4))) and \
        \(rising ? "rises after it, to \(formatted(testCosts.last!, decimals: 4))" : "does not rise afterwards in this run"); \
        the test accuracy peaks at \(percent(best.accuracy)) in epoch \(best.epoch) and ends at \
        \(percent(run.final("test"))). \
        \(rising ? "From there on the network learns the peculiarities of its \(data.small.count) images rather than anything that carries over: it overfits." : "This run shows no sign of overfitting in its test cost.") \
        \(data.isMNIST ? "(Nielsen, ch. 3, reports the same shape with test accuracy plateauing near 82%.)" : "(Nielsen, ch. 3, reports test accuracy plateauing near 82% for MNIST digits, not for these Fashion-MNIST images.)")
        """)
    session.record(
        "overfitting.trainingAccuracy", .finite(trainingAccuracy),
        summary:
            "5.1 · \(data.small.count) images, \(epochs) epochs: training accuracy \(percent(trainingAccuracy)), test \(percent(run.final("test")))"
    )
    session.record("overfitting.testAccuracy", .finite(run.final("test")))
    session.record("overfitting.bestTestAccuracy", .finite(best.accuracy))
    session.record("overfitting.lowestTestCostEpoch", .integer(lowestTestCost + 1))
    session.record("overfitting.testCostRises", .bool(rising))
    session.configure("overfitting.epochs", .integer(epochs))
    session.configure("overfitting.learningRate", .number(knobs.eta))
    try session.writeFile("overfitting-costs.png") { url in
        try ChapterFigures.overfittingCosts(
            run, to: url, metadata: session.metadata(title: "Overfitting: training cost against test cost"))
    }
    try session.writeFile("overfitting-accuracy.png") { url in
        try ChapterFigures.overfittingAccuracy(
            run, to: url, metadata: session.metadata(title: "Overfitting: training against test accuracy"))
    }
    return (run, start)
}

// Section 5.11 of Chapter 05: L1 against L2 on the weights themselves. The same network trained
// three times from the same start — L2 (Eq. 5.2), L1 with the sgn(w) step (Eq. 5.4) and L1 with
// the soft-threshold step (Eq. 5.28) — and the magnitudes of its weights counted and drawn.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// 5.11's runs: 5.1's network on the small training set, one λ for both penalties.
enum SparsitySetup {
    static let sizes = OverfittingSetup.sizes
    static let learningRate = OverfittingSetup.learningRate
    static let batchSize = OverfittingSetup.batchSize
    static let lambda = 1.0
    static let epochs = 60
    static let quickEpochs = 5
    /// "Near zero": |w| below 10⁻³, twice the ηλ/n = 5·10⁻⁴ the L1 step moves a weight by.
    static let threshold = 1e-3
    /// The histogram's bins: 10⁻⁸ … 10¹, four per decade.
    static let lowestDecade = -8
    static let highestDecade = 1
    static let binsPerDecade = 4
}

/// The three ways 5.11 trains the network.
enum SparsityRule: String, CaseIterable {
    case l2, l1, softThreshold

    var name: String {
        switch self {
        case .l2: "L2 (Eq. 5.2)"
        case .l1: "L1, sgn(w) step (Eq. 5.4)"
        case .softThreshold: "L1, soft threshold (Eq. 5.28)"
        }
    }

    var key: String { rawValue }

    var colour: Colour {
        switch self {
        case .l2: ChapterFigures.l2
        case .l1: ChapterFigures.dropout
        case .softThreshold: ChapterFigures.validation
        }
    }
}

/// One of 5.11's trained networks and what its weights look like.
struct SparsityRun {
    var rule: SparsityRule
    var network: Network
    var weights: [Double]
    var nearZero: Double
    var exactZeros: Int
    var testAccuracy: Double

    /// Trains `sizes` on `training` from `start` with `rule` and penalty strength `lambda`.
    static func train(
        _ rule: SparsityRule, sizes: [Int] = SparsitySetup.sizes, lambda: Double, epochs: Int,
        training: LabeledData, test: LabeledData, start: SeededGenerator, threshold: Double = SparsitySetup.threshold
    ) throws -> SparsityRun {
        var generator = start
        let eta = SparsitySetup.learningRate
        let regularization: Regularization =
            switch rule {
            case .l2: .l2(lambda: lambda)
            case .l1: .l1(lambda: lambda)
            case .softThreshold: .none
            }
        let options = TrainingOptions(
            epochs: epochs, batchSize: SparsitySetup.batchSize, cost: CrossEntropyCost(),
            regularization: regularization)
        var network = Network(
            sizes: sizes, hidden: .sigmoid, output: .sigmoid, initialization: .standardNormal, using: &generator)
        if rule == .softThreshold {
            var optimizer = SoftThresholdSGD(
                learningRate: eta, lambda: lambda, trainingCount: training.count, penalized: network.isPenalized)
            _ = try Trainer.train(
                &network, on: training, options: options, optimizer: &optimizer, generator: &generator)
        } else {
            var optimizer = SGD(learningRate: eta)
            _ = try Trainer.train(
                &network, on: training, options: options, optimizer: &optimizer, generator: &generator)
        }
        let weights = Sparsity.weights(network)
        return SparsityRun(
            rule: rule, network: network, weights: weights,
            nearZero: Sparsity.fraction(weights, below: threshold), exactZeros: Sparsity.exactZeros(weights),
            testAccuracy: Evaluation.accuracy(network, on: test))
    }
}

/// 5.11 — how many weights L1 and L2 leave at (or near) zero.
func l1Sparsity(_ session: ChapterSession, data: ChapterData, knobs: SparsityKnobs) throws {
    let epochs = session.options.quick ? SparsitySetup.quickEpochs : knobs.epochs
    let lambda = knobs.lambda
    let n = data.small.count
    let eta = SparsitySetup.learningRate
    let step = eta * lambda / Double(n)
    session.say(
        """
        5.2 said that L1 drives small weights to zero and L2 only shrinks them. Here is the count. \
        5.1's \(SparsitySetup.sizes) sigmoid network, N(0, 1) weights, cross-entropy, η = \(eta), \
        mini-batches of \(SparsitySetup.batchSize), \(grouped(n)) training images, \(plural(epochs, "epoch")), \
        trained three times from the same weights and shuffles with λ = \(lambda.settingText): with L2 \
        (Eq. 5.2), with L1 as 5.2 applies it, subtracting ηλ/n · sgn(w) = \(formatted(step, significant: 2)) \
        every step (Eq. 5.4), and with L1 as a soft threshold, which after the plain step sets every weight \
        within ηλ/n of zero to exactly zero (Eq. 5.28). "Near zero" means |w| < \
        \(formatted(SparsitySetup.threshold, significant: 2)).
        """)
    let start = session.generator.fork()
    let runs = try SparsityRule.allCases.map { rule in
        try SparsityRun.train(
            rule, lambda: lambda, epochs: epochs, training: data.small, test: data.test, start: start)
    }
    let total = runs[0].weights.count
    session.table(
        ["penalty", "test accuracy", "|w| < 10⁻³", "exactly 0", "median |w|", "largest |w|"],
        runs.map { run in
            let magnitudes = run.weights.map(abs).sorted()
            return [
                run.rule.name, percent(run.testAccuracy), percent(run.nearZero), grouped(run.exactZeros),
                formatted(magnitudes[magnitudes.count / 2], significant: 2),
                formatted(magnitudes.last ?? .nan, significant: 3),
            ]
        })
    let (l2, l1, soft) = (runs[0], runs[1], runs[2])
    let blank = Sparsity.blankFeatures(data.small)
    let blankZeros = Sparsity.zerosOfFeatures(soft.network, features: blank)
    let hidden = SparsitySetup.sizes[1]
    session.say(
        """
        Of the \(grouped(total)) weights, L2 leaves \(percent(l2.nearZero)) near zero and L1 \
        \(percent(l1.nearZero))\(l1.nearZero > l2.nearZero ? "" : " — in this run no more than L2"). \
        With the sgn(w) step \(l1.exactZeros == 0 ? "not one weight is exactly 0" : "only \(grouped(l1.exactZeros)) are exactly 0"): \
        a weight smaller than ηλ/n is pushed past zero to the other side and back, hovering within \
        \(formatted(step, significant: 2)) of it. The soft threshold sets \(grouped(soft.exactZeros)) \
        weights (\(percent(Double(soft.exactZeros) / Double(total)))) to exactly 0. \(grouped(blankZeros)) of \
        them belong to the \(grouped(blank.count)) pixels that are blank in every training image \
        (\(grouped(blank.count * hidden)) weights), whose gradient of C₀ is exactly 0, so nothing holds them \
        away from zero; the rest are weights the data need too little to keep. Its test accuracy is \(percent(soft.testAccuracy)), against \
        \(percent(l1.testAccuracy)) with the sgn(w) step and \(percent(l2.testAccuracy)) with L2.
        """)
    for run in runs {
        let key = "sparsity.\(run.rule.key)"
        session.record("\(key).nearZero", .finite(run.nearZero))
        session.record("\(key).exactZeros", .integer(run.exactZeros))
        session.record("\(key).testAccuracy", .finite(run.testAccuracy))
    }
    session.record(
        "sparsity.l1MoreNearZero", .bool(l1.nearZero > l2.nearZero),
        summary:
            "5.11 · |w| < 10⁻³: L2 \(percent(l2.nearZero)), L1 \(percent(l1.nearZero)); exactly 0 with the soft threshold: \(grouped(soft.exactZeros)) of \(grouped(total))"
    )
    session.record("sparsity.softThreshold.zerosOfBlankPixels", .integer(blankZeros))
    session.record("sparsity.blankPixels", .integer(blank.count))
    session.configure("sparsity.epochs", .integer(epochs))
    try session.writeFile("l1-sparsity.png") { url in
        try sparsityFigure(
            runs, lambda: lambda, epochs: epochs, to: url,
            metadata: session.metadata(title: "Weight magnitudes after L2 and L1"))
    }
}

/// One histogram of log₁₀|w| per run, on the same logarithmic bins.
private func sparsityFigure(
    _ runs: [SparsityRun], lambda: Double, epochs: Int, to url: URL, metadata: [(String, String)]
) throws {
    let low = Double(SparsitySetup.lowestDecade)
    let high = Double(SparsitySetup.highestDecade)
    let bins = (SparsitySetup.highestDecade - SparsitySetup.lowestDecade) * SparsitySetup.binsPerDecade
    let panels: [any Chart] = runs.map { run in
        let edges = Sparsity.edges(
            lowest: SparsitySetup.lowestDecade, highest: SparsitySetup.highestDecade,
            perDecade: SparsitySetup.binsPerDecade)
        let counted = Sparsity.counts(run.weights, edges: edges)
        let belowNonZero = counted.below - run.exactZeros
        var notes: [String] = []
        if run.exactZeros > 0 { notes.append("\(grouped(run.exactZeros)) at 0") }
        if belowNonZero > 0 { notes.append("\(grouped(belowNonZero)) < 10⁻⁸") }
        let drawn = run.weights.filter { $0 != 0 && abs($0) >= edges[0] }.map { log10(abs($0)) }
        var histogram = Histogram(
            title: run.rule.name,
            xLabel: "log₁₀ |w|" + (notes.isEmpty ? "" : "  (not drawn: " + notes.joined(separator: ", ") + ")"),
            datasets: [HistogramData(name: "", values: drawn, colour: run.rule.colour)], binCount: bins)
        histogram.range = low...high
        histogram.legend = .hidden
        return histogram
    }
    let grid = FigureGrid(
        title:
            "Weight magnitudes of \(SparsitySetup.sizes) after \(plural(epochs, "epoch")), λ = \(lambda.settingText) (|w| < 10⁻³ left of −3)",
        columns: 3, panels: panels, panelWidth: 290, panelHeight: 300)
    try grid.write(to: url, metadata: metadata)
}

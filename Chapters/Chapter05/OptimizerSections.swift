// Sections 5.6–5.7 of Chapter 05: six update rules on a printed two-step example, their paths
// across Rosenbrock's valley, and their learning curves on MNIST.

import ChapterRunner
import Foundation
import NeuralCore

enum OptimizerSetup {
    static let start = (x: -1.2, y: 1.0)
    static let fullSteps = 3_000
    static let quickSteps = 400
    static let mnistSizes = [784, 100, 10]
    static let fullEpochs = 3
    static let quickEpochs = 1
    static let batchSize = 10
    /// Points of the smoothed training-cost curve per epoch.
    static let pointsPerEpoch = 20
}

/// 5.6 — the update rules by hand and by the core, then their paths on Rosenbrock's function.
func optimizerPaths(_ session: ChapterSession) throws {
    let example = OptimizerExample.self
    session.say(
        """
        Each rule keeps some memory of past gradients g. Momentum (Eq. 5.10) accumulates a velocity \
        v ← μv − ηg, θ ← θ + v; Nesterov (Eq. 5.11) applies the velocity once more, θ ← θ + μv − ηg with \
        the new v; Adagrad (Eq. 5.12) divides by the root of the summed squares, G ← G + g², \
        θ ← θ − ηg/(√G + ε); RMSprop (Eq. 5.13) uses a fading average instead, E ← ρE + (1 − ρ)g²; Adam \
        (Eq. 5.14) combines a fading mean m and a fading square v, both bias-corrected. Two steps from \
        θ₀ = (1, −2) with gradients (0.5, −1) then (0.2, 0.4), η = \(example.learningRate), \
        μ = ρ = \(OptimizerChoice.momentumCoefficient), β₁ = 0.9, β₂ = 0.999:
        """)
    var worstGap = 0.0
    var rows: [[String]] = []
    for choice in OptimizerChoice.allCases {
        let core = choice.steps(from: example.start, gradients: example.gradients, learningRate: example.learningRate)
        let hand = choice.stepsByHand(
            from: example.start, gradients: example.gradients, learningRate: example.learningRate)
        let gap = zip(core.joined(), hand.joined()).map { abs($0 - $1) }.max() ?? 0
        worstGap = max(worstGap, gap)
        func point(_ p: [Double]) -> String { "(" + p.map { formatted($0, decimals: 6) }.joined(separator: ", ") + ")" }
        rows.append([
            choice.name, choice.equation, point(core[0]), point(core[1]), point(hand[1]),
            formatted(gap, significant: 2),
        ])
    }
    session.table(["rule", "equation", "θ₁ (core)", "θ₂ (core)", "θ₂ (by hand)", "largest gap"], rows)
    session.say(
        """
        The core's optimizers and the equations written out by hand agree to \(formatted(worstGap, significant: 2)). \
        Note Adagrad, RMSprop and Adam: their first step moves every coordinate by about η \
        (RMSprop by η/√(1 − ρ) ≈ \(formatted(example.learningRate / (1 - OptimizerChoice.decay).squareRoot(), decimals: 3))), \
        whatever the size of the gradient.
        """)
    session.record(
        "optimizers.exampleLargestGap", .number(worstGap),
        summary: "5.6 · six update rules match their equations by hand within \(formatted(worstGap, significant: 2))")

    let function = Rosenbrock()
    let steps = session.options.quick ? OptimizerSetup.quickSteps : OptimizerSetup.fullSteps
    let start = OptimizerSetup.start
    session.say(
        """
        Rosenbrock's function f(x, y) = (1 − x)² + 100(y − x²)² has its minimum 0 at (1, 1) at the end \
        of a long curved valley: steep across, nearly flat along. From (\(start.x), \(start.y)), \(steps) steps each:
        """)
    var paths: [(OptimizerChoice, [(x: Double, y: Double)])] = []
    var pathRows: [[String]] = []
    for choice in OptimizerChoice.allCases {
        let path = optimizerPath(
            optimizer: choice.make(learningRate: choice.rosenbrockRate), start: start, function: function, steps: steps)
        paths.append((choice, path))
        let end = path.last!
        let distance = ((end.x - 1) * (end.x - 1) + (end.y - 1) * (end.y - 1)).squareRoot()
        let within = path.firstIndex { ($0.x - 1) * ($0.x - 1) + ($0.y - 1) * ($0.y - 1) < 0.01 }
        pathRows.append([
            choice.name, formatted(choice.rosenbrockRate, significant: 2),
            "(\(formatted(end.x, decimals: 3)), \(formatted(end.y, decimals: 3)))",
            formatted(function.value(end.x, end.y), significant: 3), formatted(distance, significant: 3),
            within.map { "\($0)" } ?? "never",
        ])
        session.record("rosenbrock.\(choice.name).distance", .finite(distance))
        session.record("rosenbrock.\(choice.name).stepsToWithin0.1", within.map { .integer($0) } ?? .null)
    }
    session.table(
        ["rule", "η", "end point", "f at end", "distance to (1, 1)", "first step within 0.1 of (1, 1)"], pathRows)
    let closest = paths.min { a, b in
        let p = a.1.last!
        let q = b.1.last!
        return (p.x - 1) * (p.x - 1) + (p.y - 1) * (p.y - 1) < (q.x - 1) * (q.x - 1) + (q.y - 1) * (q.y - 1)
    }!
    let sgdEnd = paths[0].1.last!
    session.say(
        """
        Plain SGD needs a small η to stay stable across the valley and then crawls along it, ending at \
        (\(formatted(sgdEnd.x, decimals: 3)), \(formatted(sgdEnd.y, decimals: 3))); the rule that ends closest to the \
        minimum is \(closest.0.name). Momentum and Nesterov build up speed along the valley floor; the \
        adaptive rules rescale each coordinate so the flat direction gets steps as large as the steep one.
        """)
    session.record(
        "rosenbrock.closest", .string(closest.0.name),
        summary:
            "5.6 · Rosenbrock, \(steps) steps: SGD ends at (\(formatted(sgdEnd.x, decimals: 2)), \(formatted(sgdEnd.y, decimals: 2))); closest to (1, 1): \(closest.0.name)"
    )
    session.configure("rosenbrock.steps", .integer(steps))
    session.configure(
        "rosenbrock.learningRates",
        .object(
            Dictionary(
                uniqueKeysWithValues: OptimizerChoice.allCases.map { ($0.name, JSONValue.number($0.rosenbrockRate)) })))
    try session.writeFile("optimizer-paths.png") { url in
        try ChapterFigures.optimizerPaths(
            paths.map {
                (
                    $0.0.name + " (η = \(formatted($0.0.rosenbrockRate, significant: 2)))", $0.1,
                    ChapterFigures.optimizerColour($0.0)
                )
            },
            function: function,
            resolution: session.options.quick ? 60 : 160, to: url,
            metadata: session.metadata(title: "Six optimizers on Rosenbrock's function"))
    }
}

/// 5.7 — the same six rules training [784, 100, 10] softmax networks on MNIST.
func optimizersOnMNIST(_ session: ChapterSession, data: ChapterData, knobs: OptimizerKnobs) throws {
    let epochs = session.options.quick ? OptimizerSetup.quickEpochs : OptimizerSetup.fullEpochs
    let constants = knobs.constants
    let batchSize = knobs.batchSize
    let changedConstants =
        constants == .notes
        ? ""
        : " Constants: μ = \(constants.momentum), ρ = \(constants.decay), β₁ = \(constants.beta1), β₂ = \(constants.beta2), ε = \(constants.epsilon.settingText)."
    session.say(
        """
        [784, 100, 10] with sigmoid hidden units, a softmax output and the log-likelihood cost, weights \
        N(0, 1/n_in), mini-batches of \(batchSize), no regularization, \(data.training.count) images, \
        \(plural(epochs, "epoch")) per rule, every run from the same weights and shuffles. Learning rates: \
        \(OptimizerChoice.allCases.map { "\($0.name) \(formatted(knobs.rate($0), significant: 2))" }.joined(separator: ", ")).\
        \(changedConstants)
        """)
    let start = session.generator.fork()
    var runs: [(String, TrainingRun)] = []
    for choice in OptimizerChoice.allCases {
        var generator = start
        let options = TrainingOptions(epochs: epochs, batchSize: batchSize, cost: LogLikelihoodCost())
        let run = try TrainingRun.make(
            label: choice.name, sizes: OptimizerSetup.mnistSizes, output: .softmax, initialization: .scaledNormal,
            data: data.training, options: options,
            anyOptimizer: choice.make(learningRate: knobs.rate(choice), constants: constants),
            evaluation: [("test", data.test)], generator: &generator)
        runs.append((choice.name, run))
        session.record("mnistOptimizers.\(choice.name).testAccuracy", .finite(run.final("test")))
    }
    let early = min(1_000, runs.map(\.1.batchCosts.count).min() ?? 0)
    let earlyCosts = runs.map { entry in entry.1.batchCosts.prefix(early).reduce(0, +) / Double(max(early, 1)) }
    session.table(
        ["rule", "η", "mean cost, first \(early) batches"] + (1...epochs).map { "test after epoch \($0)" }
            + ["seconds"],
        zip(zip(OptimizerChoice.allCases, runs), earlyCosts).map { pair, earlyCost in
            let (choice, entry) = pair
            return [choice.name, formatted(knobs.rate(choice), significant: 2), formatted(earlyCost, decimals: 3)]
                + entry.1.accuracies("test").map { percent($0) } + [formatted(entry.1.seconds, decimals: 1)]
        })
    let ranked = runs.sorted { $0.1.final("test") > $1.1.final("test") }
    let fastestStart = zip(runs.map(\.0), earlyCosts).min { $0.1 < $1.1 }!
    let heavyBall = runs.prefix(3).map { $0.1.final("test") }
    let heavyBallSpread = (heavyBall.max() ?? 0) - (heavyBall.min() ?? 0)
    let mu = constants.momentum
    let sgdRate = knobs.rate(.sgd)
    let momentumRate = knobs.rate(.momentum)
    let nesterovRate = knobs.rate(.nesterov)
    let effective = momentumRate / (1 - mu)
    // The notes' explanation holds when momentum and Nesterov share η and η/(1 − μ) is SGD's η.
    let sameStep = momentumRate == nesterovRate && abs(effective - sgdRate) <= 1e-9 * sgdRate
    let heavyBallText =
        sameStep
        ? """
        with \
        μ = \(mu) a steady gradient moves momentum by η/(1 − μ) = \
        \(formatted(effective, significant: 2)) \
        per unit of gradient, the same as SGD's η, and on this well-conditioned problem there is no long \
        valley for the velocity to exploit.
        """
        : """
        with μ = \(mu) a steady gradient moves momentum by η/(1 − μ) = \(formatted(effective, significant: 2)) \
        per unit of gradient (Nesterov's η is \(formatted(nesterovRate, significant: 2))), against SGD's η = \
        \(formatted(sgdRate, significant: 2)).
        """
    session.say(
        """
        After \(plural(epochs, "epoch")) the best is \(ranked.first!.0) at \(percent(ranked.first!.1.final("test"))) \
        and the last \(ranked.last!.0) at \(percent(ranked.last!.1.final("test"))); the lowest mean cost over the \
        first \(early) mini-batches is \(fastestStart.0)'s (\(formatted(fastestStart.1, decimals: 3))). SGD, momentum \
        and Nesterov end within \(formatted(100 * heavyBallSpread, decimals: 2)) points of each other: \
        \(heavyBallText) The comparison depends on the learning rates chosen.
        """)
    session.record("mnistOptimizers.heavyBallSpread", .number(heavyBallSpread))
    session.record(
        "mnistOptimizers.best", .string(ranked.first!.0),
        summary: "5.7 · \(data.dataset.displayName) after \(plural(epochs, "epoch")): "
            + runs.map { "\($0.0) \(percent($0.1.final("test")))" }.joined(separator: ", "))
    session.configure("mnistOptimizers.epochs", .integer(epochs))
    try session.writeFile("optimizers-mnist.png") { url in
        try ChapterFigures.learningCurves(
            zip(OptimizerChoice.allCases, runs).map { choice, entry in
                (optimizerLegendName(choice, heavyBallSpread), entry.1, ChapterFigures.optimizerColour(choice))
            }, title: "Six optimizers training [784, 100, 10] on \(data.dataset.displayName)",
            batchesPerEpoch: (data.training.count + batchSize - 1) / batchSize,
            to: url, metadata: session.metadata(title: "Optimizers on \(data.dataset.displayName)"),
            note: heavyBallSpread < 0.001 ? "Test accuracy: SGD ≈ momentum ≈ Nesterov" : nil)
    }
}

/// The legend name of an optimizer in optimizers-mnist: momentum and Nesterov say that they lie
/// under SGD's curve when the three end within a tenth of a point of each other.
func optimizerLegendName(_ choice: OptimizerChoice, _ heavyBallSpread: Double) -> String {
    guard heavyBallSpread < 0.001 else { return choice.name }
    switch choice {
    case .momentum, .nesterov: return "\(choice.name) (≈ SGD, overlapping)"
    default: return choice.name
    }
}

// Section 3.9 of Chapter 03: one problem trained with m = 1, a few mini-batch sizes and m = n,
// and the variance of the mini-batch gradient against m at fixed weights (Eq. 3.15).

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// Batch, stochastic and mini-batch gradient descent on the moons.
enum BatchSizeExperiment {
    static let count = 200
    static let noise = 0.2
    static let hidden = 10
    static let learningRate = 0.2
    static let batchSizes = [1, 10, 100, 200]
    static let epochs = 100
    static let quickEpochs = 6
    /// The training cost whose first crossing the timing table converts into seconds.
    static let costTarget = 0.3
    /// The mini-batch sizes of the variance measurement, and how many batches each draws.
    static let varianceSizes = [1, 2, 5, 10, 20, 50, 100]
    static let varianceDraws = 2_000
    static let quickVarianceDraws = 200

    static func data(using generator: inout SeededGenerator) -> PointDataset {
        ToyDatasets.moons(count: count, noise: noise, using: &generator)
    }

    /// The [2, hidden, 2] tanh–softmax network every run starts from (Xavier weights).
    static func network(using generator: inout SeededGenerator) -> Network {
        Network(sizes: [2, hidden, 2], hidden: .tanh, output: .softmax, initialization: .xavier, using: &generator)
    }

    /// One run: mini-batch SGD (Eq. 3.7) with batches of m from `start`. Returns the training cost
    /// before epoch 1 and after every epoch, the updates per epoch ⌈n/m⌉, and the seconds between
    /// consecutive updates (for the timing table only: never recorded or drawn).
    static func train(
        from start: Network, on data: LabeledData, batch m: Int, epochs: Int, eta: Double,
        using generator: inout SeededGenerator
    ) throws -> (costs: [Double], updatesPerEpoch: Int, updateSeconds: [Double]) {
        var network = start
        var sgd = SGD(learningRate: eta)
        let cost = LogLikelihoodCost()
        let initial = Evaluation.measure(network, on: data, cost: cost, trainingCount: data.count).cost
        var seconds: [Double] = []
        var last = ContinuousClock.now
        let records = try Trainer.train(
            &network, on: data,
            options: TrainingOptions(epochs: epochs, batchSize: m, cost: cost, monitorTraining: true),
            optimizer: &sgd, generator: &generator,
            onBatch: { _, _, _ in
                let now = ContinuousClock.now
                seconds.append(ChapterRunner.seconds(since: last))
                last = now
            })
        return ([initial] + records.map { $0.trainingCost ?? .nan }, (data.count + m - 1) / m, seconds)
    }

    /// The first update count at which an epoch's cost is at or below `target`, or nil.
    static func updatesToReach(_ target: Double, costs: [Double], updatesPerEpoch: Int) -> Int? {
        costs.firstIndex { $0 <= target }.map { $0 * updatesPerEpoch }
    }

    /// ∂Cₓ/∂θ of every example at the network's weights, each flattened in `parameters` order.
    static func perExampleGradients(_ network: Network, on data: LabeledData) -> [[Double]] {
        var unused = SeededGenerator(seed: 0)
        return (0..<data.count).map { i in
            let (x, y) = data.batch([i])
            return network.backpropagate(x, y, cost: LogLikelihoodCost(), generator: &unused).gradients
                .flatMap(\.elements)
        }
    }

    /// The full gradient ḡ = (1/n) Σ gᵢ and the per-example variance σ² = (1/n) Σ ‖gᵢ − ḡ‖².
    static func spread(_ gradients: [[Double]]) -> (mean: [Double], variance: Double) {
        let n = Double(gradients.count)
        var mean = [Double](repeating: 0, count: gradients[0].count)
        for g in gradients { for k in mean.indices { mean[k] += g[k] / n } }
        let variance = gradients.reduce(0) { total, g in total + squaredDistance(g, mean) } / n
        return (mean, variance)
    }

    static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        var total = 0.0
        for k in a.indices { total += (a[k] - b[k]) * (a[k] - b[k]) }
        return total
    }

    /// Eq. 3.15 — E‖ĝ_m − ḡ‖² = (σ²/m)(n − m)/(n − 1) for a mini-batch of m drawn without replacement.
    static func predictedVariance(perExample variance: Double, n: Int, m: Int) -> Double {
        variance / Double(m) * Double(n - m) / Double(n - 1)
    }

    /// The mean of ‖ĝ_m − ḡ‖² over `draws` mini-batches of m distinct examples (each a partial
    /// Fisher–Yates shuffle), with the standard error of that mean.
    static func sampledVariance(
        _ gradients: [[Double]], mean: [Double], m: Int, draws: Int, using generator: inout SeededGenerator
    ) -> (mean: Double, standardError: Double) {
        let n = gradients.count
        var order = Array(0..<n)
        var values: [Double] = []
        for _ in 0..<draws {
            for i in 0..<m { order.swapAt(i, i + generator.integer(below: n - i)) }
            var estimate = [Double](repeating: 0, count: mean.count)
            for i in 0..<m { for k in estimate.indices { estimate[k] += gradients[order[i]][k] / Double(m) } }
            values.append(squaredDistance(estimate, mean))
        }
        let average = values.reduce(0, +) / Double(draws)
        let spread = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(max(draws - 1, 1))
        return (average, (spread / Double(draws)).squareRoot())
    }
}

/// 3.9 — cost curves for every m, the measured time per update, and the gradient's variance.
func batchSizes(_ session: ChapterSession, knobs: BatchSizeKnobs) throws {
    var generator = session.generator.fork()
    let points = BatchSizeExperiment.data(using: &generator)
    let data = LabeledData(points)
    let n = data.count
    var initial = generator.fork()
    let start = BatchSizeExperiment.network(using: &initial)
    let quick = session.options.quick
    let epochs = quick ? BatchSizeExperiment.quickEpochs : BatchSizeExperiment.epochs
    session.say(
        """
        One problem, \(n) moons points (noise \(BatchSizeExperiment.noise)) and a [2, \(BatchSizeExperiment.hidden), 2] \
        tanh–softmax network, trained from the same initial weights with mini-batches of \
        m = \(knobs.sizes.map(String.init).joined(separator: ", ")) (m = 1 is stochastic, m = n = \(n) full-batch \
        descent), all with the same η = \(knobs.eta.settingText): Eq. 3.7 steps along the batch's *mean* \
        gradient, so one step has the same scale whatever m. \(epochs) epochs each; an epoch is ⌈n/m⌉ updates:
        """)
    var runs: [(m: Int, costs: [Double], updatesPerEpoch: Int, seconds: [Double])] = []
    for m in knobs.sizes {
        var g = generator.fork()
        let run = try BatchSizeExperiment.train(
            from: start, on: data, batch: m, epochs: epochs, eta: knobs.eta, using: &g)
        runs.append((m, run.costs, run.updatesPerEpoch, run.updateSeconds))
        session.record("batches.m\(m).finalCost", .number(run.costs.last!))
    }
    let target = BatchSizeExperiment.costTarget
    let reach = runs.map {
        BatchSizeExperiment.updatesToReach(target, costs: $0.costs, updatesPerEpoch: $0.updatesPerEpoch)
    }
    session.table(
        [
            "m", "updates per epoch", "cost after 1 epoch", "after \(epochs)",
            "updates to reach \(target.settingText) (per-epoch check)",
        ],
        zip(runs, reach).map { run, reached in
            [
                "\(run.m)", grouped(run.updatesPerEpoch), formatted(run.costs[1], decimals: 4),
                formatted(run.costs.last!, decimals: 4), reached.map(grouped) ?? "not in \(epochs) epochs",
            ]
        })
    for (run, reached) in zip(runs, reach) {
        session.record("batches.m\(run.m).updatesToTarget", reached.map { .integer($0) } ?? .null)
    }
    // Time per update, measured here and only printed.
    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
    session.say("Measured on this machine (median over the run's updates; printed, never recorded):")
    session.table(
        ["m", "time per update", "time per epoch", "time to cost \(target.settingText)"],
        zip(runs, reach).map { run, reached in
            let perUpdate = median(run.seconds)
            return [
                "\(run.m)", "\(formatted(perUpdate * 1e6, decimals: 1)) µs",
                "\(formatted(perUpdate * Double(run.updatesPerEpoch) * 1e3, decimals: 2)) ms",
                reached.map { "\(formatted(perUpdate * Double($0) * 1e3, decimals: 1)) ms" } ?? "—",
            ]
        })
    let afterOne = runs.min { $0.costs[1] < $1.costs[1] }!
    let final = runs.min { $0.costs.last! < $1.costs.last! }!
    let reached = zip(runs, reach).compactMap { run, count in count.map { (m: run.m, updates: $0) } }
    let fewestCount = reached.map(\.updates).min()
    let fewest = fewestCount.map { count in
        (ms: reached.filter { $0.updates == count }.map { "\($0.m)" }.joined(separator: " and "), updates: count)
    }
    let single = runs.first { $0.m == 1 }.map { median($0.seconds) }
    let largest = runs.max { $0.m < $1.m }!
    let stochastic = runs.first { $0.m == 1 }
    let bounce = stochastic.map { $0.costs.last! - $0.costs.min()! } ?? 0
    session.say(
        """
        Per epoch the small batches lead: after one epoch m = \(afterOne.m) is lowest \
        (\(formatted(afterOne.costs[1], decimals: 4))), since it took ⌈n/m⌉ steps for the full batch's one; after \
        \(epochs) epochs m = \(final.m) is (\(formatted(final.costs.last!, decimals: 4))). \
        \(fewest.map { "Per update the large batches lead: m = \($0.ms) reached cost \(target.settingText) in the fewest updates, \(grouped($0.updates)), since each step follows a better estimate of the gradient. " } ?? "")\
        \(bounce > 0.02 ? "m = 1 ends \(formatted(bounce, decimals: 3)) above its lowest epoch: at this η single-example steps keep the cost bouncing (the spikes), the noise Eq. 3.15 measures below. " : "")\
        \(single.map { "On this machine a step over m = \(largest.m) examples took \(formatted(median(largest.seconds) / $0, decimals: 0)) times as long as one over a single example, not \(largest.m) times: one matrix product over the batch uses the machine better than m small ones." } ?? "")
        """)

    // The variance of the mini-batch gradient at the initial weights.
    let gradients = BatchSizeExperiment.perExampleGradients(start, on: data)
    let (mean, variance) = BatchSizeExperiment.spread(gradients)
    let draws = quick ? BatchSizeExperiment.quickVarianceDraws : BatchSizeExperiment.varianceDraws
    var sampler = generator.fork()
    var rows: [[String]] = []
    var measured: [(m: Int, value: Double, error: Double)] = []
    for m in BatchSizeExperiment.varianceSizes where m < n {
        let sample = BatchSizeExperiment.sampledVariance(gradients, mean: mean, m: m, draws: draws, using: &sampler)
        let exact = BatchSizeExperiment.predictedVariance(perExample: variance, n: n, m: m)
        measured.append((m, sample.mean, sample.standardError))
        rows.append([
            "\(m)", "\(formatted(sample.mean, significant: 4)) ± \(formatted(sample.standardError, significant: 2))",
            formatted(variance / Double(m), significant: 4), formatted(exact, significant: 4),
            formatted((sample.mean - exact) / sample.standardError, decimals: 1),
        ])
        session.record("variance.m\(m).measured", .number(sample.mean))
    }
    session.record("variance.perExample", .number(variance))
    session.say(
        """
        The noise of a step: at the initial weights, ĝ_m is the mean gradient of m distinct examples drawn at \
        random and ḡ the full one; the per-example variance is σ² = (1/n)Σ‖gᵢ − ḡ‖² = \
        \(formatted(variance, significant: 4)). Over \(grouped(draws)) random batches per m, the mean of \
        ‖ĝ_m − ḡ‖² (± its standard error) against σ²/m and the exact law (σ²/m)(n − m)/(n − 1) (Eq. 3.15):
        """)
    session.table(["m", "measured E‖ĝ − ḡ‖²", "σ²/m", "Eq. 3.15", "(measured − Eq. 3.15)/s.e."], rows)
    session.say(
        """
        The variance falls as 1/m, a little faster as m nears n (at m = n it is 0: the batch is the data). \
        Ten times the batch buys a gradient √10 ≈ 3.2 times less noisy, for about ten times the arithmetic.
        """)

    session.configure("batches.epochs", .integer(epochs))
    session.configure("variance.draws", .integer(draws))
    try session.writeFile("batch-size-curves.png") { url in
        let series = runs.enumerated().map { index, run in
            LineSeries(
                name: run.m == n ? "m = n = \(n)" : "m = \(run.m)", ys: run.costs,
                xs: run.costs.indices.map(Double.init), colour: Palette.categorical(index))
        }
        let targetLine = ReferenceLine.horizontal(BatchSizeExperiment.costTarget)
        var perEpoch = LinePlot(
            title: "Training cost against epochs", xLabel: "epoch", yLabel: "mean log-likelihood cost",
            series: series, references: [targetLine])
        perEpoch.legend = .automatic
        let perUpdateSeries = runs.enumerated().map { index, run in
            LineSeries(
                name: run.m == n ? "m = n = \(n)" : "m = \(run.m)",
                ys: Array(run.costs.dropFirst()),
                xs: (1..<run.costs.count).map { log10(Double($0 * run.updatesPerEpoch)) },
                colour: Palette.categorical(index), markers: run.costs.count <= 12)
        }
        var perUpdate = LinePlot(
            title: "Training cost against updates", xLabel: "log₁₀ (number of updates)",
            yLabel: "mean log-likelihood cost", series: perUpdateSeries, references: [targetLine])
        perUpdate.legend = .hidden
        let grid = FigureGrid(
            title:
                "Moons, [2, \(BatchSizeExperiment.hidden), 2]: mini-batch size m, η = \(knobs.eta.settingText) for all (dashed: cost \(target.settingText))",
            columns: 2, panels: [perEpoch, perUpdate], panelWidth: 430, panelHeight: 340)
        try grid.write(to: url, metadata: session.metadata(title: "Cost against epochs and updates by batch size"))
    }
    try session.writeFile("gradient-variance.png") { url in
        let logM = measured.map { log10(Double($0.m)) }
        let dense = stride(from: 0.0, through: log10(Double(measured.last!.m)), by: 0.02).map { $0 }
        var logLog = LinePlot(
            title: "E‖ĝ − ḡ‖² against m (log–log)", xLabel: "log₁₀ m", yLabel: "variance of the batch gradient",
            series: [
                LineSeries(
                    name: "σ²/m", ys: dense.map { variance / pow(10, $0) }, xs: dense, colour: Palette.categorical(1),
                    dashed: true),
                LineSeries(
                    name: "Eq. 3.15",
                    ys: dense.map { variance / pow(10, $0) * (Double(n) - pow(10, $0)) / Double(n - 1) },
                    xs: dense, colour: Palette.categorical(2)),
                LineSeries(
                    name: "measured", ys: measured.map(\.value), xs: logM, colour: Palette.categorical(0),
                    markers: true),
            ], yScale: .log10)
        logLog.legend = .automatic
        let ms = Array(1...n).map(Double.init)
        var scaled = LinePlot(
            title: "m · E‖ĝ − ḡ‖² / σ² against m", xLabel: "mini-batch size m",
            yLabel: "variance × m / σ²",
            series: [
                LineSeries(
                    name: "1/m law", ys: ms.map { _ in 1 }, xs: ms, colour: Palette.categorical(1), dashed: true),
                LineSeries(
                    name: "Eq. 3.15", ys: ms.map { (Double(n) - $0) / Double(n - 1) }, xs: ms,
                    colour: Palette.categorical(2)),
                LineSeries(
                    name: "measured", ys: measured.map { Double($0.m) * $0.value / variance },
                    xs: measured.map { Double($0.m) }, colour: Palette.categorical(0), markers: true),
            ])
        scaled.yRange = 0...1.2
        scaled.legend = .hidden
        let grid = FigureGrid(
            title: "The noise of a mini-batch gradient: \(grouped(draws)) random batches per m, n = \(n)",
            columns: 2, panels: [logLog, scaled], panelWidth: 430, panelHeight: 340)
        try grid.write(to: url, metadata: session.metadata(title: "Gradient variance against batch size"))
    }
}

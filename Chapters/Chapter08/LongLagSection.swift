// Section 8.4: the long-lag experiment — recall the first symbol of a sequence T steps later —
// for the vanilla recurrent network, the LSTM, the GRU and the minimal gated unit, as accuracy
// against T.

import ChapterRunner
import Figures
import NeuralCore

/// The long-lag experiment's settings.
enum LongLagSetup {
    static let hidden = 24
    static let batch = 32
    static let learningRate = 0.003
    static let clipNorm = 1.0
    /// The LSTM's forget bias, minus the GRU's update bias and minus the MGU's forget bias: each
    /// starts the cell remembering.
    static let gateBias = 4.0
    static let fullLags = [5, 10, 20, 40, 80, 120]
    static let quickLags = [5, 20]
    static let fullSteps = 1000
    static let quickSteps = 150
    static let evaluationSize = 1000
    /// Independent runs (initial weights and data) per cell and lag; the figure shows their mean.
    static let fullRuns = 3
    static let quickRuns = 1
}

/// The recurrent cells compared on the long-lag task. Every cell's run at a lag draws from the same
/// seeded stream (seed, lag, run), so the MGU, added last, moves none of the other cells' numbers.
enum LongLagCell: String, CaseIterable, Sendable {
    case vanilla = "vanilla"
    case lstm = "LSTM"
    case gru = "GRU"
    case mgu = "MGU"
}

/// The network and optimizer of one long-lag run: the notes' (`LongLagSetup`) unless knobs change them.
struct LongLagNetwork: Sendable {
    var hidden = LongLagSetup.hidden
    var learningRate = LongLagSetup.learningRate
    var gateBias = LongLagSetup.gateBias
}

/// Trains a fresh `kind` cell on the task with lag `lag` and returns its accuracy on fresh sequences.
func longLagAccuracy(
    _ kind: LongLagCell, lag: Int, steps: Int, network: LongLagNetwork = LongLagNetwork(),
    generator: inout SeededGenerator
) -> (accuracy: Double, finalLoss: Double) {
    let task = LongLagTask(lag: lag)
    let input = LongLagTask.vocabulary
    let hidden = network.hidden
    switch kind {
    case .vanilla:
        // N(0, 1/H) weights: recurrent spectral radius near 1, the vanilla network's best start.
        return trainAndEvaluate(
            VanillaCell(
                inputSize: input, hiddenSize: hidden, scale: 1 / Double(hidden).squareRoot(), using: &generator),
            task: task, steps: steps, learningRate: network.learningRate, generator: &generator)
    case .lstm:
        return trainAndEvaluate(
            LSTMCell(inputSize: input, hiddenSize: hidden, forgetBias: network.gateBias, using: &generator),
            task: task, steps: steps, learningRate: network.learningRate,
            generator: &generator)
    case .gru:
        return trainAndEvaluate(
            GRUCell(inputSize: input, hiddenSize: hidden, updateBias: -network.gateBias, using: &generator),
            task: task, steps: steps, learningRate: network.learningRate,
            generator: &generator)
    case .mgu:
        return trainAndEvaluate(
            minimalGatedCell(inputSize: input, hiddenSize: hidden, forgetBias: -network.gateBias, using: &generator),
            task: task, steps: steps, learningRate: network.learningRate,
            generator: &generator)
    }
}

/// A minimal gated unit whose forget gate's bias (its first H biases) starts at `forgetBias`: with
/// a negative bias fₜ ≈ 0 and (8.14) copies hₜ₋₁ forward, as the GRU's update gate with its
/// negative bias does. The weights are the core's (the same draws as `MinimalGatedCell.init`).
func minimalGatedCell(
    inputSize: Int, hiddenSize: Int, forgetBias: Double, using generator: inout SeededGenerator
) -> MinimalGatedCell {
    var cell = MinimalGatedCell(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
    for r in 0..<hiddenSize { cell.parameters[2][r, 0] = forgetBias }
    return cell
}

func trainAndEvaluate<C: RecurrentCell>(
    _ cell: C, task: LongLagTask, steps: Int, learningRate: Double = LongLagSetup.learningRate,
    generator: inout SeededGenerator
) -> (accuracy: Double, finalLoss: Double) {
    var model = readoutModel(cell: cell, classes: LongLagTask.classes, using: &generator)
    let losses = trainReadout(
        &model, steps: steps, learningRate: learningRate, clipNorm: LongLagSetup.clipNorm,
        makeBatch: { task.batch(size: LongLagSetup.batch, using: &$0) }, generator: &generator)
    let test = task.batch(size: LongLagSetup.evaluationSize, using: &generator)
    let tail = losses.suffix(50)
    return (readoutAccuracy(model, on: test), tail.reduce(0, +) / Double(max(tail.count, 1)))
}

/// 8.4 — accuracy against lag for each cell, as one figure.
func longLag(_ session: ChapterSession, knobs: LongLagKnobs = .defaults) throws {
    let quick = session.options.quick
    let lags = knobs.lags ?? (quick ? LongLagSetup.quickLags : LongLagSetup.fullLags)
    let steps = knobs.steps ?? (quick ? LongLagSetup.quickSteps : LongLagSetup.fullSteps)
    let runs = knobs.runs ?? (quick ? LongLagSetup.quickRuns : LongLagSetup.fullRuns)
    let network = LongLagNetwork(hidden: knobs.hidden, learningRate: knobs.learningRate, gateBias: knobs.gateBias)
    session.say(
        """
        Each sequence starts with one of four symbols A–D, continues with T − 1 random distractors drawn \
        from \(LongLagTask.distractors) other symbols, and ends with "?": the answer at the last step is the first symbol, seen T steps \
        earlier (chance is 25%). Only the last step has a loss, so everything the network learns must \
        travel T steps back through BPTT. Each cell (hidden \(network.hidden)) trains for \(steps) \
        Adam steps (η = \(network.learningRate), batches of \(LongLagSetup.batch), gradient norm \
        clipped at \(LongLagSetup.clipNorm)) per lag and is tested on \(LongLagSetup.evaluationSize) fresh sequences; \(runs) independent runs each (accuracy in %)\
        \(network.gateBias == LongLagSetup.gateBias ? "" : " — the LSTM's forget bias starts at \(network.gateBias.settingText), the GRU's update bias and the MGU's forget bias at \((-network.gateBias).settingText)"):
        """)
    var accuracies: [LongLagCell: [Double]] = [:]
    var runAccuracies: [LongLagCell: [[Double]]] = [:]
    var rows: [[String]] = []
    for lag in lags {
        var row = ["T = \(lag)"]
        for kind in LongLagCell.allCases {
            let results = (0..<runs).map { run -> Double in
                var generator = SeededGenerator(
                    seed: session.options.seed &* 1000 &+ UInt64(lag) &+ UInt64(run) &* 7919)
                return longLagAccuracy(kind, lag: lag, steps: steps, network: network, generator: &generator)
                    .accuracy
            }
            let mean = results.reduce(0, +) / Double(runs)
            accuracies[kind, default: []].append(mean)
            runAccuracies[kind, default: []].append(results)
            row.append(results.map { formatted(100 * $0, decimals: 0) }.joined(separator: " / "))
            session.record("longLag.\(kind.rawValue).T\(lag)", .number(mean))
        }
        rows.append(row)
    }
    session.table(["lag"] + LongLagCell.allCases.map(\.rawValue), rows)
    // Each run a dot and the mean a line, each cell shifted sideways by a step so that equal
    // accuracies (LSTM and GRU at 100%) stay visible side by side.
    let cells = LongLagCell.allCases
    let shift = Double(lags.max() ?? 1) / 120
    func shifted(_ lag: Int, _ kind: LongLagCell) -> Double {
        Double(lag) + shift * (Double(cells.firstIndex(of: kind) ?? 0) - Double(cells.count - 1) / 2)
    }
    // A mean line that lies under a later cell's (equal means, e.g. both at 100%) says so.
    func name(_ kind: LongLagCell) -> String {
        let index = cells.firstIndex(of: kind) ?? 0
        for later in cells.dropFirst(index + 1) {
            let same = lags.indices.filter {
                abs(accuracies[kind, default: []][$0] - accuracies[later, default: []][$0]) < 1e-9
            }
            if same.count >= 2 {
                let upTo = lags[same.last!]
                return "\(kind.rawValue), mean (under \(later.rawValue) at \(lags[same[0]])–\(upTo))"
            }
        }
        return "\(kind.rawValue), mean"
    }
    var series: [LineSeries] = cells.map { kind in
        LineSeries(
            name: name(kind), ys: accuracies[kind, default: []].map { 100 * $0 },
            xs: lags.map { shifted($0, kind) }, colour: CellColours.named(kind.rawValue))
    }
    for kind in cells {
        for (k, lag) in lags.enumerated() {
            for value in runAccuracies[kind, default: []][k] {
                series.append(
                    LineSeries(
                        name: "", ys: [100 * value], xs: [shifted(lag, kind)], colour: CellColours.named(kind.rawValue),
                        markers: true))
            }
        }
    }
    series.append(
        LineSeries(
            name: "dots: single runs, cells shifted sideways", ys: [], xs: [], colour: Colour(hex: 0x666666),
            markers: true))
    var plot = LinePlot(
        title:
            "Recall the first symbol after T steps: \(runs) run\(runs == 1 ? "" : "s") of \(grouped(steps)) Adam updates",
        xLabel: "lag T (steps)", yLabel: "test accuracy (%)", series: series,
        references: [ReferenceLine(.horizontal(y: 25), label: "chance", colour: CellColours.reference)])
    plot.legend = .automatic
    plot.yRange = 0...105
    try session.writeFile("long-lag.png") { url in
        try plot.write(to: url, metadata: session.metadata(title: "Long-lag recall accuracy"))
    }
    let summary = lags.indices.map { k in
        "T = \(lags[k]): "
            + LongLagCell.allCases.map {
                "\($0.rawValue) \(percent(accuracies[$0, default: []][k], decimals: 0))"
            }
            .joined(separator: ", ")
    }.joined(separator: "; ")
    session.record("longLag.summary", .string(summary), summary: "8.4 · mean long-lag accuracy: " + summary)
}

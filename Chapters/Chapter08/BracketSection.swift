// Sections 8.5 and 8.6: an LSTM trained to predict the next character of nested-bracket strings,
// the cell that counts the nesting depth, and the gate activations over a string.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The bracket experiment's settings.
enum BracketSetup {
    static let task = BracketTask(maximumDepth: 6, bracketProbability: 0.7)
    static let hidden = 16
    static let batch = 32
    static let length = 60
    static let learningRate = 0.01
    static let clipNorm = 1.0
    static let fullSteps = 1500
    static let quickSteps = 120
    /// Units drawn in the cell-state heat map.
    static let unitsDrawn = 16
    /// Characters shown in the heat maps.
    static let shown = 64
    /// Test strings (of `testLength`) the correlation is measured on.
    static let testStrings = 32
    static let testLength = 200
}

/// Pearson's correlation coefficient of two equally long samples,
/// (8.19) r = Σ (xᵢ − x̄)(yᵢ − ȳ) / √(Σ (xᵢ − x̄)² Σ (yᵢ − ȳ)²).
func correlation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count && x.count > 1, "correlation needs two samples of the same length")
    let n = Double(x.count)
    let meanX = x.reduce(0, +) / n
    let meanY = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for (a, b) in zip(x, y) {
        sxy += (a - meanX) * (b - meanY)
        sxx += (a - meanX) * (a - meanX)
        syy += (b - meanY) * (b - meanY)
    }
    return sxy / max((sxx * syy).squareRoot(), 1e-300)
}

/// The cell states and gate activations of an LSTM reading one string (batch of one).
struct LSTMTrace {
    /// cells[t][k]: unit k's cell state after symbol t; likewise the gates.
    var cells: [[Double]] = []
    var forget: [[Double]] = []
    var input: [[Double]] = []
    var output: [[Double]] = []
    var candidate: [[Double]] = []

    init(_ cell: LSTMCell, symbols: [Int]) {
        var state = cell.initialState(batch: 1)
        for symbol in symbols {
            let (next, cache) = cell.step(.oneHot([symbol]), state: state)
            state = next
            cells.append(next[1].elements)
            forget.append(cache.forget.elements)
            input.append(cache.inputGate.elements)
            output.append(cache.output.elements)
            candidate.append(cache.candidate.elements)
        }
    }
}

/// (x − mean) / standard deviation, with the mean and deviation of `reference` (a long sample of
/// the same unit), so one string's rows are on the scale of the unit's whole range.
func standardized(_ x: [Double], like reference: [Double]) -> [Double] {
    let mean = reference.reduce(0, +) / Double(reference.count)
    let deviation = (reference.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(reference.count)).squareRoot()
    return x.map { deviation > 0 ? ($0 - mean) / deviation : $0 - mean }
}

/// Rows = units (in `order`), columns = steps, from a steps × units trace.
func unitRows(_ trace: [[Double]], order: [Int]) -> [[Double]] {
    order.map { k in trace.map { $0[k] } }
}

/// What 8.5 found and 8.6 reads: the trained cell, its units by depth correlation, one string.
struct BracketCounter {
    let task: BracketTask
    let best: Int
    let order: [Int]
    let shown: (symbols: [Int], depths: [Int])
    let labels: [String]
    let trace: LSTMTrace
}

/// 8.5 — an LSTM learns the bracket task; the cell that counts the depth.
func brackets(_ session: ChapterSession) throws -> BracketCounter {
    let task = BracketSetup.task
    let steps = session.options.quick ? BracketSetup.quickSteps : BracketSetup.fullSteps
    var generator = session.generator.fork()
    let example = task.string(length: 40, using: &generator)
    session.say(
        """
        Strings of "(", ")" and filler letters a, b, generated so that the next character depends on \
        the nesting depth d ≤ \(task.maximumDepth): P("(") = \(task.bracketProbability)(1 − d/\(task.maximumDepth)), \
        P(")") = \(task.bracketProbability)·d/\(task.maximumDepth), a filler otherwise. For example:
        """)
    session.show(example.symbols.map { BracketTask.symbols[$0] }.joined())
    session.say(
        """
        To predict the next character well a model has to know d exactly, so it has to count. An LSTM \
        with \(BracketSetup.hidden) units learns next-character prediction (softmax read-out at every \
        step, Adam η = \(BracketSetup.learningRate), \(steps) steps of \(BracketSetup.batch) strings of \
        \(BracketSetup.length)); nobody tells it the depth.
        """)
    var cell = LSTMCell(inputSize: BracketTask.symbols.count, hiddenSize: BracketSetup.hidden, using: &generator)
    var model = readoutModel(cell: cell, classes: BracketTask.symbols.count, using: &generator)
    let losses = trainReadout(
        &model, steps: steps, learningRate: BracketSetup.learningRate, clipNorm: BracketSetup.clipNorm,
        makeBatch: { task.batch(size: BracketSetup.batch, length: BracketSetup.length, using: &$0) },
        generator: &generator)
    cell = model.cell
    let tail = losses.suffix(50)
    let finalLoss = tail.reduce(0, +) / Double(tail.count)
    let optimalLoss = bracketEntropy(task)
    session.say(
        """
        Loss per character: \(formatted(losses[0], decimals: 3)) at the start, \(formatted(finalLoss, decimals: 3)) \
        at the end; a predictor that knows d exactly reaches the entropy \(formatted(optimalLoss, decimals: 3)), \
        one that ignores it \(formatted(depthBlindEntropy(task), decimals: 3)).
        """)
    session.record("brackets.finalLoss", .number(finalLoss))
    session.record("brackets.optimalLoss", .number(optimalLoss))

    // Correlation of every unit's cell state with the depth, over many test strings.
    var cellsByUnit = Array(repeating: [Double](), count: BracketSetup.hidden)
    var depths: [Double] = []
    for _ in 0..<BracketSetup.testStrings {
        let string = task.string(length: BracketSetup.testLength, using: &generator)
        let trace = LSTMTrace(cell, symbols: string.symbols)
        for k in 0..<BracketSetup.hidden { cellsByUnit[k] += trace.cells.map { $0[k] } }
        depths += string.depths.map(Double.init)
    }
    let correlations = cellsByUnit.map { correlation($0, depths) }
    let order = correlations.indices.sorted { abs(correlations[$0]) > abs(correlations[$1]) }
    let best = order[0]
    session.say(
        "Correlation of each unit's cell state cₜ with the depth over \(depths.count) characters (strongest first):")
    session.table(
        ["unit", "r(cₜ, d)"], order.prefix(6).map { ["\($0)", formatted(correlations[$0], decimals: 3)] })
    session.record(
        "brackets.depthCorrelation", .number(abs(correlations[best])),
        summary:
            "8.5 · LSTM unit \(best)'s cell state vs bracket depth: r = \(formatted(correlations[best], decimals: 3))")

    // One string drawn: every unit's cell state, and the best one fitted to the depth.
    let shown = task.string(length: BracketSetup.shown, using: &generator)
    let labels = shown.symbols.map { BracketTask.symbols[$0] }
    let trace = LSTMTrace(cell, symbols: shown.symbols)
    let drawn = Array(order.prefix(BracketSetup.unitsDrawn))
    let bestCells = cellsByUnit[best]
    let meanCell = bestCells.reduce(0, +) / Double(bestCells.count)
    let meanDepth = depths.reduce(0, +) / Double(depths.count)
    let slope =
        zip(bestCells, depths).reduce(0) { $0 + ($1.0 - meanCell) * ($1.1 - meanDepth) }
        / bestCells.reduce(0) { $0 + ($1 - meanCell) * ($1 - meanCell) }
    let fitted = trace.cells.map { meanDepth + slope * ($0[best] - meanCell) }
    let depthFigure = AlignedColumns(
        title: "An LSTM cell that counts brackets: \(drawn.count) units over one string",
        columnLabels: labels,
        heats: [
            .init(
                title: "Cell states cₜ, most depth-correlated unit first (standardized per unit)",
                values: zip(drawn, unitRows(trace.cells, order: drawn)).map { unit, row in
                    standardized(row, like: cellsByUnit[unit])
                },
                rowLabels: drawn.map { "unit \($0) (r = \(formatted(correlations[$0], decimals: 2)))" },
                colormap: .diverging, range: -3...3, barLabel: "(cₜ − mean) / s.d.")
        ],
        lines: [
            .init(
                title: "Depth and unit \(best)'s cell state (linear fit a + b·cₜ)", yLabel: "nesting depth",
                curves: [
                    .init(
                        name: "depth d after the character", values: shown.depths.map(Double.init),
                        colour: .black, steps: true),
                    .init(name: "a + b·cₜ, unit \(best)", values: fitted, colour: CellColours.lstm),
                ], yRange: nil)
        ], cellHeight: 15)
    try session.writeFile("bracket-depth.png") { url in
        try depthFigure.write(to: url, metadata: session.metadata(title: "An LSTM cell that tracks bracket depth"))
    }
    return BracketCounter(task: task, best: best, order: order, shown: shown, labels: labels, trace: trace)
}

/// 8.6 — the gates of 8.5's cell over one string.
func bracketGates(_ session: ChapterSession, counter: BracketCounter) throws {
    let (task, best, order, shown, labels, trace) = (
        counter.task, counter.best, counter.order, counter.shown, counter.labels, counter.trace
    )
    session.say(
        """
        The forget, input and output gates of all \(BracketSetup.hidden) units over the same string \
        (lstm-gates.png, units in the order of their depth correlation). A counter should hold its \
        state across fillers (forget gate near 1) and write on brackets (input gate open). Unit \(best)'s \
        mean gates on this string:
        """)
    let all = order
    func gateBand(_ values: [[Double]], _ name: String, signed: Bool = false) -> AlignedColumns.Heat {
        .init(
            title: name, values: unitRows(values, order: all), rowLabels: all.map { "unit \($0)" },
            colormap: signed ? .diverging : .viridis, range: signed ? -1...1 : 0...1, barLabel: signed ? "gₜ" : "gate")
    }
    let mean = { (values: [[Double]], unit: Int, symbols: Set<Int>) -> Double in
        let picked = zip(values, shown.symbols).filter { symbols.contains($0.1) }.map { $0.0[unit] }
        return picked.reduce(0, +) / Double(max(picked.count, 1))
    }
    let brackets: Set<Int> = [BracketTask.open, BracketTask.close]
    let fillers: Set<Int> = [2, 3]
    session.table(
        ["unit \(best)", "on brackets", "on fillers"],
        [
            [
                "forget fₜ", formatted(mean(trace.forget, best, brackets), decimals: 2),
                formatted(mean(trace.forget, best, fillers), decimals: 2),
            ],
            [
                "input iₜ", formatted(mean(trace.input, best, brackets), decimals: 2),
                formatted(mean(trace.input, best, fillers), decimals: 2),
            ],
            [
                "output oₜ", formatted(mean(trace.output, best, brackets), decimals: 2),
                formatted(mean(trace.output, best, fillers), decimals: 2),
            ],
        ])
    let forgetFillers = mean(trace.forget, best, fillers)
    let openCandidate = mean(trace.candidate, best, [BracketTask.open])
    let closeCandidate = mean(trace.candidate, best, [BracketTask.close])
    let inputBrackets = mean(trace.input, best, brackets)
    let inputFillers = mean(trace.input, best, fillers)
    session.say(
        """
        Its forget gate averages \(formatted(forgetFillers, decimals: 2)) on fillers, and its input gate \
        is \(inputBrackets > inputFillers ? "wider open" : "not wider open") on brackets \
        (\(formatted(inputBrackets, decimals: 2))) than on fillers (\(formatted(inputFillers, decimals: 2))). \
        The candidate it writes averages \(formatted(openCandidate, decimals: 2)) after "(" and \
        \(formatted(closeCandidate, decimals: 2)) after ")": \
        \(openCandidate * closeCandidate < 0 ? "opposite signs, so iₜ ⊙ gₜ adds on one bracket and subtracts on the other — a counter, which a forget gate below 1 makes slowly leak" : "the same sign, so the count is carried by the gates rather than by the sign of the candidate").
        """)
    session.record("brackets.forgetOnFillers", .number(forgetFillers))
    let gates = AlignedColumns(
        title: "LSTM gates over the string of bracket-depth.png (units by depth correlation)",
        columnLabels: labels,
        heats: [
            gateBand(trace.forget, "Forget gate fₜ"), gateBand(trace.input, "Input gate iₜ"),
            gateBand(trace.output, "Output gate oₜ"), gateBand(trace.candidate, "Candidate gₜ (signed)", signed: true),
        ],
        lines: [
            .init(
                title: "Unit \(best): its gates and candidate, with the depth / \(task.maximumDepth)",
                yLabel: "value",
                curves: [
                    .init(
                        name: "depth / \(task.maximumDepth)",
                        values: shown.depths.map { Double($0) / Double(task.maximumDepth) }, colour: .black, steps: true
                    ),
                    .init(name: "forget fₜ", values: trace.forget.map { $0[best] }, colour: Colour(hex: 0x0072B2)),
                    .init(name: "input iₜ", values: trace.input.map { $0[best] }, colour: Colour(hex: 0xE69F00)),
                    .init(
                        name: "candidate gₜ", values: trace.candidate.map { $0[best] }, colour: Colour(hex: 0xCC79A7)),
                ], yRange: -1.05...1.05, height: 200)
        ], cellHeight: 14)
    try session.writeFile("lstm-gates.png") { url in
        try gates.write(to: url, metadata: session.metadata(title: "LSTM gate activations over a bracket string"))
    }
}

/// The entropy per character of the bracket process when the depth is known, averaged over the
/// stationary distribution of depths (the best possible loss).
func bracketEntropy(_ task: BracketTask) -> Double {
    let distribution = depthDistribution(task)
    return distribution.enumerated().reduce(0) { total, entry in
        total + entry.element * entropy(nextSymbolProbabilities(task, depth: entry.offset))
    }
}

/// The entropy of the average next-character distribution: the loss of a model that ignores depth.
func depthBlindEntropy(_ task: BracketTask) -> Double {
    let distribution = depthDistribution(task)
    var average = [0.0, 0.0, 0.0, 0.0]
    for (depth, weight) in distribution.enumerated() {
        for (k, p) in nextSymbolProbabilities(task, depth: depth).enumerated() { average[k] += weight * p }
    }
    return entropy(average)
}

func nextSymbolProbabilities(_ task: BracketTask, depth: Int) -> [Double] {
    let q = task.bracketProbability
    let fraction = Double(depth) / Double(task.maximumDepth)
    return [q * (1 - fraction), q * fraction, (1 - q) / 2, (1 - q) / 2]
}

func entropy(_ p: [Double]) -> Double {
    -p.filter { $0 > 0 }.reduce(0) { $0 + $1 * Foundation.log($1) }
}

/// The stationary distribution of the depth random walk (birth–death chain, detailed balance).
func depthDistribution(_ task: BracketTask) -> [Double] {
    var weights = [1.0]
    for depth in 0..<task.maximumDepth {
        let up = nextSymbolProbabilities(task, depth: depth)[0]
        let down = nextSymbolProbabilities(task, depth: depth + 1)[1]
        weights.append(weights[depth] * up / down)
    }
    let total = weights.reduce(0, +)
    return weights.map { $0 / total }
}

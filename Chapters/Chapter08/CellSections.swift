// Sections 8.1–8.3: the LSTM cell drawn and written out, BPTT through the three gated cells
// checked against finite differences, and the gradient along the cell state.

import ChapterRunner
import Diagrams
import Figures
import Foundation
import NeuralCore

/// 8.1 — the cell diagram and its equations.
func lstmCell(_ session: ChapterSession) throws {
    session.say(
        """
        An LSTM keeps two vectors per step: the hidden state hₜ that the layer above reads, and a cell \
        state cₜ that only gates touch. All four gate pre-activations come from one product of stacked \
        weights (4H rows), so a step costs a single GEMM:
        """)
    session.show("(8.1)  zₜ = U xₜ + W hₜ₋₁ + b                  z = [z_f; z_i; z_o; z_g]")
    session.show("(8.2)  fₜ = σ(z_f)  iₜ = σ(z_i)  oₜ = σ(z_o)  gₜ = tanh(z_g)")
    session.show("(8.3)  cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ")
    session.show("(8.4)  hₜ = oₜ ⊙ tanh(cₜ)")
    session.say(
        """
        The cell state is carried forward by a product with the forget gate and a sum: no weight matrix \
        and no squashing stands on the path cₜ₋₁ → cₜ (drawn in red in lstm-cell.png).
        """)
    try session.writeFile("lstm-cell.png") { url in
        try LSTMCellDiagram().render(to: url, metadata: session.metadata(title: "One LSTM step"))
    }
}

/// The largest relative error between BPTT and central differences over every parameter of
/// `cell`, for a random sequence of `length` one-hot inputs and the loss Σₜ ⟨Pₜ, hₜ⟩.
func bpttFiniteDifferenceError<C: RecurrentCell>(_ cell: C, length: Int, batch: Int, seed: UInt64) -> Double {
    var generator = SeededGenerator(seed: seed)
    let inputs = (0..<length).map { _ in (0..<batch).map { _ in generator.integer(below: cell.inputSize) } }
    let projections = (0..<length).map { _ in Matrix.gaussian(cell.hiddenSize, batch, using: &generator) }
    func loss(_ probe: C) -> Double {
        var state = probe.initialState(batch: batch)
        var total = 0.0
        for t in 0..<length {
            state = probe.step(.oneHot(inputs[t]), state: state).state
            total += state[0].dot(projections[t])
        }
        return total
    }
    var state = cell.initialState(batch: batch)
    var caches: [C.StepCache] = []
    for t in 0..<length {
        let (next, cache) = cell.step(.oneHot(inputs[t]), state: state)
        state = next
        caches.append(cache)
    }
    var gradients = cell.zeroGradients()
    var carried = state.map { Matrix(rows: $0.rows, columns: $0.columns) }
    for t in stride(from: length - 1, through: 0, by: -1) {
        carried[0] += projections[t]
        carried = cell.backwardStep(carried, cache: caches[t], gradients: &gradients).dPreviousState
    }
    var worst = 0.0
    for k in cell.parameters.indices {
        let numeric = GradientCheck.numericGradient(
            of: { entry in
                var probe = cell
                probe.parameters[k] = entry
                return loss(probe)
            }, at: cell.parameters[k])
        let report = GradientCheck.compare(analytic: gradients[k], numeric: numeric, floor: 1e-3)
        worst = max(worst, report.maxRelativeError)
    }
    return worst
}

/// 8.2 — BPTT through the three gated cells against finite differences.
func gradientChecks(_ session: ChapterSession) throws {
    session.say(
        """
        Going backward, the gradient reaching the cell state is what arrives from step t+1 plus what \
        comes down through hₜ; its way back to cₜ₋₁ is a product with fₜ alone:
        """)
    session.show("(8.5)  δĉₜ = δcₜ + δhₜ ⊙ oₜ ⊙ (1 − tanh² cₜ)        δcₜ₋₁ = δĉₜ ⊙ fₜ")
    session.show("(8.6)  δz_f = δĉₜ ⊙ cₜ₋₁ ⊙ fₜ(1−fₜ)   δz_i = δĉₜ ⊙ gₜ ⊙ iₜ(1−iₜ)")
    session.show("       δz_o = δhₜ ⊙ tanh cₜ ⊙ oₜ(1−oₜ)   δz_g = δĉₜ ⊙ iₜ ⊙ (1−gₜ²)")
    session.show("(8.7)  ∂L/∂W += δz hₜ₋₁ᵀ   ∂L/∂U += δz xₜᵀ   ∂L/∂b += Σ δz   δhₜ₋₁ = Wᵀ δz")
    session.say(
        """
        The GRU (8.8)–(8.11) and the minimal gated unit (8.12)–(8.15) have no separate cell state; \
        their hidden state is a gated average of hₜ₋₁ and a candidate (the GRU drawn in gru-cell.png). \
        Each cell's BPTT against central \
        differences (h = 10⁻⁵) for the loss Σₜ ⟨Pₜ, hₜ⟩ with random Pₜ, inputs 5, hidden 4, batch 3:
        """)
    try session.writeFile("gru-cell.png") { url in
        try GRUCellDiagram().render(to: url, metadata: session.metadata(title: "One GRU step"))
    }
    var rows: [[String]] = []
    for length in [1, 5, 20] {
        var generator = SeededGenerator(seed: session.options.seed &+ UInt64(length))
        let lstm = LSTMCell(inputSize: 5, hiddenSize: 4, forgetBias: 0.5, using: &generator)
        let gru = GRUCell(inputSize: 5, hiddenSize: 4, using: &generator)
        let minimal = MinimalGatedCell(inputSize: 5, hiddenSize: 4, using: &generator)
        let errors = [
            bpttFiniteDifferenceError(lstm, length: length, batch: 3, seed: 1),
            bpttFiniteDifferenceError(gru, length: length, batch: 3, seed: 2),
            bpttFiniteDifferenceError(minimal, length: length, batch: 3, seed: 3),
        ]
        rows.append(["T = \(length)"] + errors.map { formatted($0, significant: 2) })
        for (name, error) in zip(["lstm", "gru", "minimal"], errors) {
            session.record("gradientCheck.\(name).T\(length)", .number(error))
        }
    }
    session.table(["sequence", "LSTM", "GRU", "minimal gated unit"], rows)
    let worst = rows.flatMap { $0.dropFirst().compactMap(Double.init) }.max() ?? .nan
    session.say(
        "All agree to \(formatted(worst, significant: 2)) relative error or better: the backward steps are exact.")
    session.record(
        "gradientCheck.worst", .number(worst),
        summary: "8.2 · BPTT vs finite differences, worst relative error \(formatted(worst, significant: 2))")
}

/// ‖∂L/∂s_{T−k}[k′]‖ for k = 1…T steps back from the last step T and every state part k′,
/// where L = ⟨p, h_T⟩ reads only the last step. Entry k − 1 of the result is k steps back.
func stateGradientNorms<C: RecurrentCell>(_ cell: C, inputs: [Int], readout: Matrix) -> [[Double]] {
    var state = cell.initialState(batch: 1)
    var caches: [C.StepCache] = []
    for symbol in inputs {
        let (next, cache) = cell.step(.oneHot([symbol]), state: state)
        state = next
        caches.append(cache)
    }
    var gradients = cell.zeroGradients()
    var carried = state.map { Matrix(rows: $0.rows, columns: $0.columns) }
    carried[0] = readout
    var norms: [[Double]] = []
    for t in stride(from: inputs.count - 1, through: 0, by: -1) {
        carried = cell.backwardStep(carried, cache: caches[t], gradients: &gradients).dPreviousState
        norms.append(carried.map { $0.norm() })
    }
    return norms
}

/// 8.3 — how the gradient of a late loss reaches early steps along the cell state.
func gradientSurvival(_ session: ChapterSession) throws {
    let length = 100
    let hidden = 32
    let vocabulary = 10
    var generator = session.generator.fork()
    let inputs = (0..<length).map { _ in generator.integer(below: vocabulary) }
    var readout = Matrix.gaussian(hidden, 1, using: &generator)
    readout *= 1 / readout.norm()
    session.say(
        """
        Along the cell path the Jacobian ∂cₜ/∂cₜ₋₁ is diagonal, diag(fₜ) (from 8.3, ignoring the \
        dependence of the gates on hₜ₋₁), so the gradient of a loss at step T reaching step t is \
        scaled by the product of forget gates in between:
        """)
    session.show("(8.16)  ∂L_T/∂cₜ ≈ (∏ₛ₌ₜ₊₁ᵀ diag fₛ) ∂L_T/∂c_T")
    session.say(
        """
        A product of numbers close to 1 decays slowly, where the vanilla network's product of \
        W diag(1 − hₛ²) shrinks geometrically when W's spectral radius is below 1 (Chapter 07). For \
        untrained cells (hidden \(hidden), random inputs over \(length) steps, L = ⟨p, h_T⟩ with a unit \
        vector p), the norm of ∂L_T/∂cₜ for three forget-gate biases, and ∂L_T/∂hₜ for comparison:
        """)
    let stepsBack = (1...length).map(Double.init)
    /// Each curve divided by its value one step back, so the ratios below read off the axis.
    func relative(_ norms: [Double]) -> [Double] { norms.map { $0 / norms[0] } }
    let checkpoints = [1, 10, 50, length]
    var series: [LineSeries] = []
    var lstmCellNorms: [[Double]] = []
    var rows: [[String]] = []
    for bias in [0.0, 1.0, 3.0] {
        var cellGenerator = generator
        let cell = LSTMCell(inputSize: vocabulary, hiddenSize: hidden, forgetBias: bias, using: &cellGenerator)
        let norms = stateGradientNorms(cell, inputs: inputs, readout: readout)
        let cellNorms = norms.map { $0[1] }
        lstmCellNorms.append(cellNorms)
        series.append(
            LineSeries(
                name: "LSTM cₜ, forget bias \(formatted(bias, decimals: 0))", ys: relative(cellNorms), xs: stepsBack,
                colour: CellColours.lstm(forgetBias: bias)))
        if bias == 1 {
            // Said in the legend when the hₜ curve lies on the cₜ curve (within a factor 1.5 from
            // ten steps back on, where a log axis spanning many decades cannot tell them apart).
            let hidden = relative(norms.map { $0[0] })
            let overlaps = zip(hidden, relative(cellNorms)).dropFirst(9).allSatisfy {
                abs(Foundation.log($0 / $1)) < Foundation.log(1.5)
            }
            series.append(
                LineSeries(
                    name: "LSTM hₜ, forget bias 1" + (overlaps ? " (on cₜ's line)" : ""), ys: hidden, xs: stepsBack,
                    colour: CellColours.lstm(forgetBias: bias), dashed: true))
        }
        rows.append(
            ["LSTM cₜ, b_f = \(formatted(bias, decimals: 0))"]
                + checkpoints.map { formatted(cellNorms[$0 - 1] / cellNorms[0], significant: 2) })
        session.record(
            "survival.lstmBias\(Int(bias)).ratio\(length)", .number(cellNorms[length - 1] / cellNorms[0]))
    }
    var vanillaGenerator = generator
    let vanilla = VanillaCell(
        inputSize: vocabulary, hiddenSize: hidden, scale: 1 / Double(hidden).squareRoot(), using: &vanillaGenerator)
    let vanillaNorms = stateGradientNorms(vanilla, inputs: inputs, readout: readout).map { $0[0] }
    series.append(
        LineSeries(
            name: "vanilla hₜ, W ~ N(0, 1/H)", ys: relative(vanillaNorms), xs: stepsBack, colour: CellColours.vanilla,
            dashed: true))
    rows.append(["vanilla hₜ"] + checkpoints.map { formatted(vanillaNorms[$0 - 1] / vanillaNorms[0], significant: 2) })
    var gruGenerator = generator
    let gru = GRUCell(inputSize: vocabulary, hiddenSize: hidden, using: &gruGenerator)
    let gruNorms = stateGradientNorms(gru, inputs: inputs, readout: readout).map { $0[0] }
    series.append(
        LineSeries(name: "GRU hₜ", ys: relative(gruNorms), xs: stepsBack, colour: CellColours.gru, dashed: true))
    rows.append(["GRU hₜ"] + checkpoints.map { formatted(gruNorms[$0 - 1] / gruNorms[0], significant: 2) })
    session.table(["gradient relative to T − 1"] + checkpoints.map { "T − \($0)" }, rows)
    var plot = LinePlot(
        title: "‖∂L/∂cₜ‖ (solid) and ‖∂L/∂hₜ‖ (dashed) k steps back, untrained cells",
        xLabel: "steps back k", yLabel: "gradient norm relative to k = 1 (log scale)", series: series,
        yScale: .log10)
    plot.legend = .automatic
    plot.xWholeNumbers = true
    try session.writeFile("gradient-survival.png") { url in
        try plot.write(to: url, metadata: session.metadata(title: "Gradient survival along the LSTM cell state"))
    }
    let ratio = { (norms: [Double]) in formatted(norms[length - 1] / norms[0], significant: 2) }
    session.say(
        """
        Over \(length) steps the cell-state gradient keeps a fraction \(ratio(lstmCellNorms[0])) of itself \
        with the forget bias at 0 (fₜ ≈ ½), \(ratio(lstmCellNorms[1])) at 1 (fₜ ≈ 0.73), and \
        \(ratio(lstmCellNorms[2])) at 3 (fₜ ≈ 0.95, where paths through hₜ add to the cell path). The \
        vanilla network started at the edge (W ~ N(0, 1/H), spectral radius ≈ 1) keeps \(ratio(vanillaNorms)) \
        — better than the untrained LSTM with bias 1 — but it has no knob: its decay is fixed by W and by \
        how far tanh saturates, for every unit at once. The LSTM's decay is set per unit and per step by a \
        gate it learns. The untrained GRU, whose update gate starts at ½, forgets like the LSTM with bias 0 \
        (\(ratio(gruNorms))); a negative update bias is its counterpart of a large forget bias (8.4).
        """)
    session.record("survival.vanilla.ratio\(length)", .number(vanillaNorms[length - 1] / vanillaNorms[0]))
}

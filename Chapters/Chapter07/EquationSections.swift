// Sections 7.1–7.2: the recurrent network folded and unrolled, its forward equations, and
// backpropagation through time worked on the four-step sequence "hell" → "ello".

import ChapterRunner
import Diagrams
import Foundation
import NeuralCore

/// "0.123  −0.456  0.789" for a column of numbers.
func vectorText(_ values: [Double], decimals: Int = 3) -> String {
    "[" + values.map { formatted($0, decimals: decimals) }.joined(separator: ", ") + "]"
}

/// 7.1 — folded and unrolled diagrams; Eqs. 7.1–7.3.
func unrolling(_ session: ChapterSession) throws {
    session.say(
        """
        A recurrent network reads a sequence x₁, x₂, …, x_T one element at a time and keeps a hidden \
        state hₜ that summarizes what it has read. Each step applies the same three weight matrices: \
        U reads the input, W reads the previous state, V turns the state into a prediction.
        """)
    session.show("(7.1)  hₜ = tanh(U xₜ + W hₜ₋₁ + b),   h₀ = 0")
    session.show("(7.2)  oₜ = V hₜ + c,   ŷₜ = softmax(oₜ)")
    session.show("(7.3)  L = Σₜ Lₜ = Σₜ −log ŷₜ[yₜ]")
    session.say(
        """
        Drawn with its loop the network is one cell; unrolled it is a deep feed-forward network with \
        one layer per time step, whose layers all share U, W and V. Backpropagation through that \
        unrolled network is backpropagation through time (BPTT).
        """)
    try session.writeFile("rnn-folded-unrolled.png") { url in
        try RecurrentNetworkDiagram(steps: 4, title: "A recurrent network, folded and unrolled over four steps")
            .render(to: url, metadata: session.metadata(title: "Recurrent network, folded and unrolled"))
    }
    let shapes = [
        ["U", "hidden × K", "3 × 4", "input weights (a one-hot xₜ picks one column)"],
        ["W", "hidden × hidden", "3 × 3", "recurrent weights"],
        ["b", "hidden × 1", "3 × 1", "hidden biases"],
        ["V", "K × hidden", "4 × 3", "output weights"],
        ["c", "K × 1", "4 × 1", "output biases"],
    ]
    session.say("The shapes, for a vocabulary of K symbols (and for the four-letter example below):")
    session.table(["parameter", "shape", "h, e, l, o", "role"], shapes)
}

/// 7.2 — BPTT on "hell" → "ello": the δ recursion printed step by step, then checked.
func backpropagationThroughTime(_ session: ChapterSession) throws {
    var generator = session.generator.fork()
    let model = HelloTask.network(using: &generator)
    let vocabulary = HelloTask.vocabulary
    let pass = model.forward(HelloTask.stepInputs)
    let targets = HelloTask.targets
    session.say(
        """
        Take the vocabulary h, e, l, o, three hidden units and random weights, and feed "hell" with \
        targets "ello". The forward pass, step by step:
        """)
    var forwardRows: [[String]] = []
    for t in 0..<pass.steps {
        let p = pass.probabilities(at: t)
        forwardRows.append([
            "\(t + 1)", vocabulary.displayName(of: HelloTask.inputs[t]), vectorText(pass.hidden(at: t).elements),
            vocabulary.displayName(of: targets[t]), formatted(p[targets[t], 0], decimals: 4),
            formatted(-log(p[targets[t], 0]), decimals: 4),
        ])
    }
    session.table(["t", "xₜ", "hₜ", "yₜ", "ŷₜ[yₜ]", "Lₜ"], forwardRows)
    let loss = model.loss(pass, targets: HelloTask.stepTargets)
    session.show(
        "L = \(formatted(loss, decimals: 4))   (4 · log 4 = \(formatted(4 * log(4.0), decimals: 4)) for a uniform guess)"
    )

    session.say(
        """
        Backward. The output error of every step is that of softmax with the log-likelihood (Chapter 04), \
        and the gradient reaching hₜ has two sources — its own output, and the next step through W:
        """)
    session.show("(7.4)  ∂L/∂oₜ = ŷₜ − 1_{yₜ}")
    session.show("(7.5)  ∂L/∂hₜ = Vᵀ(ŷₜ − 1_{yₜ}) + Wᵀ δₜ₊₁,   δₜ = ∂L/∂hₜ ⊙ (1 − hₜ²),   δ_{T+1} = 0")
    session.show(
        "(7.6)  ∂L/∂U = Σₜ δₜ xₜᵀ,  ∂L/∂W = Σₜ δₜ hₜ₋₁ᵀ,  ∂L/∂b = Σₜ δₜ,  ∂L/∂V = Σₜ (ŷₜ − 1_{yₜ}) hₜᵀ,  ∂L/∂c = Σₜ (ŷₜ − 1_{yₜ})"
    )
    try session.writeFile("bptt-unrolled.png") { url in
        try BackpropagationThroughTimeDiagram(steps: 4)
            .render(to: url, metadata: session.metadata(title: "Backpropagation through time on the unrolled network"))
    }
    session.say("The recursion runs from the last step to the first:")
    let rows = deltaRecursion(model, pass: pass, targets: targets)
    session.table(
        ["t", "Vᵀ(ŷₜ − 1_{yₜ})", "Wᵀ δₜ₊₁", "∂L/∂hₜ", "δₜ"],
        rows.map { row in
            [
                "\(row.step)", vectorText(row.fromOutput), vectorText(row.fromFuture), vectorText(row.dHidden),
                vectorText(row.delta),
            ]
        })

    let check = gradientCheck(model)
    session.say(
        """
        The same gradients three ways: the BPTT backward pass of the core (Eqs. 7.4–7.6), central \
        differences of L, and reverse mode on the scalar tape of Chapter 03 running the unrolled network:
        """)
    session.table(
        ["parameter", "shape", "largest |∂L/∂θ|", "rel. error vs central diff.", "largest difference vs tape"],
        check.rows.map { row in
            [
                row.name, row.shape, formatted(row.largest, decimals: 4), formatted(row.numericError, significant: 2),
                formatted(row.tapeDifference, significant: 2),
            ]
        })
    session.record(
        "bptt.maxRelativeErrorCentralDifferences", .number(check.worstNumeric),
        summary:
            "BPTT gradients on \"hell\" → \"ello\" match central differences to \(formatted(check.worstNumeric, significant: 2)) and the tape to \(formatted(check.worstTape, significant: 2))"
    )
    session.record("bptt.maxDifferenceTape", .number(check.worstTape))
    session.record("bptt.loss", .number(loss))
}

/// One row of the printed recursion.
struct DeltaRow: Sendable {
    var step: Int
    var fromOutput: [Double]
    var fromFuture: [Double]
    var dHidden: [Double]
    var delta: [Double]
}

/// Eq. 7.5 unrolled by hand for a batch of one, with the cell's own backward step doing Wᵀδ.
func deltaRecursion(_ model: SequenceModel<VanillaCell>, pass: SequenceModel<VanillaCell>.Forward, targets: [Int])
    -> [DeltaRow]
{
    var rows: [DeltaRow] = []
    var fromFuture = Matrix(rows: model.cell.hiddenSize, columns: 1)
    var gradients = model.cell.zeroGradients()
    for t in stride(from: pass.steps - 1, through: 0, by: -1) {
        var outputError = pass.probabilities(at: t)
        outputError[targets[t], 0] -= 1
        let fromOutput = Matrix.product(model.outputWeights, outputError, transposeA: true)
        let dHidden = fromOutput + fromFuture
        let h = pass.hidden(at: t)
        let delta = dHidden ⊙ h.map { 1 - $0 * $0 }
        rows.append(
            DeltaRow(
                step: t + 1, fromOutput: fromOutput.elements, fromFuture: fromFuture.elements,
                dHidden: dHidden.elements, delta: delta.elements))
        fromFuture = model.cell.backwardStep([dHidden], cache: pass.caches[t], gradients: &gradients).dPreviousState[0]
    }
    return rows
}

/// The gradient check of 7.2: per parameter, the largest relative error against central
/// differences and the largest absolute difference from the tape.
struct BPTTCheck: Sendable {
    struct Row: Sendable {
        var name: String
        var shape: String
        var largest: Double
        var numericError: Double
        var tapeDifference: Double
    }
    var rows: [Row]
    var worstNumeric: Double { rows.map(\.numericError).max() ?? 0 }
    var worstTape: Double { rows.map(\.tapeDifference).max() ?? 0 }
}

func gradientCheck(_ model: SequenceModel<VanillaCell>) -> BPTTCheck {
    let inputs = HelloTask.stepInputs
    let targets = HelloTask.stepTargets
    let analytic = model.lossAndGradients(inputs: inputs, targets: targets).gradients
    let tape = TapeRecurrentNetwork(model)
    tape.loss(inputs: HelloTask.inputs, targets: HelloTask.targets).backward()
    let fromTape = tape.gradients
    var rows: [BPTTCheck.Row] = []
    for index in analytic.indices {
        let numeric = GradientCheck.numericGradient(
            of: { value in
                var probe = model
                probe.parameters[index] = value
                return probe.loss(probe.forward(inputs), targets: targets)
            }, at: model.parameters[index])
        let report = GradientCheck.compare(analytic: analytic[index], numeric: numeric, floor: 1e-3)
        rows.append(
            BPTTCheck.Row(
                name: model.parameterNames[index], shape: analytic[index].shapeDescription,
                largest: analytic[index].maxAbs(), numericError: report.maxRelativeError,
                tapeDifference: (analytic[index] - fromTape[index]).maxAbs()))
    }
    return BPTTCheck(rows: rows)
}

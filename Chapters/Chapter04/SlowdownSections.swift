// Sections 4.1–4.2 of Chapter 04: the learning slowdown of one sigmoid neuron under the
// quadratic cost, and the cross-entropy cost that cures it.

import ChapterRunner
import Foundation
import NeuralCore

/// "(0.6, 0.9)".
func startName(_ neuron: OneNeuron) -> String {
    "(\(formatted(neuron.w, decimals: 1)), \(formatted(neuron.b, decimals: 1)))"
}

/// The first epoch at which the neuron's output is below `level`, if any.
func firstEpoch(below level: Double, in path: [OneNeuron], x: Double) -> Int? {
    path.firstIndex { $0.output(x) < level }
}

/// 4.1 — the slowdown: Eq. 4.1 carries σ′(z), which is tiny when the neuron is badly wrong.
func learningSlowdown(_ session: ChapterSession, knobs: SlowdownKnobs) throws {
    let (x, y, eta) = (SlowdownSetting.x, SlowdownSetting.y, knobs.eta)
    let starts = knobs.starts
    let epochs = SlowdownSetting.epochs
    session.say(
        """
        One sigmoid neuron, one training example: input x = 1, desired output y = 0, learning \
        rate η = \(eta). Under the quadratic cost C = ½(a − y)² the gradients are \
        ∂C/∂w = (a − y)σ′(z)x and ∂C/∂b = (a − y)σ′(z) (Eq. 4.1). Under the cross-entropy \
        (Eq. 4.2) they are ∂C/∂w = x(a − y) and ∂C/∂b = a − y (Eq. 4.3). At the two starting \
        points the three ways of computing them — the formula, central differences, the tape — give:
        """)
    var rows: [[String]] = []
    var worst = 0.0
    for start in starts {
        let z = start.weightedInput(x)
        for kind in NeuronCost.allCases {
            let formula = start.gradient(kind, x: x, y: y)
            let numeric = start.numericGradient(kind, x: x, y: y)
            let tape = start.tapeGradient(kind, x: x, y: y)
            worst = max(
                worst, GradientCheck.relativeError(formula.w, numeric.w),
                GradientCheck.relativeError(formula.b, numeric.b),
                GradientCheck.relativeError(formula.w, tape.w), GradientCheck.relativeError(formula.b, tape.b))
            rows.append([
                startName(start), kind.name, formatted(start.output(x), decimals: 4),
                formatted(Activation.sigmoid.derivative(z), decimals: 4),
                formatted(start.cost(kind, x: x, y: y), decimals: 4), formatted(formula.w, decimals: 6),
                formatted(numeric.w, decimals: 6), formatted(tape.w, decimals: 6),
            ])
        }
    }
    session.table(
        ["(w, b)", "cost", "a", "σ′(z)", "C", "∂C/∂w (4.1/4.3)", "central diff.", "tape"], rows)
    session.show("largest relative disagreement among the three: \(formatted(worst, significant: 2))")
    session.record(
        "slowdown.gradientCheck.maxRelativeError", .number(worst),
        summary: "Eq. 4.1 and 4.3 match central differences and the tape to \(formatted(worst, significant: 2))")

    let second = starts[1]
    let quadraticSaturated = second.gradient(.quadratic, x: x, y: y)
    let crossSaturated = second.gradient(.crossEntropy, x: x, y: y)
    let secondZ = second.weightedInput(x)
    let secondOutput = second.output(x)
    let slope = Activation.sigmoid.derivative(secondZ)
    // The notes' start is badly wrong and saturated; a start of --neuron-start may be neither.
    let verdict =
        secondOutput > 0.9
        ? "it is badly wrong, and yet"
        : secondOutput >= 0.5 ? "it is wrong, and" : "its answer is already right (below ½), and"
    let because =
        slope < 0.1
        ? "only \(formatted(quadraticSaturated.b, decimals: 4)), because σ′(\(formatted(secondZ, significant: 3))) is small"
        : "\(formatted(quadraticSaturated.b, decimals: 4)), with σ′(\(formatted(secondZ, significant: 3))) = \(formatted(slope, decimals: 3)) not small"
    session.say(
        """
        At \(startName(second)) the neuron outputs \(formatted(secondOutput, decimals: 3)) \
        where 0 is wanted: \(verdict) the quadratic gradient ∂C/∂b is \
        \(because). The cross-entropy \
        gradient there is \(formatted(crossSaturated.b, decimals: 4)), \
        \(formatted(crossSaturated.b / quadraticSaturated.b, decimals: 0)) times larger. Now train \
        each pairing for \(epochs) epochs:
        """)

    var runs: [SlowdownRun] = []
    for start in starts {
        for kind in NeuronCost.allCases {
            runs.append(
                SlowdownRun(start: start, cost: kind, path: start.descend(kind, x: x, y: y, eta: eta, epochs: epochs)))
        }
    }
    let checkpoints = [0, 10, 30, 100, epochs]
    session.table(
        ["(w, b)", "cost"] + checkpoints.map { "C @ \($0)" } + ["a @ \(epochs)", "a < ½ from epoch"],
        runs.map { run in
            [startName(run.start), run.cost.name]
                + checkpoints.map { formatted(run.costs[$0], decimals: 4) }
                + [
                    formatted(run.path.last!.output(x), decimals: 4),
                    firstEpoch(below: 0.5, in: run.path, x: x).map(String.init) ?? "never",
                ]
        })
    let saturatedQuadratic = runs[2]
    let saturatedCross = runs[3]
    let window = SlowdownSetting.comparedEpochs
    let quadraticDrop = 1 - saturatedQuadratic.costs[window] / saturatedQuadratic.costs[0]
    let crossDrop = 1 - saturatedCross.costs[window] / saturatedCross.costs[0]
    let epochsToHalf = runs.map { firstEpoch(below: 0.5, in: $0.path, x: x) }
    func when(_ epoch: Int?) -> String { epoch.map { "at epoch \($0)" } ?? "not within \(epochs) epochs" }
    let quadraticEpoch = epochsToHalf[2]
    let crossEpoch = epochsToHalf[3]
    // A plateau: the quadratic cost falls less than half as far as the cross-entropy in the window.
    let plateau =
        quadraticDrop < crossDrop / 2
        ? "That plateau is the slowdown, and it is worst exactly when the neuron is most wrong."
        : "From this start the quadratic cost does not stall: σ′ is not small enough to hold it back."
    let firstBothCross = epochsToHalf[0] != nil && epochsToHalf[1] != nil
    session.say(
        """
        From \(startName(second)) the quadratic cost fell by \(formatted(100 * quadraticDrop, decimals: 1))% in \
        the first \(window) epochs, the cross-entropy by \(formatted(100 * crossDrop, decimals: 1))%. \
        The output first falls below ½ — the neuron's answer turns right — \(when(quadraticEpoch)) \
        under the quadratic cost and \(when(crossEpoch)) under the cross-entropy. \(plateau) From (0.6, 0.9), where \
        σ′(1.5) is not yet small, the two costs cross ½ \(when(epochsToHalf[0])) and \
        \(when(epochsToHalf[1]))\(firstBothCross ? ": no plateau" : "").
        """)
    session.record(
        "slowdown.saturated.quadraticDropFirst30", .number(quadraticDrop),
        summary:
            "from (\(formatted(second.w, significant: 3)), \(formatted(second.b, significant: 3))): quadratic cost fell \(formatted(100 * quadraticDrop, decimals: 1))% in 30 epochs, cross-entropy \(formatted(100 * crossDrop, decimals: 1))%"
    )
    session.record("slowdown.saturated.crossEntropyDropFirst30", .number(crossDrop))
    session.record("slowdown.saturated.quadraticEpochBelowHalf", quadraticEpoch.map { .integer($0) } ?? .null)
    session.record("slowdown.saturated.crossEntropyEpochBelowHalf", crossEpoch.map { .integer($0) } ?? .null)
    session.configure("slowdown.eta", .number(eta))
    session.configure("slowdown.epochs", .integer(epochs))

    try session.writeFile("slowdown-costs.png") { url in
        try SlowdownFigures.costGrid(
            runs, eta: eta, to: url, metadata: session.metadata(title: "The learning slowdown"))
    }
    try session.writeFile("slowdown-output.png") { url in
        try SlowdownFigures.outputs(runs, to: url, metadata: session.metadata(title: "Output of the neuron"))
    }
}

/// One pairing of a starting point and a cost, trained.
struct SlowdownRun {
    var start: OneNeuron
    var cost: NeuronCost
    var path: [OneNeuron]

    var costs: [Double] { path.map { $0.cost(cost, x: SlowdownSetting.x, y: SlowdownSetting.y) } }
}

/// 4.2 — Eq. 4.2: non-negative, near zero when the output is right, and δᴸ = aᴸ − y.
func crossEntropyProperties(_ session: ChapterSession) {
    session.say(
        """
        C = −(1/n) Σₓ [y ln a + (1 − y) ln(1 − a)] (Eq. 4.2). Both logarithms are of numbers in \
        (0, 1), so every term is ≤ 0 and C ≥ 0; and when a is close to the desired y ∈ {0, 1} \
        the surviving term is ln of a number near 1, so C is near 0. These are the two properties \
        that let it serve as a cost. For one example, C(a; y) is:
        """)
    let outputs = [0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999]
    let cost = CrossEntropyCost()
    func c(_ a: Double, _ y: Double) -> Double {
        let z = log(a / (1 - a))
        return cost.cost(
            z: Matrix(row: [z]), output: Matrix(row: [a]), target: Matrix(row: [y]), activation: .sigmoid)
    }
    let targets = [0.0, 1.0, 0.3]
    session.table(
        ["target"] + outputs.map { "a = \(formatted($0, significant: 3))" },
        targets.map { y in ["y = \(formatted(y, significant: 2))"] + outputs.map { formatted(c($0, y), decimals: 4) } })
    let smallest = targets.flatMap { y in outputs.map { c($0, y) } }.min()!
    let right = max(c(0.999, 1), c(0.001, 0))
    let entropy = c(0.3, 0.3)
    session.say(
        """
        The smallest entry is \(formatted(smallest, decimals: 4)) (never negative); a right answer \
        a = 0.999 for y = 1 costs \(formatted(right, decimals: 4)), a confident wrong one \
        \(formatted(c(0.001, 1), decimals: 2)). For a target strictly between 0 and 1 the minimum \
        is at a = y but is not zero: for y = 0.3 it is \(formatted(entropy, decimals: 4)), the \
        entropy of the target itself — cross-entropy measures the surprise of seeing y when \
        expecting a.
        """)
    session.say(
        """
        Why it cures the slowdown: with a = σ(z), ∂C/∂a = (a − y)/(a(1 − a)) and σ′(z) = a(1 − a) \
        cancel, so δ = ∂C/∂z = a − y (Eq. 4.6) and ∂C/∂w = x(a − y) (Eq. 4.3). The rate of \
        learning is set by the error itself.
        """)
    session.record(
        "crossEntropy.smallestValue", .number(smallest),
        summary:
            "cross-entropy on the table: smallest \(formatted(smallest, decimals: 4)), right answer \(formatted(right, decimals: 4))"
    )
    session.record("crossEntropy.rightAnswer", .number(right))
    session.record("crossEntropy.entropyOfTarget0.3", .number(entropy))
}

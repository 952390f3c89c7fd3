// Checks of exercise 2.6 (Eq. 2.10–2.11): one step by hand, every matrix of a network moved by its
// own gradient, the first-order change −η‖∇C‖² of a small step, and the core's Network trained with
// the learner's step, against the core's SGD.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 2.10 — by hand: (w, b) = (−2, 0), ∇C = (0.1, −0.2), η = 0.5 gives (−2.05, 0.1)") {
        let v = [Matrix(row: [-2]), Matrix(row: [0])]
        let g = [Matrix(row: [0.1]), Matrix(row: [-0.2])]
        let got = try checkedStep(v, g, eta: 0.5)
        try expectClose(
            Matrix(row: got.map { $0[0, 0] }), Matrix(row: [-2.05, 0.1]), "(w, b) after the step",
            diagnoses: stepMistakes(v, g, eta: 0.5))
    },
    Check("Eq. 2.10 — every parameter matrix of a [3, 4, 2] network moves by −η times its own gradient") {
        var generator = SeededGenerator(seed: 26)
        let shapes = [(4, 3), (4, 1), (2, 4), (2, 1)]
        let v = shapes.map { Matrix.gaussian($0.0, $0.1, using: &generator) }
        let g = shapes.map { Matrix.gaussian($0.0, $0.1, using: &generator) }
        let got = try checkedStep(v, g, eta: 0.3)
        let names = ["w²", "b²", "w³", "b³"]
        for index in v.indices {
            try expectClose(
                got[index], v[index] - 0.3 * g[index], "\(names[index]) after the step",
                diagnoses: [
                    Diagnosis("\(names[index]) did not move: Eq. 2.10 updates every parameter, not only the first") {
                        v[index]
                    },
                    Diagnosis("\(names[index]) moved by the gradient of another parameter: keep the lists in step") {
                        let other = g.first {
                            $0.rows == v[index].rows && $0.columns == v[index].columns && $0 != g[index]
                        }
                        return other.map { v[index] - 0.3 * $0 }
                    },
                ] + stepMistakes([v[index]], [g[index]], eta: 0.3, single: true))
        }
    },
    Check("Eq. 2.11 — a small step (η = 10⁻³) at (w, b) = (−1, 1) changes the cost of §2.4 by ΔC ≈ −η‖∇C‖²") {
        let (xs, ys) = noisyThreshold(seed: 27)
        let (w, b, eta) = (-1.0, 1.0, 1e-3)
        let gradient = oracleGradient(w: w, b: b, xs: xs, ys: ys)
        let got = try checkedStep(
            [Matrix(row: [w]), Matrix(row: [b])], [Matrix(row: [gradient.w]), Matrix(row: [gradient.b])], eta: eta)
        let actual =
            oracleCost(w: got[0][0, 0], b: got[1][0, 0], xs: xs, ys: ys) - oracleCost(w: w, b: b, xs: xs, ys: ys)
        let predicted = -eta * (gradient.w * gradient.w + gradient.b * gradient.b)
        let ratio = actual / predicted
        try expect(
            ratio > 0.99 && ratio < 1.01,
            "your step changed the cost by \(formatted(actual)); Eq. 2.11 predicts −η‖∇C‖² = \(formatted(predicted)) "
                + "(ratio \(formatted(ratio)))",
            diagnosis: ratio < -0.9 && ratio > -1.1
                ? "the step went uphill: Eq. 2.10 subtracts η∇C"
                : (ratio > 900 && ratio < 1100 ? "η is missing: the step is −η∇C, not −∇C" : nil))
    },
    Check(
        "Eq. 2.10 — your step trains the core's [2, 4, 1] Network on 40 moons for 200 steps, exactly as the core's SGD"
    ) {
        var generator = SeededGenerator(seed: 28)
        let data = ToyDatasets.moons(count: 40, noise: 0.1, using: &generator)
        let (x, y) = (data.inputs, data.labelRow)
        let start = Network(sizes: [2, 4, 1], using: &generator)
        var yours = start
        var core = start
        var sgd = SGD(learningRate: 2)
        var noDropout = SeededGenerator(seed: 0)
        let initialCost = start.backpropagate(x, y, cost: QuadraticCost(), generator: &noDropout).cost
        for _ in 0..<200 {
            let mine = yours.backpropagate(x, y, cost: QuadraticCost(), generator: &noDropout)
            yours.parameters = try checkedStep(yours.parameters, mine.gradients, eta: 2)
            let theirs = core.backpropagate(x, y, cost: QuadraticCost(), generator: &noDropout)
            core.updateParameters { sgd.step(&$0, gradients: theirs.gradients) }
        }
        let finalCost = yours.backpropagate(x, y, cost: QuadraticCost(), generator: &noDropout).cost
        try expect(
            finalCost < initialCost,
            "with your step the cost rose from \(formatted(initialCost)) to \(formatted(finalCost)) in 200 steps",
            diagnosis: "a step that raises the cost goes uphill: Eq. 2.10 subtracts η∇C")
        let names = ["w²", "b²", "w³", "b³"]
        for (index, (mine, theirs)) in zip(yours.parameters, core.parameters).enumerated() {
            try expectClose(mine, theirs, "\(names[index]) after 200 steps", tolerance: 1e-9)
        }
    },
]

/// The learner's step, with its list checked against the parameters' count and shapes, so a wrong
/// answer is reported instead of trapping in the network.
func checkedStep(_ parameters: [Matrix], _ gradients: [Matrix], eta: Double) throws -> [Matrix] {
    let result = try gradientDescentStep(parameters: parameters, gradients: gradients, eta: eta)
    try expectEqual(result.count, parameters.count, "the number of parameter matrices returned")
    for (index, (new, old)) in zip(result, parameters).enumerated() {
        try expect(
            new.rows == old.rows && new.columns == old.columns,
            "parameter \(index) came back \(new.shapeDescription); it went in \(old.shapeDescription)")
    }
    return result
}

/// The classic wrong steps, from the same inputs (flattened into one row unless `single`).
func stepMistakes(_ v: [Matrix], _ g: [Matrix], eta: Double, single: Bool = false) -> [Diagnosis] {
    func flat(_ list: [Matrix]) -> Matrix { single ? list[0] : Matrix(row: list.map { $0[0, 0] }) }
    let candidates: [(String, [Matrix])] = [
        ("the sign is flipped: Eq. 2.10 moves against the gradient, v − η∇C", zip(v, g).map { $0 + eta * $1 }),
        ("η is missing: the step is −η∇C", zip(v, g).map { $0 - $1 }),
        ("the result is the step −η∇C alone: add it to v", g.map { -eta * $0 }),
        ("the parameters were divided by η: the step is v − η∇C", zip(v, g).map { $0 - $1 / eta }),
    ]
    return candidates.map { explanation, list in
        let matrix = flat(list)
        return Diagnosis(explanation) { matrix }
    }
}

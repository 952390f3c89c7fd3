// Checks of exercise 8.6 (Eq. 8.16): three gates worked by hand, BPTT through the core's LSTMCell
// with W = 0 (where Eq. 8.16 is exact), and the forget bias's effect over 100 steps.

import ExerciseKit
import Foundation
import NeuralCore

/// The classic wrong answers, flattened like the expected list.
func pathMistakes(_ gates: [Matrix], _ dcLast: Matrix) -> [Diagnosis] {
    let T = gates.count
    @Sendable func product(_ range: Range<Int>) -> Matrix {
        range.reduce(dcLast) { $0 ⊙ gates[$1] }
    }
    return [
        Diagnosis("off by one: ∂L_T/∂cₜ multiplies fₛ for s = t + 1 … T; fₜ itself acts before cₜ (Eq. 8.16)") {
            Ch08.stack((0...T).map { t in product(max(t - 1, 0)..<T) })
        },
        Diagnosis("the list is in reverse order: it must start with ∂L_T/∂c₀ and end with ∂L_T/∂c_T") {
            Ch08.stack((0...T).reversed().map { t in product(t..<T) })
        },
        Diagnosis("the gates were multiplied from the first step forward; ∂L_T/∂cₜ takes the gates after t, fₜ₊₁ … f_T")
        {
            Ch08.stack((0...T).map { t in product(0..<(T - t)) })
        },
    ]
}

func expectPath(_ gates: [Matrix], dcLast: Matrix, expected: [Matrix], name: String) throws {
    let got = try cellStateGradients(forgetGates: gates, dcLast: dcLast)
    try expectEqual(
        got.count, gates.count + 1, "the number of gradients (∂L/∂c₀ … ∂L/∂c_T)",
        diagnoses: [("∂L_T/∂c₀ or ∂L_T/∂c_T is missing: T steps have T + 1 cell states c₀ … c_T", gates.count)])
    try expectClose(Ch08.stack(got), Ch08.stack(expected), name, diagnoses: pathMistakes(gates, dcLast))
}

/// An LSTM cell with U and W given, the forget bias `forgetBias` and the other biases `others`.
func lstmWith(U: Matrix, W: Matrix, forgetBias: Double, others: Matrix) -> LSTMCell {
    var generator = SeededGenerator(seed: 1)
    let hidden = W.columns
    var cell = LSTMCell(inputSize: U.columns, hiddenSize: hidden, using: &generator)
    let b = Matrix(rows: 4 * hidden, columns: 1) { i, _ in i < hidden ? forgetBias : others[i - hidden, 0] }
    cell.parameters = [U, W, b]
    return cell
}

/// Runs `cell` over `inputs` and then BPTT from the loss Σ P ⊙ h_T: the forget gates, ∂L/∂c_T and
/// the core's ∂L/∂cₜ for t = 0 … T.
func coreCellPath(_ cell: LSTMCell, inputs: [Matrix], P: Matrix) -> (gates: [Matrix], dcLast: Matrix, path: [Matrix]) {
    var state = cell.initialState(batch: P.columns)
    var caches: [LSTMCell.StepCache] = []
    for x in inputs {
        let (next, cache) = cell.step(.dense(x), state: state)
        caches.append(cache)
        state = next
    }
    let last = caches[caches.count - 1]
    let dcLast = P ⊙ last.output ⊙ last.tanhCell.map { 1 - $0 * $0 }
    var gradients = cell.zeroGradients()
    var dState = [P, Matrix.zeros(P.rows, P.columns)]
    var path = [dcLast]
    for cache in caches.reversed() {
        dState = cell.backwardStep(dState, cache: cache, gradients: &gradients).dPreviousState
        path.insert(dState[1], at: 0)
    }
    return (caches.map(\.forget), dcLast, path)
}

let checks: [Check] = [
    Check("Eq. 8.16 — f₁ = 0.5, f₂ = 0.8, f₃ = 0.25 and ∂L/∂c₃ = 1: ∂L/∂c₀ … ∂L/∂c₃ = (0.1, 0.2, 0.25, 1)") {
        let gates = [0.5, 0.8, 0.25].map { Matrix(column: [$0]) }
        try expectPath(
            gates, dcLast: Matrix(column: [1]), expected: [0.1, 0.2, 0.25, 1].map { Matrix(column: [$0]) },
            name: "(∂L/∂c₀, ∂L/∂c₁, ∂L/∂c₂, ∂L/∂c₃)")
    },
    Check("Eq. 8.16 — with W = 0 it is exact: your product is BPTT through the core's LSTMCell over 12 steps") {
        let cell = lstmWith(
            U: Ch08.gaussian(12, 3, seed: 861), W: Matrix.zeros(12, 3), forgetBias: 1,
            others: Ch08.gaussian(9, 1, spread: 0.5, seed: 862))
        let inputs = (0..<12).map { Ch08.gaussian(3, 2, seed: 863 + UInt64($0)) }
        let core = coreCellPath(cell, inputs: inputs, P: Ch08.gaussian(3, 2, seed: 880))
        try expectPath(core.gates, dcLast: core.dcLast, expected: core.path, name: "∂L/∂c₀ … ∂L/∂c₁₂")
    },
    Check(
        "Eq. 8.16 — the forget bias: with U = W = 0, a bias b_f keeps σ(b_f)¹⁰⁰ of ∂L/∂c over 100 steps (b_f = 0, 1, 3)"
    ) {
        for bias in [0.0, 1, 3] {
            let cell = lstmWith(
                U: Matrix.zeros(8, 1), W: Matrix.zeros(8, 2), forgetBias: bias, others: Matrix.zeros(6, 1))
            let core = coreCellPath(
                cell, inputs: Array(repeating: Matrix.zeros(1, 1), count: 100), P: Matrix(column: [1, -1]))
            let got = try cellStateGradients(forgetGates: core.gates, dcLast: core.dcLast)
            try expectEqual(got.count, 101, "the number of gradients (∂L/∂c₀ … ∂L/∂c₁₀₀)")
            let survived = log10(abs(got[0][0, 0] / got[100][0, 0]))
            try expectClose(
                survived, 100 * log10(1 / (1 + exp(-bias))),
                "log₁₀ of the fraction kept over 100 steps at b_f = \(formatted(bias))",
                diagnoses: [
                    Diagnosis(
                        "the fraction is σ(b_f)⁹⁹: one forget gate too few (Eq. 8.16 has one per step)",
                        scalar: {
                            99 * log10(1 / (1 + exp(-bias)))
                        })
                ])
        }
    },
]

// Checks of exercise 8.1 (Eqs. 8.1–8.4): one unit worked by hand, the core's LSTMCell on a batch,
// and the states of a whole sequence.

import ExerciseKit
import Foundation
import NeuralCore

func lstmForwardMistakes(
    U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix, cPrevious: Matrix, cell: Bool
) -> [Diagnosis] {
    let variants: [(Ch08.LSTMForwardVariant, String)] = [
        (
            .swappedForgetAndInput,
            "the gate blocks are read in the wrong order: Eq. 8.1 stacks z_f, z_i, z_o, z_g (forget first, then input)"
        ),
        (
            .noTanhOnCell,
            "tanh(cₜ) is missing: Eq. 8.4 is hₜ = oₜ ⊙ tanh(cₜ), the cell state squashed before the output gate"
        ),
        (
            .sigmoidCandidate,
            "the candidate gₜ uses σ; Eq. 8.2 has gₜ = tanh(z_g), so that it can write negative values"
        ),
        (.noForgetTerm, "the term fₜ ⊙ cₜ₋₁ is missing from cₜ (Eq. 8.3): the cell forgets everything at every step"),
    ]
    return variants.map { variant, explanation in
        Diagnosis(explanation) {
            let (h, c) = Ch08.lstmForward(
                U: U, W: W, b: b, x: x, hPrevious: hPrevious, cPrevious: cPrevious, variant: variant)
            return cell ? c : h
        }
    }
}

func expectLSTMStep(
    U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix, cPrevious: Matrix,
    expected: (h: Matrix, c: Matrix), step: String = "ₜ"
) throws {
    let got = try lstmStep(U: U, W: W, b: b, x: x, hPrevious: hPrevious, cPrevious: cPrevious)
    try expectClose(
        got.c, expected.c, "c\(step)",
        diagnoses: lstmForwardMistakes(U: U, W: W, b: b, x: x, hPrevious: hPrevious, cPrevious: cPrevious, cell: true))
    try expectClose(
        got.h, expected.h, "h\(step)",
        diagnoses: lstmForwardMistakes(U: U, W: W, b: b, x: x, hPrevious: hPrevious, cPrevious: cPrevious, cell: false))
}

let checks: [Check] = [
    Check("Eq. 8.1–8.4 — one unit by hand: U = W = 0, b = (1, 0, 2, 0.5) for (f, i, o, g), cₜ₋₁ = 2") {
        // fₜ = σ(1), iₜ = σ(0) = ½, oₜ = σ(2), gₜ = tanh(0.5); cₜ = 2σ(1) + ½ tanh(0.5), hₜ = σ(2) tanh(cₜ).
        let σ = { (z: Double) in 1 / (1 + exp(-z)) }
        let c = 2 * σ(1) + 0.5 * tanh(0.5)
        let h = σ(2) * tanh(c)
        try expectLSTMStep(
            U: Matrix.zeros(4, 3), W: Matrix.zeros(4, 1), b: Matrix(column: [1, 0, 2, 0.5]),
            x: Matrix(column: [1, -1, 2]),
            hPrevious: Matrix(column: [0.3]), cPrevious: Matrix(column: [2]),
            expected: (Matrix(column: [h]), Matrix(column: [c])))
    },
    Check("Eq. 8.1–8.4 — a batch of 3 sequences, 5 inputs, H = 4: your hₜ and cₜ are the core's LSTMCell.step") {
        let cell = Ch08.lstm(inputs: 5, hidden: 4, seed: 811)
        let x = Ch08.gaussian(5, 3, seed: 812)
        let h = Ch08.gaussian(4, 3, spread: 0.5, seed: 813)
        let c = Ch08.gaussian(4, 3, seed: 814)
        let state = cell.step(.dense(x), state: [h, c]).state
        let p = cell.parameters
        try expectLSTMStep(
            U: p[0], W: p[1], b: p[2], x: x, hPrevious: h, cPrevious: c, expected: (state[0], state[1]))
    },
    Check("Eq. 8.1–8.4 — your step unrolled over 8 one-hot characters from zeros gives the core's h₁ … h₈ and c₁ … c₈")
    {
        var cell = Ch08.lstm(inputs: 6, hidden: 3, seed: 815)
        cell.parameters[2] = cell.parameters[2] + Matrix(rows: 12, columns: 1) { i, _ in i < 3 ? 1 : 0 }
        var generator = SeededGenerator(seed: 816)
        let symbols = (0..<8).map { _ in generator.integer(below: 6) }
        var coreState = cell.initialState(batch: 1)
        var h = Matrix.zeros(3, 1)
        var c = Matrix.zeros(3, 1)
        let p = cell.parameters
        for (t, symbol) in symbols.enumerated() {
            coreState = cell.step(.oneHot([symbol]), state: coreState).state
            let x = Matrix.oneHot([symbol], classes: 6)
            let (hPrevious, cPrevious) = (h, c)
            try expectLSTMStep(
                U: p[0], W: p[1], b: p[2], x: x, hPrevious: hPrevious, cPrevious: cPrevious,
                expected: (coreState[0], coreState[1]), step: "\(t + 1)")
            (h, c) = try lstmStep(U: p[0], W: p[1], b: p[2], x: x, hPrevious: hPrevious, cPrevious: cPrevious)
        }
    },
]

// Checks of exercise 7.1 (Eq. 7.1): a step worked by hand, each term on its own, the core's
// VanillaCell on a batch, and the hidden states of a whole sequence.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 7.1 entry by entry, with plain loops (the oracle of the first two checks).
func stepByHand(U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix) -> Matrix {
    Matrix(rows: W.rows, columns: x.columns) { i, j in
        var z = b[i, 0]
        for k in 0..<U.columns { z += U[i, k] * x[k, j] }
        for k in 0..<W.columns { z += W[i, k] * hPrevious[k, j] }
        return Foundation.tanh(z)
    }
}

/// The classic wrong answers to Eq. 7.1, from the same inputs.
func stepMistakes(U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix) -> [Diagnosis] {
    let z = (U * x + W * hPrevious).addingToEachColumn(b)
    return [
        Diagnosis("tanh is missing: Eq. 7.1 squashes the weighted input, hₜ = tanh(U xₜ + W hₜ₋₁ + b)") { z },
        Diagnosis("the bias b is missing from U xₜ + W hₜ₋₁ + b (Eq. 7.1)") {
            Activation.tanh.value(U * x + W * hPrevious)
        },
        Diagnosis("the recurrent term W hₜ₋₁ is missing: without it the network has no memory (Eq. 7.1)") {
            Activation.tanh.value((U * x).addingToEachColumn(b))
        },
        Diagnosis("Wᵀ hₜ₋₁ was used: the recurrent term of Eq. 7.1 is W hₜ₋₁, row i of W reads hₜ₋₁ into unit i") {
            Activation.tanh.value((U * x + W.transposed * hPrevious).addingToEachColumn(b))
        },
        Diagnosis("σ was used where Eq. 7.1 has tanh") { Activation.sigmoid.value(z) },
    ]
}

let checks: [Check] = [
    Check("Eq. 7.1 — one step worked by hand: two hidden units, three inputs, one sequence") {
        let U = Matrix([[0.5, -1, 0.25], [0.2, 0.4, -0.6]])
        let W = Matrix([[0.3, -0.2], [0.7, 0.1]])
        let b = Matrix(column: [0.1, -0.3])
        let x = Matrix(column: [0, 1, 0])
        let hPrevious = Matrix(column: [0.5, -0.4])
        try expectClose(
            try recurrentStep(U: U, W: W, b: b, x: x, hPrevious: hPrevious),
            stepByHand(U: U, W: W, b: b, x: x, hPrevious: hPrevious), "hₜ",
            diagnoses: stepMistakes(U: U, W: W, b: b, x: x, hPrevious: hPrevious))
    },
    Check("Eq. 7.1 — term by term: b alone gives tanh(b), then U xₜ alone, then W hₜ₋₁ alone") {
        var generator = SeededGenerator(seed: 71)
        let U = Matrix.gaussian(3, 4, using: &generator)
        let W = Matrix.gaussian(3, 3, using: &generator)
        let b = Matrix.gaussian(3, 1, using: &generator)
        let x = Matrix.gaussian(4, 2, using: &generator)
        let h = Matrix.gaussian(3, 2, using: &generator)
        let zeroU = Matrix.zeros(3, 4)
        let zeroW = Matrix.zeros(3, 3)
        let zeroB = Matrix.zeros(3, 1)
        let zeroH = Matrix.zeros(3, 2)
        let cases: [(String, Matrix, Matrix, Matrix, Matrix)] = [
            ("hₜ with U = 0, W = 0 (only b)", zeroU, zeroW, b, zeroH),
            ("hₜ with W = 0, b = 0 (only U xₜ)", U, zeroW, zeroB, zeroH),
            ("hₜ with U = 0, b = 0 (only W hₜ₋₁)", zeroU, W, zeroB, h),
        ]
        for (name, u, w, bias, previous) in cases {
            try expectClose(
                try recurrentStep(U: u, W: w, b: bias, x: x, hPrevious: previous),
                stepByHand(U: u, W: w, b: bias, x: x, hPrevious: previous), name,
                diagnoses: stepMistakes(U: u, W: w, b: bias, x: x, hPrevious: previous))
        }
    },
    Check("Eq. 7.1 — a batch of 5 sequences agrees with the core's VanillaCell.step") {
        var generator = SeededGenerator(seed: 72)
        let cell = VanillaCell(
            inputWeights: Matrix.gaussian(4, 6, using: &generator),
            recurrentWeights: Matrix.gaussian(4, 4, standardDeviation: 0.5, using: &generator),
            biases: Matrix.gaussian(4, 1, using: &generator))
        let x = Matrix.gaussian(6, 5, using: &generator)
        let h = Matrix.uniform(4, 5, low: -1, high: 1, using: &generator)
        let expected = cell.step(.dense(x), state: [h]).state[0]
        let (U, W, b) = (cell.inputWeights, cell.recurrentWeights, cell.biases)
        try expectClose(
            try recurrentStep(U: U, W: W, b: b, x: x, hPrevious: h), expected, "hₜ",
            diagnoses: stepMistakes(U: U, W: W, b: b, x: x, hPrevious: h))
    },
    Check(
        "Eq. 7.1 — your step unrolled over \"hell\" from h₀ = 0 gives the hidden states h₁ … h₄ of the core's network"
    ) {
        let model = Ch07.network(vocabulary: 4, hidden: 3, seed: 73)
        let pass = model.forward(Ch07.helloInputs.map { .oneHot([$0]) })
        let (U, W, b) = (model.cell.inputWeights, model.cell.recurrentWeights, model.cell.biases)
        var h = Matrix.zeros(3, 1)
        for (t, letter) in Ch07.helloInputs.enumerated() {
            let x = Matrix.oneHot([letter], classes: 4)
            let previous = h
            h = try recurrentStep(U: U, W: W, b: b, x: x, hPrevious: previous)
            try expectClose(
                h, pass.hidden(at: t), "h\(t + 1)", diagnoses: stepMistakes(U: U, W: W, b: b, x: x, hPrevious: previous)
            )
        }
    },
]

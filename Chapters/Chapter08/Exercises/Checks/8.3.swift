// Checks of exercise 8.3 (Eqs. 8.8–8.10): one unit by hand, the core's GRUCell on a batch, and the
// states of a whole sequence.

import ExerciseKit
import Foundation
import NeuralCore

func gruForwardMistakes(U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix) -> [Diagnosis] {
    let variants: [(Ch08.GRUForwardVariant, String)] = [
        (
            .swappedUpdate,
            "the roles of zₜ and 1 − zₜ are swapped: in Eq. 8.10 zₜ weighs the candidate, hₜ = (1 − zₜ) ⊙ hₜ₋₁ + zₜ ⊙ nₜ (PyTorch uses the opposite convention)"
        ),
        (
            .resetBeforeProduct,
            "the reset gate was applied before the product, W_n(rₜ ⊙ hₜ₋₁); here it multiplies q_n = (W hₜ₋₁)_n after it (Eq. 8.9)"
        ),
        (.noReset, "the reset gate is missing from the candidate: nₜ = tanh(p_n + rₜ ⊙ q_n) (Eq. 8.9)"),
        (.candidateOnly, "hₜ = nₜ drops the old state: Eq. 8.10 mixes (1 − zₜ) ⊙ hₜ₋₁ with zₜ ⊙ nₜ"),
    ]
    return variants.map { variant, explanation in
        Diagnosis(explanation) { Ch08.gruForward(U: U, W: W, b: b, x: x, hPrevious: hPrevious, variant: variant) }
    }
}

let checks: [Check] = [
    Check("Eq. 8.8–8.10 — one unit by hand: U = 0, W = (1, −1, 2)ᵀ, b = (0.5, 0, 0.2) for (z, r, n), hₜ₋₁ = 0.4") {
        // q = W hₜ₋₁ = (0.4, −0.4, 0.8); zₜ = σ(0.9), rₜ = σ(−0.4), nₜ = tanh(0.2 + rₜ · 0.8).
        let σ = { (v: Double) in 1 / (1 + exp(-v)) }
        let (z, r) = (σ(0.9), σ(-0.4))
        let n = tanh(0.2 + r * 0.8)
        let expected = Matrix(column: [(1 - z) * 0.4 + z * n])
        let (U, W, b) = (Matrix.zeros(3, 2), Matrix(column: [1, -1, 2]), Matrix(column: [0.5, 0, 0.2]))
        let (x, h) = (Matrix(column: [1, 2]), Matrix(column: [0.4]))
        try expectClose(
            try gruStep(U: U, W: W, b: b, x: x, hPrevious: h), expected, "hₜ",
            diagnoses: gruForwardMistakes(U: U, W: W, b: b, x: x, hPrevious: h))
    },
    Check("Eq. 8.8–8.10 — a batch of 3 sequences, 5 inputs, H = 4: your hₜ is the core's GRUCell.step") {
        let cell = Ch08.gru(inputs: 5, hidden: 4, seed: 831)
        let x = Ch08.gaussian(5, 3, seed: 832)
        let h = Ch08.gaussian(4, 3, spread: 0.6, seed: 833)
        let p = cell.parameters
        try expectClose(
            try gruStep(U: p[0], W: p[1], b: p[2], x: x, hPrevious: h), cell.step(.dense(x), state: [h]).state[0], "hₜ",
            diagnoses: gruForwardMistakes(U: p[0], W: p[1], b: p[2], x: x, hPrevious: h))
    },
    Check("Eq. 8.8–8.10 — your step unrolled over 8 one-hot characters from h₀ = 0 gives the core's h₁ … h₈") {
        let cell = Ch08.gru(inputs: 6, hidden: 3, spread: 1, seed: 834)
        var generator = SeededGenerator(seed: 835)
        let symbols = (0..<8).map { _ in generator.integer(below: 6) }
        var coreState = cell.initialState(batch: 1)
        var h = Matrix.zeros(3, 1)
        let p = cell.parameters
        for (t, symbol) in symbols.enumerated() {
            coreState = cell.step(.oneHot([symbol]), state: coreState).state
            let x = Matrix.oneHot([symbol], classes: 6)
            let previous = h
            h = try gruStep(U: p[0], W: p[1], b: p[2], x: x, hPrevious: previous)
            try expectClose(
                h, coreState[0], "h\(t + 1)",
                diagnoses: gruForwardMistakes(U: p[0], W: p[1], b: p[2], x: x, hPrevious: previous))
            h = coreState[0]
        }
    },
]

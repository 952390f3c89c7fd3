// Checks of exercise 8.2 (Eqs. 8.5–8.7): central differences of L = Σ P ⊙ hₜ + Σ Q ⊙ cₜ in the
// pre-activations zₜ, in cₜ₋₁ and in hₜ₋₁; the core's LSTMCell.backwardStep; and BPTT over six
// steps with the learner's step inside.

import ExerciseKit
import Foundation
import NeuralCore

/// One LSTM step and the loss L = Σ P ⊙ hₜ + Σ Q ⊙ cₜ, so δhₜ = P and δcₜ = Q.
struct LSTMBackwardCase {
    let cell: LSTMCell
    let x, hPrevious, cPrevious, P, Q: Matrix
    let cache: LSTMCell.StepCache

    init(seed: UInt64, inputs: Int = 3, hidden: Int = 2, batch: Int = 2) {
        cell = Ch08.lstm(inputs: inputs, hidden: hidden, spread: 0.9, seed: seed)
        x = Ch08.gaussian(inputs, batch, seed: seed + 1)
        hPrevious = Ch08.gaussian(hidden, batch, spread: 0.5, seed: seed + 2)
        cPrevious = Ch08.gaussian(hidden, batch, seed: seed + 3)
        P = Ch08.gaussian(hidden, batch, seed: seed + 4)
        Q = Ch08.gaussian(hidden, batch, seed: seed + 5)
        cache = cell.step(.dense(x), state: [hPrevious, cPrevious]).cache
    }

    var z: Matrix { (cell.parameters[0] * x + cell.parameters[1] * hPrevious).addingToEachColumn(cell.parameters[2]) }

    /// L as a function of the pre-activations and the previous cell, through Eqs. 8.2–8.4.
    func loss(z: Matrix, cPrevious: Matrix) -> Double {
        let f = Ch08.sigmoid(Ch08.rows(z, 0, of: 4))
        let i = Ch08.sigmoid(Ch08.rows(z, 1, of: 4))
        let o = Ch08.sigmoid(Ch08.rows(z, 2, of: 4))
        let g = Ch08.tanh(Ch08.rows(z, 3, of: 4))
        let c = f ⊙ cPrevious + i ⊙ g
        return (o ⊙ Ch08.tanh(c)).dot(P) + c.dot(Q)
    }

    func learners() throws -> LSTMStepGradients {
        try lstmBackwardStep(dh: P, dc: Q, cache: cache, W: cell.parameters[1])
    }

    enum Part: Sendable { case dz, dhPrevious, dcPrevious }

    func mistakes(_ part: Part) -> [Diagnosis] {
        let variants: [(Ch08.LSTMBackwardVariant, String)] = [
            (
                .noIncomingCellGradient,
                "δcₜ, the gradient reaching cₜ from step t + 1, is missing from δĉₜ (Eq. 8.5): the cell state has two outlets"
            ),
            (
                .noTanhPrimeOnCell,
                "the factor 1 − tanh² cₜ is missing from the path δhₜ ⊙ oₜ ⊙ (1 − tanh² cₜ) of Eq. 8.5"
            ),
            (
                .currentCellInForget,
                "δz_f uses cₜ; fₜ multiplies the previous cell, so δz_f = δĉₜ ⊙ cₜ₋₁ ⊙ fₜ(1 − fₜ) (Eq. 8.6)"
            ),
            (
                .noForgetOnCellPath,
                "δcₜ₋₁ = δĉₜ ⊙ fₜ: the gradient to the previous cell passes through the forget gate (Eq. 8.5)"
            ),
        ]
        return variants.map { variant, explanation in
            Diagnosis(explanation) {
                let result = Ch08.lstmBackward(dh: P, dc: Q, cache: cache, W: cell.parameters[1], variant: variant)
                switch part {
                case .dz: return result.dz
                case .dhPrevious: return result.dhPrevious
                case .dcPrevious: return result.dcPrevious
                }
            }
        }
    }
}

let checks: [Check] = [
    Check("Eq. 8.5–8.6 — δz = [δz_f; δz_i; δz_o; δz_g] is ∂L/∂zₜ by central differences (H = 2, batch of 2)") {
        let c = LSTMBackwardCase(seed: 821)
        let numeric = GradientCheck.numericGradient(of: { c.loss(z: $0, cPrevious: c.cPrevious) }, at: c.z)
        try expectGradient(try c.learners().dz, matches: numeric, "δz", diagnoses: c.mistakes(.dz))
    },
    Check("Eq. 8.5 — δcₜ₋₁ = δĉₜ ⊙ fₜ is ∂L/∂cₜ₋₁ by central differences") {
        let c = LSTMBackwardCase(seed: 822)
        let z = c.z
        let numeric = GradientCheck.numericGradient(of: { c.loss(z: z, cPrevious: $0) }, at: c.cPrevious)
        try expectGradient(try c.learners().dcPrevious, matches: numeric, "δcₜ₋₁", diagnoses: c.mistakes(.dcPrevious))
    },
    Check("Eq. 8.7 — δhₜ₋₁ = Wᵀ δz is ∂L/∂hₜ₋₁ by central differences") {
        let c = LSTMBackwardCase(seed: 823)
        let numeric = GradientCheck.numericGradient(
            of: { h in
                let z = (c.cell.parameters[0] * c.x + c.cell.parameters[1] * h).addingToEachColumn(c.cell.parameters[2])
                return c.loss(z: z, cPrevious: c.cPrevious)
            }, at: c.hPrevious)
        try expectGradient(
            try c.learners().dhPrevious, matches: numeric, "δhₜ₋₁",
            diagnoses: c.mistakes(.dhPrevious) + [
                Diagnosis("δhₜ₋₁ is Wᵀ δz, the whole stacked δz sent back through the recurrent weights (Eq. 8.7)") {
                    c.P
                }
            ])
    },
    Check("Eq. 8.5–8.7 — your step is the core's LSTMCell.backwardStep (H = 4, batch of 3)") {
        let c = LSTMBackwardCase(seed: 824, inputs: 5, hidden: 4, batch: 3)
        var gradients = c.cell.zeroGradients()
        let back = c.cell.backwardStep([c.P, c.Q], cache: c.cache, gradients: &gradients)
        let got = try c.learners()
        try expectClose(got.dcPrevious, back.dPreviousState[1], "δcₜ₋₁", diagnoses: c.mistakes(.dcPrevious))
        try expectClose(got.dhPrevious, back.dPreviousState[0], "δhₜ₋₁", diagnoses: c.mistakes(.dhPrevious))
        try expectClose(got.dz.rowSums(), gradients[2], "Σ_batch δz = ∂L/∂b")
    },
    Check("Eq. 8.7 — BPTT over 6 steps with your backward step gives the core's ∂L/∂U, ∂L/∂W, ∂L/∂b") {
        let cell = Ch08.lstm(inputs: 4, hidden: 3, spread: 0.7, seed: 825)
        let xs = (0..<6).map { Ch08.gaussian(4, 2, seed: 826 + UInt64($0)) }
        let ps = (0..<6).map { Ch08.gaussian(3, 2, seed: 836 + UInt64($0)) }
        var state = cell.initialState(batch: 2)
        var caches: [LSTMCell.StepCache] = []
        for x in xs {
            let (next, cache) = cell.step(.dense(x), state: state)
            caches.append(cache)
            state = next
        }
        // Loss Σₜ Σ Pₜ ⊙ hₜ: the core's backward and the learner's, side by side.
        var expected = cell.zeroGradients()
        var got = cell.zeroGradients()
        var coreState = [Matrix.zeros(3, 2), Matrix.zeros(3, 2)]
        var (dh, dc) = (Matrix.zeros(3, 2), Matrix.zeros(3, 2))
        for t in (0..<6).reversed() {
            coreState[0] += ps[t]
            coreState = cell.backwardStep(coreState, cache: caches[t], gradients: &expected).dPreviousState
            let step = try lstmBackwardStep(dh: dh + ps[t], dc: dc, cache: caches[t], W: cell.parameters[1])
            got[0] += step.dz * xs[t].transposed
            got[1] += step.dz * caches[t].previousHidden.transposed
            got[2] += step.dz.rowSums()
            (dh, dc) = (step.dhPrevious, step.dcPrevious)
        }
        for (index, name) in ["∂L/∂U", "∂L/∂W", "∂L/∂b"].enumerated() {
            try expectClose(got[index], expected[index], name, tolerance: 1e-8)
        }
    },
]

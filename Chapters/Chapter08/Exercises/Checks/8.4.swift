// Checks of exercise 8.4 (Eq. 8.11): central differences of L = Σ P ⊙ hₜ in pₜ, in qₜ and in hₜ₋₁,
// the core's GRUCell.backwardStep, and BPTT over six steps with the learner's step inside.

import ExerciseKit
import Foundation
import NeuralCore

/// One GRU step and the loss L = Σ P ⊙ hₜ, so δhₜ = P.
struct GRUBackwardCase {
    let cell: GRUCell
    let x, hPrevious, P: Matrix
    let cache: GRUCell.StepCache

    init(seed: UInt64, inputs: Int = 3, hidden: Int = 2, batch: Int = 2) {
        cell = Ch08.gru(inputs: inputs, hidden: hidden, spread: 0.9, seed: seed)
        x = Ch08.gaussian(inputs, batch, seed: seed + 1)
        hPrevious = Ch08.gaussian(hidden, batch, spread: 0.6, seed: seed + 2)
        P = Ch08.gaussian(hidden, batch, seed: seed + 3)
        cache = cell.step(.dense(x), state: [hPrevious]).cache
    }

    var p: Matrix { (cell.parameters[0] * x).addingToEachColumn(cell.parameters[2]) }
    var q: Matrix { cell.parameters[1] * hPrevious }

    /// L as a function of pₜ, qₜ and hₜ₋₁ taken apart (Eqs. 8.8–8.10).
    func loss(p: Matrix, q: Matrix, hPrevious: Matrix) -> Double {
        let z = Ch08.sigmoid(Ch08.rows(p, 0, of: 3) + Ch08.rows(q, 0, of: 3))
        let r = Ch08.sigmoid(Ch08.rows(p, 1, of: 3) + Ch08.rows(q, 1, of: 3))
        let n = Ch08.tanh(Ch08.rows(p, 2, of: 3) + r ⊙ Ch08.rows(q, 2, of: 3))
        return (Ch08.oneMinus(z) ⊙ hPrevious + z ⊙ n).dot(P)
    }

    func learners() throws -> GRUStepGradients {
        try gruBackwardStep(dh: P, cache: cache, W: cell.parameters[1])
    }

    enum Part: Sendable { case dp, dq, dhPrevious }

    func mistakes(_ part: Part) -> [Diagnosis] {
        let variants: [(Ch08.GRUBackwardVariant, String)] = [
            (
                .noDirectPath,
                "the direct path δhₜ ⊙ (1 − zₜ) is missing from δhₜ₋₁: hₜ₋₁ also reaches hₜ without W, through (1 − zₜ) ⊙ hₜ₋₁ (Eq. 8.11)"
            ),
            (
                .noResetOnRecurrentCandidate,
                "the candidate block of δq lacks ⊙ rₜ: q_n enters nₜ multiplied by rₜ, so δq_n = δa_n ⊙ rₜ (Eq. 8.11)"
            ),
            (.flippedUpdateSign, "δa_z has the sign flipped: ∂hₜ/∂zₜ = nₜ − hₜ₋₁, not hₜ₋₁ − nₜ (Eq. 8.11)"),
            (.noTanhPrime, "the factor 1 − nₜ² (tanh′ of the candidate) is missing from δa_n (Eq. 8.11)"),
        ]
        return variants.map { variant, explanation in
            Diagnosis(explanation) {
                let result = Ch08.gruBackward(dh: P, cache: cache, W: cell.parameters[1], variant: variant)
                switch part {
                case .dp: return result.dp
                case .dq: return result.dq
                case .dhPrevious: return result.dhPrevious
                }
            }
        }
    }
}

let checks: [Check] = [
    Check("Eq. 8.11 — δp = [δa_z; δa_r; δa_n] is ∂L/∂pₜ by central differences (H = 2, batch of 2)") {
        let c = GRUBackwardCase(seed: 841)
        let (q, h) = (c.q, c.hPrevious)
        let numeric = GradientCheck.numericGradient(of: { c.loss(p: $0, q: q, hPrevious: h) }, at: c.p)
        try expectGradient(try c.learners().dp, matches: numeric, "δp", diagnoses: c.mistakes(.dp))
    },
    Check("Eq. 8.11 — δq = [δa_z; δa_r; δa_n ⊙ rₜ] is ∂L/∂qₜ by central differences") {
        let c = GRUBackwardCase(seed: 842)
        let (p, h) = (c.p, c.hPrevious)
        let numeric = GradientCheck.numericGradient(of: { c.loss(p: p, q: $0, hPrevious: h) }, at: c.q)
        try expectGradient(try c.learners().dq, matches: numeric, "δq", diagnoses: c.mistakes(.dq))
    },
    Check("Eq. 8.11 — δhₜ₋₁ = Wᵀ δq + δhₜ ⊙ (1 − zₜ) is ∂L/∂hₜ₋₁ by central differences") {
        let c = GRUBackwardCase(seed: 843)
        let (p, W) = (c.p, c.cell.parameters[1])
        let numeric = GradientCheck.numericGradient(of: { c.loss(p: p, q: W * $0, hPrevious: $0) }, at: c.hPrevious)
        try expectGradient(
            try c.learners().dhPrevious, matches: numeric, "δhₜ₋₁", diagnoses: c.mistakes(.dhPrevious))
    },
    Check("Eq. 8.11 — BPTT over 6 steps with your backward step gives the core's ∂L/∂U, ∂L/∂W, ∂L/∂b") {
        let cell = Ch08.gru(inputs: 4, hidden: 3, spread: 0.7, seed: 844)
        try expectBPTTLikeCore(cell, seed: 844, previousHidden: { $0.previousHidden }) { dh, cache in
            let step = try gruBackwardStep(dh: dh, cache: cache, W: cell.parameters[1])
            return (step.dp, step.dq, step.dhPrevious)
        }
    },
]

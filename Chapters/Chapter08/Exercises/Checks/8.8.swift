// Checks of exercise 8.8 (Eq. 8.15): central differences of L = Σ P ⊙ hₜ in pₜ, in qₜ and in
// hₜ₋₁, and BPTT over six steps with the learner's step against the core's MinimalGatedCell.

import ExerciseKit
import Foundation
import NeuralCore

/// One step of the minimal gated unit and the loss L = Σ P ⊙ hₜ, so δhₜ = P.
struct MinimalGatedCase {
    let cell: MinimalGatedCell
    let x, hPrevious, P: Matrix
    let cache: MinimalGatedCell.StepCache

    init(seed: UInt64, inputs: Int = 3, hidden: Int = 2, batch: Int = 2) {
        var generator = SeededGenerator(seed: seed)
        var cell = MinimalGatedCell(inputSize: inputs, hiddenSize: hidden, using: &generator)
        cell.parameters = [
            Matrix.gaussian(2 * hidden, inputs, standardDeviation: 0.9, using: &generator),
            Matrix.gaussian(2 * hidden, hidden, standardDeviation: 0.9, using: &generator),
            Matrix.gaussian(2 * hidden, 1, standardDeviation: 0.9, using: &generator),
        ]
        self.cell = cell
        x = Matrix.gaussian(inputs, batch, using: &generator)
        hPrevious = Matrix.gaussian(hidden, batch, standardDeviation: 0.6, using: &generator)
        P = Matrix.gaussian(hidden, batch, using: &generator)
        cache = cell.step(.dense(x), state: [hPrevious]).cache
    }

    var p: Matrix { (cell.parameters[0] * x).addingToEachColumn(cell.parameters[2]) }
    var q: Matrix { cell.parameters[1] * hPrevious }

    /// L as a function of pₜ, qₜ and hₜ₋₁ taken apart (Eqs. 8.12–8.14).
    func loss(p: Matrix, q: Matrix, hPrevious: Matrix) -> Double {
        let f = Ch08.sigmoid(Ch08.rows(p, 0, of: 2) + Ch08.rows(q, 0, of: 2))
        let n = Ch08.tanh(Ch08.rows(p, 1, of: 2) + f ⊙ Ch08.rows(q, 1, of: 2))
        return (Ch08.oneMinus(f) ⊙ hPrevious + f ⊙ n).dot(P)
    }

    func learners() throws -> MinimalGatedStepGradients {
        try minimalGatedBackwardStep(dh: P, cache: cache, W: cell.parameters[1])
    }

    enum Variant: Sendable { case noCandidateTerm, noMixingTerm, noGateOnRecurrentCandidate, noDirectPath }
    enum Part: Sendable { case dp, dq, dhPrevious }

    func wrong(_ variant: Variant, _ part: Part) -> Matrix {
        let (f, n) = (Ch08.rows(cache.gates, 0, of: 2), Ch08.rows(cache.gates, 1, of: 2))
        let (qn, h, W) = (cache.recurrentCandidate, cache.previousHidden, cell.parameters[1])
        let dan = P ⊙ f ⊙ Ch08.oneMinus(n ⊙ n)
        let mixing = variant == .noMixingTerm ? Matrix.zeros(f.rows, f.columns) : P ⊙ (n - h)
        let candidate = variant == .noCandidateTerm ? Matrix.zeros(f.rows, f.columns) : dan ⊙ qn
        let daf = (mixing + candidate) ⊙ f ⊙ Ch08.oneMinus(f)
        let dq = Ch08.stack([daf, variant == .noGateOnRecurrentCandidate ? dan : dan ⊙ f])
        switch part {
        case .dp: return Ch08.stack([daf, dan])
        case .dq: return dq
        case .dhPrevious:
            return W.transposed * dq
                + (variant == .noDirectPath ? Matrix.zeros(f.rows, f.columns) : P ⊙ Ch08.oneMinus(f))
        }
    }

    func mistakes(_ part: Part) -> [Diagnosis] {
        let explanations: [(Variant, String)] = [
            (
                .noCandidateTerm,
                "δa_f has only the mixing term: fₜ also sits inside the candidate, nₜ = tanh(p_n + fₜ ⊙ q_n), which adds δa_n ⊙ q_n (Eq. 8.15)"
            ),
            (
                .noMixingTerm,
                "δa_f has only the candidate term: fₜ also mixes the states in (8.14), which adds δhₜ ⊙ (nₜ − hₜ₋₁) (Eq. 8.15)"
            ),
            (
                .noGateOnRecurrentCandidate,
                "the candidate block of δq lacks ⊙ fₜ: q_n enters nₜ multiplied by fₜ (Eq. 8.15)"
            ),
            (.noDirectPath, "the direct path δhₜ ⊙ (1 − fₜ) is missing from δhₜ₋₁ (Eq. 8.15)"),
        ]
        return explanations.map { variant, explanation in Diagnosis(explanation) { wrong(variant, part) } }
    }
}

let checks: [Check] = [
    Check("Eq. 8.15 — δp = [δa_f; δa_n] is ∂L/∂pₜ by central differences: the gate's two terms") {
        let c = MinimalGatedCase(seed: 881)
        let (q, h) = (c.q, c.hPrevious)
        let numeric = GradientCheck.numericGradient(of: { c.loss(p: $0, q: q, hPrevious: h) }, at: c.p)
        try expectGradient(try c.learners().dp, matches: numeric, "δp", diagnoses: c.mistakes(.dp))
    },
    Check("Eq. 8.15 — δq = [δa_f; δa_n ⊙ fₜ] is ∂L/∂qₜ by central differences") {
        let c = MinimalGatedCase(seed: 882)
        let (p, h) = (c.p, c.hPrevious)
        let numeric = GradientCheck.numericGradient(of: { c.loss(p: p, q: $0, hPrevious: h) }, at: c.q)
        try expectGradient(try c.learners().dq, matches: numeric, "δq", diagnoses: c.mistakes(.dq))
    },
    Check("Eq. 8.15 — δhₜ₋₁ = Wᵀ δq + δhₜ ⊙ (1 − fₜ) is ∂L/∂hₜ₋₁ by central differences") {
        let c = MinimalGatedCase(seed: 883)
        let (p, W) = (c.p, c.cell.parameters[1])
        let numeric = GradientCheck.numericGradient(of: { c.loss(p: p, q: W * $0, hPrevious: $0) }, at: c.hPrevious)
        try expectGradient(
            try c.learners().dhPrevious, matches: numeric, "δhₜ₋₁", diagnoses: c.mistakes(.dhPrevious))
    },
    Check("Eq. 8.15 — BPTT over 6 steps with your backward step gives the core's ∂L/∂U, ∂L/∂W, ∂L/∂b") {
        let cell = MinimalGatedCase(seed: 884, inputs: 4, hidden: 3).cell
        try expectBPTTLikeCore(cell, seed: 884, previousHidden: { $0.previousHidden }) { dh, cache in
            let step = try minimalGatedBackwardStep(dh: dh, cache: cache, W: cell.parameters[1])
            return (step.dp, step.dq, step.dhPrevious)
        }
    },
]

// Checks of exercise 7.3 (Eqs. 7.5, 7.6): central differences of L = Σ P ⊙ hₜ in the weighted
// input, in U, W and b, and in hₜ₋₁; then the core's VanillaCell.backwardStep.

import ExerciseKit
import Foundation
import NeuralCore

/// One step's inputs and the loss L = Σ P ⊙ hₜ, whose ∂L/∂hₜ is P.
struct BackwardCase {
    var U, W, b, x, hPrevious, P: Matrix

    init(seed: UInt64, inputs: Int = 4, hidden: Int = 3, batch: Int = 2) {
        var generator = SeededGenerator(seed: seed)
        U = Matrix.gaussian(hidden, inputs, using: &generator)
        W = Matrix.gaussian(hidden, hidden, using: &generator)
        b = Matrix.gaussian(hidden, 1, standardDeviation: 0.5, using: &generator)
        x = Matrix.gaussian(inputs, batch, using: &generator)
        hPrevious = Matrix.uniform(hidden, batch, low: -1, high: 1, using: &generator)
        P = Matrix.gaussian(hidden, batch, using: &generator)
    }

    var z: Matrix { (U * x + W * hPrevious).addingToEachColumn(b) }
    var hidden: Matrix { Activation.tanh.value(z) }

    func loss(U: Matrix? = nil, W: Matrix? = nil, b: Matrix? = nil, hPrevious: Matrix? = nil) -> Double {
        let z = ((U ?? self.U) * x + (W ?? self.W) * (hPrevious ?? self.hPrevious)).addingToEachColumn(b ?? self.b)
        return Activation.tanh.value(z).dot(P)
    }

    func learners() throws -> StepGradients {
        try recurrentBackwardStep(dHidden: P, hidden: hidden, hPrevious: hPrevious, x: x, W: W)
    }

    /// δ of the classic mistakes.
    var deltaMistakes: [Diagnosis] {
        let (P, h) = (P, hidden)
        return [
            Diagnosis("the factor 1 − hₜ² (tanh′) is missing: δₜ = ∂L/∂hₜ ⊙ (1 − hₜ²), Eq. 7.5") { P },
            Diagnosis("1 − hₜ was used: tanh′(z) = 1 − tanh²(z) = 1 − hₜ², squared (Eq. 7.5)") {
                P ⊙ h.map { 1 - $0 }
            },
            Diagnosis("tanh′ was applied to hₜ: hₜ is already tanh(zₜ), so tanh′(zₜ) = 1 − hₜ² (Eq. 7.5)") {
                P ⊙ Activation.tanh.derivative(h)
            },
        ]
    }
}

let checks: [Check] = [
    Check("Eq. 7.5 — δₜ = ∂L/∂hₜ ⊙ (1 − hₜ²) is ∂L/∂zₜ by central differences") {
        let c = BackwardCase(seed: 731)
        let numeric = GradientCheck.numericGradient(of: { Activation.tanh.value($0).dot(c.P) }, at: c.z)
        try expectGradient(try c.learners().delta, matches: numeric, "δₜ", diagnoses: c.deltaMistakes)
    },
    Check("Eq. 7.6 — this step's ∂L/∂U = δₜxₜᵀ, ∂L/∂W = δₜhₜ₋₁ᵀ, ∂L/∂b = Σ δₜ by central differences (batch of 2)") {
        let c = BackwardCase(seed: 732)
        let got = try c.learners()
        let delta = c.P ⊙ c.hidden.map { 1 - $0 * $0 }
        try expectGradient(
            got.dU, matches: GradientCheck.numericGradient(of: { c.loss(U: $0) }, at: c.U), "∂L/∂U",
            diagnoses: [
                Diagnosis("∂L/∂U is δₜ xₜᵀ (Eq. 7.6): the input xₜ, transposed, on the right") {
                    delta * c.x.transposed
                }
            ])
        try expectGradient(
            got.dW, matches: GradientCheck.numericGradient(of: { c.loss(W: $0) }, at: c.W), "∂L/∂W",
            diagnoses: [
                Diagnosis("δₜ hₜᵀ was used: W multiplies the previous state, so ∂L/∂W gets δₜ hₜ₋₁ᵀ (Eq. 7.6)") {
                    delta * c.hidden.transposed
                },
                Diagnosis("hₜ₋₁ δₜᵀ is the transpose of ∂L/∂W = δₜ hₜ₋₁ᵀ (Eq. 7.6)") {
                    c.hPrevious * delta.transposed
                },
            ])
        try expectGradient(
            got.db, matches: GradientCheck.numericGradient(of: { c.loss(b: $0) }, at: c.b), "∂L/∂b",
            diagnoses: [
                Diagnosis("∂L/∂b must be summed over the batch: one n × 1 column, the row sums of δₜ (Eq. 7.6)") {
                    delta
                }
            ])
    },
    Check("Eq. 7.5 — ∂L/∂hₜ₋₁ = Wᵀ δₜ by central differences") {
        let c = BackwardCase(seed: 733)
        let delta = c.P ⊙ c.hidden.map { 1 - $0 * $0 }
        let numeric = GradientCheck.numericGradient(of: { c.loss(hPrevious: $0) }, at: c.hPrevious)
        try expectGradient(
            try c.learners().dPrevious, matches: numeric, "∂L/∂hₜ₋₁",
            diagnoses: [
                Diagnosis("W δₜ was used: the gradient flows back through the transpose, Wᵀ δₜ (Eq. 7.5)") {
                    c.W * delta
                },
                Diagnosis("∂L/∂hₜ₋₁ = Wᵀ δₜ needs δₜ, with its factor 1 − hₜ², not ∂L/∂hₜ (Eq. 7.5)") {
                    c.W.transposed * c.P
                },
            ])
    },
    Check("Eq. 7.5–7.6 — your step agrees with the core's VanillaCell.backwardStep (batch of 4)") {
        let c = BackwardCase(seed: 734, inputs: 5, hidden: 4, batch: 4)
        let cell = VanillaCell(inputWeights: c.U, recurrentWeights: c.W, biases: c.b)
        let (state, cache) = cell.step(.dense(c.x), state: [c.hPrevious])
        var gradients = cell.zeroGradients()
        let back = cell.backwardStep([c.P], cache: cache, gradients: &gradients)
        let got = try recurrentBackwardStep(dHidden: c.P, hidden: state[0], hPrevious: c.hPrevious, x: c.x, W: c.W)
        try expectClose(got.dU, gradients[0], "∂L/∂U")
        try expectClose(got.dW, gradients[1], "∂L/∂W")
        try expectClose(got.db, gradients[2], "∂L/∂b")
        try expectClose(got.dPrevious, back.dPreviousState[0], "∂L/∂hₜ₋₁")
    },
]

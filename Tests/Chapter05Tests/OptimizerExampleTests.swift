// Eq. 5.10–5.14: the printed two-step example of every update rule, against the hand-written
// equations and against numbers worked out on paper.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — the optimizers' printed example")
struct OptimizerExampleTests {
    @Test(
        "Eq. 5.10–5.14 — each core optimizer equals its equation by hand on the printed example",
        arguments: OptimizerChoice.allCases)
    func matchesHand(_ choice: OptimizerChoice) {
        let example = OptimizerExample.self
        let core = choice.steps(from: example.start, gradients: example.gradients, learningRate: example.learningRate)
        let hand = choice.stepsByHand(
            from: example.start, gradients: example.gradients, learningRate: example.learningRate)
        for (a, b) in zip(core.joined(), hand.joined()) {
            expectClose(a, b, tolerance: Tolerance.exactArithmetic)
        }
    }

    /// θ₂ worked out on paper for θ₀ = (1, −2), g₁ = (0.5, −1), g₂ = (0.2, 0.4), η = 0.1, μ = 0.9.
    @Test("Eq. 5.10 — momentum: θ₂ = (0.885, −1.85) on paper")
    func momentumOnPaper() {
        let core = OptimizerChoice.momentum.steps(
            from: OptimizerExample.start, gradients: OptimizerExample.gradients, learningRate: 0.1)
        // v₁ = (−0.05, 0.1), θ₁ = (0.95, −1.9); v₂ = 0.9v₁ − 0.1g₂ = (−0.065, 0.05).
        expectClose(core[1][0], 0.885, tolerance: Tolerance.exactArithmetic)
        expectClose(core[1][1], -1.85, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.11 — Nesterov: θ₁ = θ₀ + (1 + μ)v₁ = (0.905, −1.81) on paper")
    func nesterovOnPaper() {
        let core = OptimizerChoice.nesterov.steps(
            from: OptimizerExample.start, gradients: OptimizerExample.gradients, learningRate: 0.1)
        expectClose(core[0][0], 0.905, tolerance: Tolerance.exactArithmetic)
        expectClose(core[0][1], -1.81, tolerance: Tolerance.exactArithmetic)
        // v₂ = (−0.065, 0.05); θ₂ = θ₁ − μv₁ + (1 + μ)v₂ = (0.8265, −1.805).
        expectClose(core[1][0], 0.8265, tolerance: Tolerance.exactArithmetic)
        expectClose(core[1][1], -1.805, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.12–5.14 — Adagrad and Adam move each coordinate by η on the first step, RMSprop by η/√(1 − ρ)")
    func firstAdaptiveStep() {
        let eta = OptimizerExample.learningRate
        for choice in [OptimizerChoice.adagrad, .adam, .rmsprop] {
            let first = choice.steps(
                from: OptimizerExample.start, gradients: OptimizerExample.gradients, learningRate: eta)[0]
            let expected = choice == .rmsprop ? eta / (1 - OptimizerChoice.decay).squareRoot() : eta
            // The gradient's signs are (+, −), so θ moves by (−step, +step); ε shifts it by ~1e-8.
            let epsilonEffect = 1e-6
            expectClose(first[0], 1 - expected, tolerance: epsilonEffect)
            expectClose(first[1], -2 + expected, tolerance: epsilonEffect)
        }
    }

    @Test("Rosenbrock: momentum and Adam end nearer (1, 1) than SGD at the chapter's rates")
    func rosenbrockOrdering() {
        let function = Rosenbrock()
        func distance(_ choice: OptimizerChoice) -> Double {
            let end = optimizerPath(
                optimizer: choice.make(learningRate: choice.rosenbrockRate), start: OptimizerSetup.start,
                function: function, steps: OptimizerSetup.fullSteps
            ).last!
            return ((end.x - 1) * (end.x - 1) + (end.y - 1) * (end.y - 1)).squareRoot()
        }
        let sgd = distance(.sgd)
        #expect(distance(.momentum) < sgd)
        #expect(distance(.adam) < sgd)
    }
}

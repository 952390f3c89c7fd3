// The chapter's equations checked on its own small networks: the δ recursion printed in 7.2, the
// hello network of 7.3, and the product of Jacobians of 7.5.

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — BPTT on \"hello\", the hello network, and gradients through time")
struct RecurrentEquationTests {
    @Test(
        "Eq. 7.5 — the printed δ recursion gives the core's gradients: Σ δₜ is ∂L/∂b, ∂L/∂h₀ = Wᵀδ₁",
        arguments: [1, 2, 3] as [UInt64])
    func deltaRecursion(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let model = HelloTask.network(using: &generator)
        let pass = model.forward(HelloTask.stepInputs)
        let rows = Chapter07.deltaRecursion(model, pass: pass, targets: HelloTask.targets)
        let (gradients, dInitial) = model.backward(pass, targets: HelloTask.stepTargets)
        var biasGradient = [Double](repeating: 0, count: 3)
        for row in rows { for i in 0..<3 { biasGradient[i] += row.delta[i] } }
        expectClose(Matrix(column: biasGradient), gradients[2], tolerance: Tolerance.exactArithmetic)
        let first = try #require(rows.last)
        #expect(first.step == 1)
        let wTransposeDelta = Matrix.product(model.cell.recurrentWeights, Matrix(column: first.delta), transposeA: true)
        expectClose(wTransposeDelta, dInitial[0], tolerance: Tolerance.exactArithmetic)
        // The last step has no future: Wᵀδ_{T+1} = 0.
        #expect(rows[0].fromFuture.allSatisfy { $0 == 0 })
    }

    @Test(
        "Eq. 7.4, Eq. 7.6 — the BPTT check of 7.2: central differences and the tape agree with the core",
        arguments: [1, 4] as [UInt64])
    func gradientCheck(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let check = Chapter07.gradientCheck(HelloTask.network(using: &generator))
        #expect(check.rows.count == 5)
        #expect(check.worstNumeric < Tolerance.gradientCheckSmooth)
        #expect(check.worstTape < Tolerance.twoAnalyticGradients)
    }

    @Test(
        "Eq. 7.3 — the hello network learns its four transitions, and predicts \"ello\" from \"hell\"",
        arguments: [1, 2, 3, 4, 5] as [UInt64])
    func hello(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var model = HelloTask.network(using: &generator)
        let losses = HelloTask.train(&model, iterations: helloIterations)
        #expect(HelloTask.predictions(model) == "ello")
        let probabilities = model.forward(HelloTask.stepInputs).probabilities
        for t in 0..<4 {
            #expect(probabilities[HelloTask.targets[t], t] > 0.9, "step \(t + 1)")
        }
        #expect(losses.last! < 0.1 * losses.first!)
    }

    @Test(
        "Eq. 7.11 — ∂h_T/∂hₜ is the product of the step Jacobians: it matches central differences",
        arguments: [0, 5, 9])
    func jacobianProduct(from t: Int) {
        var generator = SeededGenerator(seed: 6)
        let cell = VanillaCell(inputSize: 5, hiddenSize: 4, scale: 0.7, using: &generator)
        let model = SequenceModel(cell: cell, outputSize: 5, using: &generator)
        let inputs = (0..<10).map { _ in generator.integer(below: 5) }
        let pass = model.forward(inputs.map { .oneHot([$0]) })
        let product = GradientFlow.jacobianProduct(model, pass: pass, from: t)
        // Central differences: nudge hₜ, run steps t+1 … T, read h_T.
        let ht = pass.states[t][0]
        var numeric = Matrix(rows: 4, columns: 4)
        let h = 1e-6
        for j in 0..<4 {
            func finalHidden(_ shift: Double) -> Matrix {
                var state = [ht]
                state[0][j, 0] += shift
                for k in t..<inputs.count { state = cell.step(.oneHot([inputs[k]]), state: state).state }
                return state[0]
            }
            let column = (finalHidden(h) - finalHidden(-h)) / (2 * h)
            for i in 0..<4 { numeric[i, j] = column[i, 0] }
        }
        expectClose(product, numeric, tolerance: 1e-8)
    }

    @Test(
        "Eq. 7.5, Eq. 7.11 — BPTT's ∂L_T/∂hₜ equals (∏ Jacobians)ᵀ ∂L_T/∂h_T, and obeys the bound ρ^(T−t)",
        arguments: GradientFlow.radii)
    func gradientThroughTime(radius: Double) {
        var generator = SeededGenerator(seed: 2)
        let (inputs, target) = GradientFlow.sequence(using: &generator)
        let model = GradientFlow.network(radius: radius, using: &generator)
        let norms = GradientFlow.gradientNorms(model, inputs: inputs, target: target)
        let pass = model.forward(inputs.map { .oneHot([$0]) })
        let last = GradientFlow.lastStepGradient(model, pass: pass, target: target)
        let steps = inputs.count
        for t in [steps - 1, steps - 10, steps / 2, 1] {
            let viaProduct = Matrix.product(
                GradientFlow.jacobianProduct(model, pass: pass, from: t), last, transposeA: true)
            expectClose(viaProduct.norm(), norms[t - 1], tolerance: 1e-9, "t = \(t)")
            // Orthogonal Q and tanh′ ≤ 1: each step shrinks or grows the norm by at most ρ.
            #expect(norms[t - 1] <= pow(radius, Double(steps - t)) * norms[steps - 1] * (1 + 1e-9))
        }
    }

    @Test("GradientFlow.orthogonal is orthogonal: QᵀQ = I")
    func orthogonal() {
        var generator = SeededGenerator(seed: 3)
        let q = GradientFlow.orthogonal(12, using: &generator)
        expectClose(Matrix.product(q, q, transposeA: true), Matrix.identity(12), tolerance: 1e-12)
    }

    @Test("n-gram entropies: a text with one repeated letter costs nothing; two alternating letters cost log 2 then 0")
    func ngrams() {
        let constant = ngramEntropies([0, 0, 0, 0], symbols: 2)
        #expect(constant.unigram == 0 && constant.bigram == 0)
        let alternating = ngramEntropies([0, 1, 0, 1, 0, 1, 0, 1], symbols: 2)
        expectClose(alternating.unigram, log(2), tolerance: Tolerance.exactArithmetic)
        expectClose(alternating.bigram, 0, tolerance: Tolerance.exactArithmetic)
    }
}

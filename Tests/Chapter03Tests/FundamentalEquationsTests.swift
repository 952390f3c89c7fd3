// The chapter's worked example: the numbers section 3.1–3.2 prints, and BP1–BP4 checked against
// central differences and against the core's matrix backpropagation.

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter03

/// The chapter prints these numbers to six decimals; a printed digit is right to half a unit.
let printedSixDecimals = 5e-7

@Suite("Chapter 03 — the four fundamental equations on the worked [2, 3, 2] example")
struct FundamentalEquationsTests {
    let net = WorkedExample.components
    let x = WorkedExample.input
    let y = WorkedExample.target

    @Test("Eq. 3.1–3.2 — the forward pass and the cost printed in section 3.1")
    func forwardPass() {
        let (zs, activations) = net.forward(x)
        for (actual, expected) in zip(zs[0], [0.1, 0.6, 0.25]) {
            expectClose(actual, expected, tolerance: Tolerance.exactArithmetic)
        }
        for (actual, expected) in zip(zs[1], [-0.1954, 0.8555]) { expectClose(actual, expected, tolerance: 5e-5) }
        expectClose(net.cost(x, y), 0.396740, tolerance: printedSixDecimals)
        // The core's matrix forward pass gives the same output.
        let core = WorkedExample.network.feedforward(Matrix(column: x))
        expectClose(core, Matrix(column: activations[2]), tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 3.3 — BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ), printed values and central differences in zᴸ")
    func bp1() {
        let deltas = net.deltas(x, y)
        for (actual, expected) in zip(deltas[1], [-0.135873, 0.146876]) {
            expectClose(actual, expected, tolerance: printedSixDecimals)
        }
        let z = net.forward(x).zs[1]
        let numeric = GradientCheck.numericGradient(of: { net.cost(weightedInput: $0, layer: 1, target: y) }, at: z)
        expectGradientsMatch(analytic: deltas[1], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth)
    }

    @Test("Eq. 3.4 — BP2: δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ′(zˡ), printed values and central differences in zˡ")
    func bp2() {
        let deltas = net.deltas(x, y)
        for (actual, expected) in zip(deltas[0], [-0.023993, 0.028984, 0.022232]) {
            expectClose(actual, expected, tolerance: printedSixDecimals)
        }
        let z = net.forward(x).zs[0]
        let numeric = GradientCheck.numericGradient(of: { net.cost(weightedInput: $0, layer: 0, target: y) }, at: z)
        expectGradientsMatch(analytic: deltas[0], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth)
        // BP2 written as a matrix product gives the same δ².
        let w3 = Matrix(WorkedExample.outputWeights)
        let sigmaPrime = Matrix(column: z.map(Activation.sigmoid.derivative))
        let matrixForm = (w3.transposed * Matrix(column: deltas[1])) ⊙ sigmaPrime
        expectClose(matrixForm, Matrix(column: deltas[0]), tolerance: Tolerance.blasVersusLoop)
    }

    @Test("Eq. 3.5 — BP3: ∂C/∂bˡⱼ = δˡⱼ against central differences in every bias")
    func bp3() {
        let db = net.biasGradients(x, y)
        for i in 0..<2 {
            let numeric = GradientCheck.numericGradient(
                of: { b in
                    var moved = net
                    moved.biases[i] = b
                    return moved.cost(x, y)
                }, at: net.biases[i])
            expectGradientsMatch(analytic: db[i], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth)
        }
    }

    @Test("Eq. 3.6 — BP4: ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ against central differences in every weight")
    func bp4() {
        let dw = net.weightGradients(x, y)
        // The printed example: ∂C/∂w³₁₁ = a²₁ δ³₁.
        let activations = net.forward(x).activations
        expectClose(dw[1][0][0], activations[1][0] * net.deltas(x, y)[1][0], tolerance: Tolerance.exactArithmetic)
        for i in 0..<2 {
            for j in net.weights[i].indices {
                let numeric = GradientCheck.numericGradient(
                    of: { row in
                        var moved = net
                        moved.weights[i][j] = row
                        return moved.cost(x, y)
                    }, at: net.weights[i][j])
                expectGradientsMatch(analytic: dw[i][j], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth)
            }
        }
    }

    @Test("Eq. 3.3–3.6 — the component form equals the core's matrix backpropagation")
    func componentEqualsMatrix() {
        var generator = SeededGenerator(seed: 1)
        let core = WorkedExample.network.backpropagate(
            Matrix(column: x), Matrix(column: y), cost: QuadraticCost(), generator: &generator)
        let dw = net.weightGradients(x, y)
        let db = net.biasGradients(x, y)
        let expected = [Matrix(dw[0]), Matrix(column: db[0]), Matrix(dw[1]), Matrix(column: db[1])]
        for (actual, wanted) in zip(core.gradients, expected) {
            expectClose(actual, wanted, tolerance: Tolerance.blasVersusLoop)
        }
        for (actual, wanted) in zip(core.deltas, net.deltas(x, y)) {
            expectClose(actual, Matrix(column: wanted), tolerance: Tolerance.blasVersusLoop)
        }
    }

    @Test("Eq. 3.7 — one SGD step lowers the cost, as printed, and by about −η‖∇C‖²")
    func sgdStep() {
        let before = net.cost(x, y)
        let after = net.step(x, y, learningRate: 0.5).cost(x, y)
        expectClose(after, 0.354877, tolerance: printedSixDecimals)
        #expect(after < before)
        let squaredNorm =
            (net.biasGradients(x, y).flatMap { $0 } + net.weightGradients(x, y).flatMap { $0.flatMap { $0 } })
            .reduce(0) { $0 + $1 * $1 }
        // A step this large is first-order only roughly: within 5% of Eq. 2.11's prediction.
        expectClose((after - before) / (-0.5 * squaredNorm), 1, tolerance: 0.05)
        // The core's SGD takes the same step.
        var network = WorkedExample.network
        var generator = SeededGenerator(seed: 1)
        let gradients = network.backpropagate(
            Matrix(column: x), Matrix(column: y), cost: QuadraticCost(), generator: &generator
        ).gradients
        var sgd = SGD(learningRate: 0.5)
        network.updateParameters { sgd.step(&$0, gradients: gradients) }
        expectClose(
            ComponentNetwork(network).cost(x, y), after, tolerance: Tolerance.exactArithmetic)
    }
}

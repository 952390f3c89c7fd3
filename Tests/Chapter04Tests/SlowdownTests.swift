import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter04

@Suite("Chapter 04 — the learning slowdown of one sigmoid neuron")
struct SlowdownTests {
    static let points: [(Double, Double)] = [(0.6, 0.9), (2.0, 2.0), (-1.5, 0.4), (3.0, -5.0)]

    @Test(
        "Eq. 4.1 — quadratic-cost gradients (a − y)σ′(z)x and (a − y)σ′(z): formula, central differences and tape agree",
        arguments: points)
    func quadraticGradient(w: Double, b: Double) {
        checkThreeWays(.quadratic, OneNeuron(w: w, b: b), x: 1.0, y: 0.0)
        checkThreeWays(.quadratic, OneNeuron(w: w, b: b), x: -0.7, y: 1.0)
    }

    @Test(
        "Eq. 4.3 — cross-entropy gradients x(a − y) and a − y: formula, central differences and tape agree",
        arguments: points)
    func crossEntropyGradient(w: Double, b: Double) {
        checkThreeWays(.crossEntropy, OneNeuron(w: w, b: b), x: 1.0, y: 0.0)
        checkThreeWays(.crossEntropy, OneNeuron(w: w, b: b), x: -0.7, y: 1.0)
    }

    func checkThreeWays(_ kind: NeuronCost, _ neuron: OneNeuron, x: Double, y: Double) {
        let formula = neuron.gradient(kind, x: x, y: y)
        let numeric = neuron.numericGradient(kind, x: x, y: y)
        let tape = neuron.tapeGradient(kind, x: x, y: y)
        expectGradientsMatch(
            analytic: [formula.w, formula.b], numeric: [numeric.w, numeric.b], tolerance: Tolerance.gradientCheckSmooth)
        expectGradientsMatch(
            analytic: [formula.w, formula.b], numeric: [tape.w, tape.b], tolerance: Tolerance.twoAnalyticGradients)
        expectClose(tape.cost, neuron.cost(kind, x: x, y: y), tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 4.3 — at (2, 2) the cross-entropy gradient is 1/σ′(4) ≈ 56 times the quadratic one")
    func gradientRatio() {
        let neuron = SlowdownSetting.starts[1]
        let quadratic = neuron.gradient(.quadratic, x: 1, y: 0)
        let cross = neuron.gradient(.crossEntropy, x: 1, y: 0)
        expectClose(cross.b / quadratic.b, 1 / Activation.sigmoid.derivative(4), tolerance: Tolerance.exactArithmetic)
        #expect(cross.b / quadratic.b > 50)
    }

    @Test(
        "Slowdown: from (2, 2) the quadratic cost barely moves in 30 epochs while the cross-entropy falls by over 90%")
    func slowdown() {
        let start = SlowdownSetting.starts[1]
        let (x, y, eta) = (SlowdownSetting.x, SlowdownSetting.y, SlowdownSetting.eta)
        let quadratic = start.descend(.quadratic, x: x, y: y, eta: eta, epochs: 30).map {
            $0.cost(.quadratic, x: x, y: y)
        }
        let cross = start.descend(.crossEntropy, x: x, y: y, eta: eta, epochs: 30).map {
            $0.cost(.crossEntropy, x: x, y: y)
        }
        // The seed-1 run: quadratic −0.7%, cross-entropy −94%. Asserted with wide margins.
        #expect(quadratic[30] > 0.95 * quadratic[0], "quadratic fell from \(quadratic[0]) to \(quadratic[30])")
        #expect(cross[30] < 0.10 * cross[0], "cross-entropy fell from \(cross[0]) to \(cross[30])")
        // Both decrease at every step: the slowdown is slowness, not divergence.
        #expect(zip(quadratic, quadratic.dropFirst()).allSatisfy { $1 < $0 })
        #expect(zip(cross, cross.dropFirst()).allSatisfy { $1 < $0 })
    }

    @Test("Slowdown: from (0.6, 0.9), where σ′ is not small, the quadratic cost learns promptly too")
    func noSlowdownWhenModeratelyWrong() {
        let start = SlowdownSetting.starts[0]
        let costs = start.descend(.quadratic, x: 1, y: 0, eta: 0.15, epochs: 100).map {
            $0.cost(.quadratic, x: 1, y: 0)
        }
        #expect(costs[100] < 0.1 * costs[0])
    }
}

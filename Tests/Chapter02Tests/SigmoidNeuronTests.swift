import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter02

@Suite("Chapter 02 — sigmoid neurons and gradient descent")
struct SigmoidNeuronTests {
    static func surface(seed: UInt64 = 3, count: Int = 40) -> QuadraticCostSurface {
        var generator = SeededGenerator(seed: seed)
        return QuadraticCostSurface(
            data: OneInputData.noisyThreshold(count: count, trueW: 1.5, trueB: -1, using: &generator))
    }

    @Test("Eq. 2.1 — σ(0) = ½, σ(ln 3) = ¾, σ(−z) = 1 − σ(z)")
    func sigmoidValues() {
        #expect(Activation.sigmoid.value(0) == 0.5)
        expectClose(Activation.sigmoid.value(log(3)), 0.75, tolerance: Tolerance.exactArithmetic)
        for z in stride(from: -5.0, through: 5.0, by: 0.5) {
            expectClose(
                Activation.sigmoid.value(-z), 1 - Activation.sigmoid.value(z), tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test("Eq. 2.7 — the linear estimate of Δoutput is accurate to second order")
    func smoothness() {
        let neuron = SigmoidNeuron(weights: [0.7, -1.2, 0.4], bias: 0.3)
        let x = [0.5, 0.25, -1.0]
        let direction = [0.3, -0.8, 0.5, 0.9]
        func error(_ epsilon: Double) -> Double {
            let dw = direction[0..<3].map { $0 * epsilon }
            var moved = neuron
            for j in 0..<3 { moved.weights[j] += dw[j] }
            moved.bias += direction[3] * epsilon
            let actual = moved.output(x) - neuron.output(x)
            return abs(actual - neuron.linearizedChange(at: x, deltaWeights: dw, deltaBias: direction[3] * epsilon))
        }
        // Second order: shrinking ε tenfold shrinks the error about a hundredfold.
        let ratio = error(1e-2) / error(1e-3)
        #expect(ratio > 90 && ratio < 110, "ratio \(ratio)")
        #expect(error(1e-3) < 1e-6)
    }

    @Test(
        "Eq. 2.9 — ∂C/∂w and ∂C/∂b: formula, central differences and the tape agree",
        arguments: [(-3.0, 3.0), (0.5, 0.5), (2.0, -1.5), (6.0, 4.0)])
    func costGradient(w: Double, b: Double) {
        let surface = Self.surface()
        let analytic = surface.gradient(w: w, b: b)
        let numeric = GradientCheck.numericGradient(of: { surface.cost(w: $0[0], b: $0[1]) }, at: [w, b])
        expectGradientsMatch(
            analytic: [analytic.w, analytic.b], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth)
        // The tape: C = (1/2n) Σ (y − σ(wx + b))², built from elementary operations.
        let wValue = Value(w)
        let bValue = Value(b)
        let terms = zip(surface.data.x, surface.data.y).map { x, y in
            (y - (wValue * x + bValue).sigmoid()).power(2)
        }
        let cost = Value.sum(terms) / Double(2 * surface.data.x.count)
        cost.backward()
        expectClose(cost.data, surface.cost(w: w, b: b), tolerance: Tolerance.exactArithmetic)
        expectGradientsMatch(
            analytic: [analytic.w, analytic.b], numeric: [wValue.grad, bValue.grad],
            tolerance: Tolerance.twoAnalyticGradients)
    }

    @Test("Eq. 2.10–2.11 — a small step changes the cost by about −η‖∇C‖²")
    func firstOrderDecrease() {
        let surface = Self.surface()
        let (w, b) = (-1.0, 1.0)
        let g = surface.gradient(w: w, b: b)
        let eta = 1e-3
        let predicted = -eta * (g.w * g.w + g.b * g.b)
        let actual = surface.cost(w: w - eta * g.w, b: b - eta * g.b) - surface.cost(w: w, b: b)
        #expect(actual < 0)
        expectClose(actual / predicted, 1, tolerance: 1e-2)  // the O(η²) remainder is ~1% at this η
    }

    @Test("Eq. 2.10 — descent with a moderate η lowers the cost at every step", arguments: UInt64(1)...UInt64(6))
    func descentLowersCost(seed: UInt64) {
        let surface = Self.surface(seed: seed, count: 60)
        let path = surface.descend(from: descentStart, eta: defaultLearningRates[1], steps: 150)
        let costs = path.map { surface.cost(w: $0.w, b: $0.b) }
        #expect(zip(costs, costs.dropFirst()).allSatisfy { $1 <= $0 })
        #expect(costs.last! < 0.5 * costs.first!)
    }

    @Test("A learning rate that is too large raises the cost on some steps", arguments: UInt64(1)...UInt64(6))
    func tooLargeRate(seed: UInt64) {
        let surface = Self.surface(seed: seed, count: 60)
        let path = surface.descend(from: descentStart, eta: defaultLearningRates.last!, steps: 150)
        let costs = path.map { surface.cost(w: $0.w, b: $0.b) }
        #expect(zip(costs, costs.dropFirst()).contains { $1 > $0 })
    }

    @Test("The computation graph's tape gradient equals Eq. 2.9 for one example")
    func graphGradient() {
        let w = Value(1.2)
        let b = Value(-0.5)
        let x = 0.8
        let z = w * x + b
        let cost = 0.5 * (z.sigmoid() - 1).power(2)
        cost.backward()
        let a = Activation.sigmoid.value(z.data)
        let expected = (a - 1) * Activation.sigmoid.derivative(z.data) * x
        expectClose(w.grad, expected, tolerance: Tolerance.twoAnalyticGradients)
        expectClose(b.grad, (a - 1) * Activation.sigmoid.derivative(z.data), tolerance: Tolerance.twoAnalyticGradients)
    }
}

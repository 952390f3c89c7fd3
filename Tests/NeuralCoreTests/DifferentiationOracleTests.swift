// The tape checked against a second, independent reverse-mode implementation: the compiler's
// own automatic differentiation (Swift's _Differentiation module).

import Foundation
import NeuralCore
import TestSupport
import Testing
import _Differentiation

@differentiable(reverse)
private func tanhMix(_ a: Double, _ b: Double, _ c: Double) -> Double {
    tanh(a * b + c) * a - b / c
}

@differentiable(reverse)
private func logExp(_ a: Double, _ b: Double, _ c: Double) -> Double {
    log(a * a + b * b + 1) + exp(c * 0.5)
}

@differentiable(reverse)
private func sigmoidCost(_ w: Double, _ b: Double, _ x: Double) -> Double {
    let a = 1 / (1 + exp(-(w * x + b)))
    return 0.5 * (a - 1) * (a - 1)
}

@Suite("Reverse-mode tape — against Swift's _Differentiation")
struct DifferentiationOracleTests {
    static let points: [(Double, Double, Double)] = [(0.3, 1.1, 0.7), (-1.2, 0.4, 1.9), (0.9, -0.8, -1.3)]

    @Test("tanh(ab + c)·a − b/c: tape and compiler agree", arguments: points)
    func tanhExpression(point: (Double, Double, Double)) {
        let (a, b, c) = (Value(point.0), Value(point.1), Value(point.2))
        let output = (a * b + c).tanh() * a - b / c
        output.backward()
        expectClose(output.data, tanhMix(point.0, point.1, point.2), tolerance: Tolerance.exactArithmetic)
        let oracle = gradient(at: point.0, point.1, point.2, of: tanhMix)
        expectGradientsMatch(
            analytic: [a.grad, b.grad, c.grad], numeric: [oracle.0, oracle.1, oracle.2],
            tolerance: Tolerance.twoAnalyticGradients)
    }

    @Test("log(a² + b² + 1) + e^(c/2): tape and compiler agree", arguments: points)
    func logExpExpression(point: (Double, Double, Double)) {
        let (a, b, c) = (Value(point.0), Value(point.1), Value(point.2))
        let output = (a * a + b * b + 1).log() + (c * 0.5).exp()
        output.backward()
        expectClose(output.data, logExp(point.0, point.1, point.2), tolerance: Tolerance.exactArithmetic)
        let oracle = gradient(at: point.0, point.1, point.2, of: logExp)
        expectGradientsMatch(
            analytic: [a.grad, b.grad, c.grad], numeric: [oracle.0, oracle.1, oracle.2],
            tolerance: Tolerance.twoAnalyticGradients)
    }

    @Test("Eq. 2.9 — one sigmoid neuron's quadratic cost: tape and compiler agree", arguments: points)
    func sigmoidNeuron(point: (Double, Double, Double)) {
        let (w, b) = (Value(point.0), Value(point.1))
        let x = point.2
        let output = 0.5 * ((w * x + b).sigmoid() - 1).power(2)
        output.backward()
        expectClose(output.data, sigmoidCost(point.0, point.1, point.2), tolerance: Tolerance.exactArithmetic)
        let oracle = gradient(at: point.0, point.1, point.2, of: sigmoidCost)
        expectGradientsMatch(
            analytic: [w.grad, b.grad], numeric: [oracle.0, oracle.1], tolerance: Tolerance.twoAnalyticGradients)
    }
}

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Activations — derivatives against finite differences, and identities")
struct ActivationTests {
    static let smooth: [Activation] = [.sigmoid, .tanh, .identity]
    static let piecewise: [Activation] = [.relu, .leakyReLU(slope: 0.01), .leakyReLU(slope: 0.2)]
    /// Points away from 0 (where ReLU has its kink), from saturation to the linear range.
    static let points: [Double] = stride(from: -6.05, through: 6.05, by: 0.3).map { $0 }
    /// In saturation (|f′| ≲ 1e-4) the rounding noise of a central difference, ε·|f|/h ≈ 1e-11,
    /// is no longer small relative to f′; below this floor the comparison becomes absolute.
    static let saturationFloor = 1e-4

    @Test("Eq. 2.5 — σ′, tanh′ and the identity's derivative match central differences", arguments: smooth)
    func smoothDerivatives(activation: Activation) {
        let analytic = Self.points.map(activation.derivative)
        let numeric = Self.points.map { z in
            GradientCheck.numericGradient(of: { activation.value($0[0]) }, at: [z])[0]
        }
        let report = GradientCheck.compare(analytic: analytic, numeric: numeric, floor: Self.saturationFloor)
        #expect(report.maxRelativeError < Tolerance.gradientCheckSmooth, "\(report)")
    }

    @Test("Eq. 2.3–2.4 — ReLU and leaky ReLU derivatives away from the kink", arguments: piecewise)
    func piecewiseDerivatives(activation: Activation) {
        let analytic = Self.points.map(activation.derivative)
        let numeric = Self.points.map { z in
            GradientCheck.numericGradient(of: { activation.value($0[0]) }, at: [z])[0]
        }
        expectGradientsMatch(analytic: analytic, numeric: numeric, tolerance: Tolerance.gradientCheckSmooth)
    }

    @Test("Eq. 2.2 — tanh z = 2σ(2z) − 1", arguments: points)
    func tanhThroughSigmoid(z: Double) {
        expectClose(tanh(z), 2 * Activation.sigmoid.value(2 * z) - 1, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 2.6 — σ′ peaks at z = 0 with value 1/4")
    func sigmoidDerivativeMaximum() {
        #expect(Activation.sigmoid.derivative(0) == 0.25)
        #expect(Self.points.allSatisfy { Activation.sigmoid.derivative($0) < 0.25 })
    }

    @Test("Sigmoid is finite and saturates correctly for huge |z|")
    func sigmoidExtremes() {
        #expect(Activation.sigmoid.value(-1000) == 0)
        #expect(Activation.sigmoid.value(1000) == 1)
        #expect(Activation.sigmoid.value(-745).isFinite)
    }

    @Test("Eq. 1.1 — the step function is 1 for z > 0 and 0 otherwise")
    func step() {
        #expect(Activation.step.value(0.001) == 1)
        #expect(Activation.step.value(0) == 0)
        #expect(Activation.step.value(-3) == 0)
    }

    @Test("Matrix forms apply the function entry-wise")
    func matrixForms() {
        let z = Matrix([[-1, 0], [2, 3]])
        #expect(Activation.relu.value(z) == Matrix([[0, 0], [2, 3]]))
        #expect(Activation.relu.derivative(z) == Matrix([[0, 0], [1, 1]]))
    }
}

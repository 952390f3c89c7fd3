import NeuralCore
import TestSupport
import Testing

@Suite("Gradient check — the helper itself")
struct GradientCheckTests {
    @Test("Relative error |a − n| / max(|a|, |n|, floor)")
    func relativeError() {
        #expect(GradientCheck.relativeError(1, 1) == 0)
        expectClose(GradientCheck.relativeError(1, 1.1), 0.1 / 1.1, tolerance: Tolerance.exactArithmetic)
        #expect(GradientCheck.relativeError(0, 0) == 0)
        // Both below the floor: treated as the same zero, up to noise of size floor.
        #expect(GradientCheck.relativeError(1e-13, -1e-13) < 1e-4)
        #expect(GradientCheck.relativeError(1, -1) == 2)
    }

    @Test("Central differences are exact for quadratics")
    func quadraticExactness() {
        // f(x) = Σ cᵢ xᵢ², ∇f = 2cᵢxᵢ; central differences have no truncation error on quadratics.
        let c = [1.0, -2.0, 0.5]
        let x = [0.3, 1.7, -2.2]
        let numeric = GradientCheck.numericGradient(of: { v in zip(c, v).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } }, at: x)
        let analytic = zip(c, x).map { 2 * $0 * $1 }
        expectGradientsMatch(analytic: analytic, numeric: numeric, tolerance: 1e-9)
    }

    @Test("A wrong gradient is caught")
    func catchesWrongGradient() {
        let report = GradientCheck.compare(analytic: [1, 2, 3], numeric: [1, 2, 3.3])
        #expect(report.worstIndex == 2)
        #expect(report.maxRelativeError > 0.09)
    }

    @Test("A NaN in a gradient is the worst entry, never hidden by the finite ones after it")
    func catchesNaN() {
        let report = GradientCheck.compare(analytic: [1, .nan, 3, 4], numeric: [1, 2, 3, 5])
        #expect(report.worstIndex == 1)
        #expect(report.maxRelativeError.isNaN)
        #expect(!(report.maxRelativeError <= 1e-6), "a tolerance test rejects it")
    }
}

@Suite("Quadratic cost — value and gradient")
struct QuadraticCostTests {
    @Test("Eq. 3.2 — C = ½‖y − a‖² and ∇ₐC = a − y match central differences")
    func costAndGradient() {
        var generator = SeededGenerator(seed: 21)
        let a = Matrix.uniform(3, 4, low: 0, high: 1, using: &generator)
        let y = Matrix.uniform(3, 4, low: 0, high: 1, using: &generator)
        let byHand = zip(a.elements, y.elements).reduce(0) { $0 + 0.5 * ($1.1 - $1.0) * ($1.1 - $1.0) }
        expectClose(
            QuadraticCost().cost(z: a, output: a, target: y, activation: .identity), byHand,
            tolerance: Tolerance.exactArithmetic)
        let numeric = GradientCheck.numericGradient(
            of: { QuadraticCost().cost(z: $0, output: $0, target: y, activation: .identity) }, at: a)
        expectGradientsMatch(
            analytic: QuadraticCost().gradient(output: a, target: y), numeric: numeric,
            tolerance: Tolerance.gradientCheckSmooth)
    }
}

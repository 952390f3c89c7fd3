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
}

// The 2-D test surfaces of Chapter 05: their gradients, their minima, and optimizers run on them.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Test functions — Rosenbrock and Beale, and optimizer paths on them")
struct TestFunctionTests {
    static let rosenbrockPoints: [(Double, Double)] = [
        (-1.5, 2), (0, 0), (0.5, -0.3), (1.2, 1.5), (-0.7, 0.1), (2, 3.9),
    ]
    static let bealePoints: [(Double, Double)] = [(1, 1), (-1, 2), (2.5, -0.4), (0.5, 1.5), (-2, -1), (3.5, 0.7)]

    static func checkGradient(of function: some TestFunction, at points: [(Double, Double)]) {
        for (x, y) in points {
            let analytic = function.gradient(x, y)
            let numeric = GradientCheck.numericGradient(of: { function.value($0[0], $0[1]) }, at: [x, y])
            expectGradientsMatch(
                analytic: [analytic.x, analytic.y], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                "\(function.name) at (\(x), \(y))")
        }
    }

    @Test("Rosenbrock's analytic gradient matches central differences")
    func rosenbrockGradient() {
        Self.checkGradient(of: Rosenbrock(), at: Self.rosenbrockPoints)
        Self.checkGradient(of: Rosenbrock(a: 2, b: 10), at: Self.rosenbrockPoints)
    }

    @Test("Beale's analytic gradient matches central differences")
    func bealeGradient() {
        Self.checkGradient(of: Beale(), at: Self.bealePoints)
    }

    @Test("Rosenbrock is 0 at (1, 1) and Beale is 0 at (3, 0.5), with zero gradient, and larger nearby")
    func minima() {
        let functions: [any TestFunction] = [Rosenbrock(), Beale()]
        #expect(Rosenbrock().minimum == (1, 1))
        #expect(Beale().minimum == (3, 0.5))
        for function in functions {
            let (x, y) = function.minimum
            #expect(function.value(x, y) == 0)
            #expect(function.gradient(x, y) == (0, 0))
            for angle in stride(from: 0.0, to: 6.28, by: 0.5) {
                #expect(function.value(x + 0.01 * cos(angle), y + 0.01 * sin(angle)) > 0, "\(function.name)")
            }
        }
        // (a, a²) in general.
        #expect(Rosenbrock(a: 2, b: 10).value(2, 4) == 0)
    }

    @Test("An optimizer path starts at the start, has steps + 1 points, and leaves the caller's optimizer unchanged")
    func pathShape() {
        let momentum = Momentum(learningRate: 1e-3)
        let path = optimizerPath(optimizer: momentum, start: (-1.5, 2), function: Rosenbrock(), steps: 10)
        #expect(path.count == 11)
        #expect(path[0] == (-1.5, 2))
        #expect(momentum.velocity.isEmpty)
        // First SGD step by hand: ∇f(−1.5, 2) = (−2·2.5 − 4·100·(−1.5)·(2 − 2.25), 200·(−0.25)) = (−155, −50),
        // so with η = 0.001 the next point is (−1.5 + 0.155, 2 + 0.05).
        let sgdPath = optimizerPath(
            optimizer: SGD(learningRate: 1e-3), start: (-1.5, 2), function: Rosenbrock(), steps: 1)
        expectClose(sgdPath[1].x, -1.345, tolerance: Tolerance.exactArithmetic)
        expectClose(sgdPath[1].y, 2.05, tolerance: Tolerance.exactArithmetic)
    }

    /// An optimizer with settings that suit Rosenbrock from (−1.5, 2), and what it must reach in
    /// 2,000 steps. Measured (η as below): SGD ends at f ≈ 0.20, momentum and Nesterov within
    /// 0.02 of (1, 1), Adagrad at f ≈ 0.32, RMSprop at f ≈ 0.024 (0.12 from the minimum), Adam
    /// within 3e-6 of it. Each bound leaves a margin of at least about five times.
    enum RosenbrockRun: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sgd, momentum, nesterov, adagrad, rmsprop, adam

        var optimizer: any Optimizer {
            switch self {
            case .sgd: SGD(learningRate: 1e-3)
            case .momentum: Momentum(learningRate: 5e-4, momentum: 0.9)
            case .nesterov: Nesterov(learningRate: 5e-4, momentum: 0.9)
            case .adagrad: Adagrad(learningRate: 0.1)
            case .rmsprop: RMSprop(learningRate: 0.01, decay: 0.9)
            case .adam: Adam(learningRate: 0.05)
            }
        }

        /// The final value must be below this.
        var valueBound: Double {
            switch self {
            case .sgd: 1
            case .momentum, .nesterov: 0.01
            case .adagrad: 2
            case .rmsprop: 0.25
            case .adam: 1e-6
            }
        }

        /// The final point must be this close to (1, 1), where claimed.
        var distanceBound: Double? {
            switch self {
            case .momentum, .nesterov, .adam: 0.1
            default: nil
            }
        }

        var testDescription: String { rawValue }
    }

    @Test(
        "Eq. 5.10–5.14 — every optimizer lowers Rosenbrock from (−1.5, 2) over 2,000 steps",
        arguments: RosenbrockRun.allCases)
    func rosenbrockDescent(run: RosenbrockRun) throws {
        let rosenbrock = Rosenbrock()
        let path = optimizerPath(optimizer: run.optimizer, start: (-1.5, 2), function: rosenbrock, steps: 2000)
        let end = try #require(path.last)
        let startValue = rosenbrock.value(-1.5, 2)
        let endValue = rosenbrock.value(end.x, end.y)
        #expect(endValue.isFinite)
        #expect(endValue < startValue)
        #expect(endValue < run.valueBound, "ended at \(end) with f = \(endValue)")
        if let bound = run.distanceBound {
            let distance = ((end.x - 1) * (end.x - 1) + (end.y - 1) * (end.y - 1)).squareRoot()
            #expect(distance < bound, "ended at \(end), \(distance) from (1, 1)")
        }
    }
}

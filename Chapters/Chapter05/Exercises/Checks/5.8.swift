// Checks of exercise 5.8 (Nesterov, Eq. 5.11): the two printed steps of §5.6, 100 random steps
// against the core's Nesterov, and the Rosenbrock valley of §5.6.

import ExerciseKit
import Foundation
import NeuralCore

/// θ and v after running `rule` over `gradients` from θ₀ (v₀ = 0), as one row [θ…, v…].
func nesterovRun(
    _ theta0: Matrix, _ gradients: [Matrix], _ rule: (inout Matrix, inout Matrix, Matrix) throws -> Void
) rethrows -> Matrix {
    var theta = theta0
    var v = Matrix(rows: theta0.rows, columns: theta0.columns)
    for g in gradients { try rule(&theta, &v, g) }
    return Matrix(row: theta.elements + v.elements)
}

/// The classic wrong answers, run over the same gradients.
func nesterovMistakes(_ theta0: Matrix, _ gradients: [Matrix], _ eta: Double, _ mu: Double) -> [Diagnosis] {
    func run(_ rule: @escaping @Sendable (inout Matrix, inout Matrix, Matrix) -> Void) -> @Sendable () -> Matrix? {
        { nesterovRun(theta0, gradients, rule) }
    }
    return [
        Diagnosis(
            "that is classical momentum (Eq. 5.10), θ ← θ + v (the same as moving by μ times the OLD velocity); Nesterov's Eq. 5.11 moves θ by μv − ηg with the new v",
            run { theta, v, g in
                v = mu * v - eta * g
                theta = theta + v
            }),
        Diagnosis(
            "the −ηg term of the θ update is missing: θ ← θ + μv − ηg",
            run { theta, v, g in
                v = mu * v - eta * g
                theta = theta + mu * v
            }),
        Diagnosis(
            "the θ update has the new velocity (1 + μ) times and no −ηg: θ ← θ + μv − ηg",
            run { theta, v, g in
                v = mu * v - eta * g
                theta = theta + (1 + mu) * v
            }),
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 5.11 — the example of §5.6: from θ₀ = (1, −2), gradients (0.5, −1) then (0.2, 0.4), η = 0.1, μ = 0.9: θ₁ = (0.905, −1.81), θ₂ = (0.8265, −1.805)"
    ) {
        let theta0 = Matrix(column: [1, -2])
        let gradients = [Matrix(column: [0.5, -1]), Matrix(column: [0.2, 0.4])]
        let first = try nesterovRun(theta0, [gradients[0]]) { theta, v, g in
            try nesterovStep(theta: &theta, velocity: &v, gradient: g, eta: 0.1, mu: 0.9)
        }
        try expectAllFinite(first.elements, "(θ, v)")
        try expectClose(
            first, Matrix(row: [0.905, -1.81, -0.05, 0.1]), "(θ₁, v₁)", tolerance: 1e-12,
            diagnoses: nesterovMistakes(theta0, [gradients[0]], 0.1, 0.9))
        let second = try nesterovRun(theta0, gradients) { theta, v, g in
            try nesterovStep(theta: &theta, velocity: &v, gradient: g, eta: 0.1, mu: 0.9)
        }
        try expectAllFinite(second.elements, "(θ, v)")
        try expectClose(
            second, Matrix(row: [0.8265, -1.805, -0.065, 0.05]), "(θ₂, v₂)", tolerance: 1e-12,
            diagnoses: nesterovMistakes(theta0, gradients, 0.1, 0.9))
    },
    Check(
        "Eq. 5.11 — 100 steps with random gradients on a 3 × 4 θ (η = 0.05, μ = 0.8): the same θ and v as the core's Nesterov"
    ) {
        var generator = SeededGenerator(seed: 58)
        let theta0 = Matrix.gaussian(3, 4, using: &generator)
        let gradients = (0..<100).map { _ in Matrix.gaussian(3, 4, using: &generator) }
        let got = try nesterovRun(theta0, gradients) { theta, v, g in
            try nesterovStep(theta: &theta, velocity: &v, gradient: g, eta: 0.05, mu: 0.8)
        }
        try expectAllFinite(got.elements, "(θ, v)")
        var core = Nesterov(learningRate: 0.05, momentum: 0.8)
        var parameters = [theta0]
        for g in gradients { core.step(&parameters, gradients: [g]) }
        try expectClose(
            got, Matrix(row: parameters[0].elements + core.velocity[0].elements), "(θ, v)", tolerance: 1e-10,
            diagnoses: nesterovMistakes(theta0, gradients, 0.05, 0.8))
    },
    Check(
        "Eq. 5.11 — Rosenbrock's valley from (−1.2, 1), η = 0.001, μ = 0.9: within 0.1 of the minimum (1, 1) by step 650 (§5.6: step 522) and within 10⁻⁴ after 3,000"
    ) {
        let f = Rosenbrock()
        var theta = Matrix(column: [-1.2, 1])
        var v = Matrix(column: [0, 0])
        var firstClose: Int? = nil
        func distance() -> Double {
            ((theta[0, 0] - 1) * (theta[0, 0] - 1) + (theta[1, 0] - 1) * (theta[1, 0] - 1)).squareRoot()
        }
        for step in 1...3000 {
            let g = f.gradient(theta[0, 0], theta[1, 0])
            try nesterovStep(theta: &theta, velocity: &v, gradient: Matrix(column: [g.x, g.y]), eta: 0.001, mu: 0.9)
            if firstClose == nil, distance() < 0.1 { firstClose = step }
        }
        try expect(
            (firstClose ?? .max) <= 650 && distance() < 1e-4,
            "with your step θ came within 0.1 of (1, 1) \(firstClose.map { "at step \($0)" } ?? "never") and ended \(formatted(distance())) from it, at (\(formatted(theta[0, 0])), \(formatted(theta[1, 0])))"
        )
    },
]

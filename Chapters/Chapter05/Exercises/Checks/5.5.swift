// Checks of exercise 5.5 (momentum, Eq. 5.10): the two printed steps of §5.6, 100 random steps
// against the core's Momentum, and the Rosenbrock valley of §5.6.

import ExerciseKit
import Foundation
import NeuralCore

/// θ and v after running `rule` over `gradients` from θ₀ (v₀ = 0), as one row [θ…, v…].
func momentumRun(
    _ theta0: Matrix, _ gradients: [Matrix], _ eta: Double, _ mu: Double,
    _ rule: (inout Matrix, inout Matrix, Matrix) throws -> Void
) rethrows -> Matrix {
    var theta = theta0
    var v = Matrix(rows: theta0.rows, columns: theta0.columns)
    for g in gradients { try rule(&theta, &v, g) }
    return Matrix(row: theta.elements + v.elements)
}

/// The classic wrong answers, run over the same gradients.
func momentumMistakes(_ theta0: Matrix, _ gradients: [Matrix], _ eta: Double, _ mu: Double) -> [Diagnosis] {
    func run(_ rule: @escaping @Sendable (inout Matrix, inout Matrix, Matrix) -> Void) -> @Sendable () -> Matrix? {
        { momentumRun(theta0, gradients, eta, mu, rule) }
    }
    return [
        Diagnosis(
            "θ moved by the OLD velocity: update v ← μv − ηg first, then θ ← θ + v with the new v",
            run { theta, v, g in
                theta = theta + v
                v = mu * v - eta * g
            }),
        Diagnosis(
            "θ comes out right, but your velocity is −v: Eq. 5.10 keeps v ← μv − ηg (the step itself), so θ ← θ + v",
            run { theta, v, g in
                v = mu * v + eta * g
                theta = theta - v
            }),
        Diagnosis(
            "the gradient has the wrong sign: v ← μv − ηg steps downhill",
            run { theta, v, g in
                v = mu * v + eta * g
                theta = theta + v
            }),
        Diagnosis(
            "μ is missing: that is a plain SGD step; the velocity keeps μv of the last one",
            run { theta, v, g in
                v = -eta * g
                theta = theta + v
            }),
        Diagnosis(
            "μ multiplies the whole new velocity, μ(v − ηg); Eq. 5.10 is μv − ηg",
            run { theta, v, g in
                v = mu * (v - eta * g)
                theta = theta + v
            }),
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 5.10 — the example of §5.6: from θ₀ = (1, −2), gradients (0.5, −1) then (0.2, 0.4), η = 0.1, μ = 0.9: θ₂ = (0.885, −1.85), v₂ = (−0.065, 0.05)"
    ) {
        let theta0 = Matrix(column: [1, -2])
        let gradients = [Matrix(column: [0.5, -1]), Matrix(column: [0.2, 0.4])]
        let got = try momentumRun(theta0, gradients, 0.1, 0.9) { theta, v, g in
            try momentumStep(theta: &theta, velocity: &v, gradient: g, eta: 0.1, mu: 0.9)
        }
        try expectAllFinite(got.elements, "(θ, v)")
        try expectClose(
            got, Matrix(row: [0.885, -1.85, -0.065, 0.05]), "(θ₂, v₂)", tolerance: 1e-12,
            diagnoses: momentumMistakes(theta0, gradients, 0.1, 0.9))
    },
    Check(
        "Eq. 5.10 — 100 steps with random gradients on a 3 × 4 θ (η = 0.05, μ = 0.8): the same θ and v as the core's Momentum"
    ) {
        var generator = SeededGenerator(seed: 55)
        let theta0 = Matrix.gaussian(3, 4, using: &generator)
        let gradients = (0..<100).map { _ in Matrix.gaussian(3, 4, using: &generator) }
        let got = try momentumRun(theta0, gradients, 0.05, 0.8) { theta, v, g in
            try momentumStep(theta: &theta, velocity: &v, gradient: g, eta: 0.05, mu: 0.8)
        }
        try expectAllFinite(got.elements, "(θ, v)")
        var core = Momentum(learningRate: 0.05, momentum: 0.8)
        var parameters = [theta0]
        for g in gradients { core.step(&parameters, gradients: [g]) }
        try expectClose(
            got, Matrix(row: parameters[0].elements + core.velocity[0].elements), "(θ, v)", tolerance: 1e-12,
            diagnoses: momentumMistakes(theta0, gradients, 0.05, 0.8))
    },
    Check(
        "Eq. 5.10 — Rosenbrock's valley from (−1.2, 1), η = 0.001, μ = 0.9: within 0.1 of the minimum (1, 1) by step 600 (§5.6: step 486) and within 10⁻⁴ after 3,000"
    ) {
        let f = Rosenbrock()
        var theta = Matrix(column: [-1.2, 1])
        var v = Matrix(column: [0, 0])
        var firstClose: Int? = nil
        for step in 1...3000 {
            let g = f.gradient(theta[0, 0], theta[1, 0])
            try momentumStep(theta: &theta, velocity: &v, gradient: Matrix(column: [g.x, g.y]), eta: 0.001, mu: 0.9)
            let distance = ((theta[0, 0] - 1) * (theta[0, 0] - 1) + (theta[1, 0] - 1) * (theta[1, 0] - 1)).squareRoot()
            if firstClose == nil, distance < 0.1 { firstClose = step }
        }
        let distance = ((theta[0, 0] - 1) * (theta[0, 0] - 1) + (theta[1, 0] - 1) * (theta[1, 0] - 1)).squareRoot()
        try expect(
            (firstClose ?? .max) <= 600 && distance < 1e-4,
            "with your step θ came within 0.1 of (1, 1) \(firstClose.map { "at step \($0)" } ?? "never") and ended \(formatted(distance)) from it, at (\(formatted(theta[0, 0])), \(formatted(theta[1, 0])))"
        )
    },
]

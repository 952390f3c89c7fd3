// Checks of exercise 5.6 (Adam, Eq. 5.14): the first step of §5.6 (every coordinate moves by η),
// the two printed steps, 100 random steps against the core's Adam, and the Rosenbrock valley.

import ExerciseKit
import Foundation
import NeuralCore

/// The hyperparameters of §5.6.
let adamEta = 0.1
let adamBeta1 = 0.9
let adamBeta2 = 0.999
let adamEpsilon = 1e-8

/// θ, m and v after running `rule` (given θ, m, v, g, t) over `gradients` from θ₀, as one row.
func adamRun(
    _ theta0: Matrix, _ gradients: [Matrix],
    _ rule: (inout Matrix, inout Matrix, inout Matrix, Matrix, Int) throws -> Void
) rethrows -> Matrix {
    var theta = theta0
    var m = Matrix(rows: theta0.rows, columns: theta0.columns)
    var v = m
    for (index, g) in gradients.enumerated() { try rule(&theta, &m, &v, g, index + 1) }
    return Matrix(row: theta.elements + m.elements + v.elements)
}

/// Eq. 5.14 with a chosen pair of corrections and placement of ε: the reference and its variants.
func adamVariant(
    _ theta0: Matrix, _ gradients: [Matrix], eta: Double, beta1: Double, beta2: Double, epsilon: Double,
    correctM: Bool = true, correctV: Bool = true, epsilonInside: Bool = false, squareRoot: Bool = true
) -> Matrix {
    adamRun(theta0, gradients) { theta, m, v, g, t in
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * (g ⊙ g)
        let mHat = correctM ? m / (1 - pow(beta1, Double(t))) : m
        let vHat = correctV ? v / (1 - pow(beta2, Double(t))) : v
        theta =
            theta - eta
            * mHat.zipWith(vHat) { mh, vh in
                let scale =
                    squareRoot
                    ? (epsilonInside ? (vh + epsilon).squareRoot() : vh.squareRoot() + epsilon) : vh + epsilon
                return mh / scale
            }
    }
}

/// The classic wrong answers, run over the same gradients.
func adamMistakes(
    _ theta0: Matrix, _ gradients: [Matrix], eta: Double, beta1: Double, beta2: Double, epsilon: Double
) -> [Diagnosis] {
    func variant(correctM: Bool = true, correctV: Bool = true, epsilonInside: Bool = false, squareRoot: Bool = true)
        -> @Sendable () -> Matrix?
    {
        {
            adamVariant(
                theta0, gradients, eta: eta, beta1: beta1, beta2: beta2, epsilon: epsilon, correctM: correctM,
                correctV: correctV, epsilonInside: epsilonInside, squareRoot: squareRoot)
        }
    }
    return [
        Diagnosis(
            "the bias corrections are missing: divide m by 1 − β₁ᵗ and v by 1 − β₂ᵗ, which undo the pull of the zero start: without them the first step is (1 − β₁)/√(1 − β₂) ≈ 3.2 times η instead of η",
            variant(correctM: false, correctV: false)),
        Diagnosis("only m is bias-corrected: v̂ = v/(1 − β₂ᵗ) too", variant(correctV: false)),
        Diagnosis("only v is bias-corrected: m̂ = m/(1 − β₁ᵗ) too", variant(correctM: false)),
        Diagnosis(
            "ε is inside the square root, √(v̂ + ε); Eq. 5.14 adds it outside, √v̂ + ε (it matters where g is tiny)",
            variant(epsilonInside: true)),
        Diagnosis("the square root is missing: θ moves by η m̂/(√v̂ + ε)", variant(squareRoot: false)),
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 5.14 — the first step of §5.6 from θ₀ = (1, −2) with g = (0.5, −1), and a third coordinate with g = 10⁻⁷: each moves by η m̂/(√v̂ + ε), which is η = 0.1 up to ε for the first two"
    ) {
        let theta0 = Matrix(column: [1, -2, 0.5])
        let gradients = [Matrix(column: [0.5, -1, 1e-7])]
        let got = try adamRun(theta0, gradients) { theta, m, v, g, t in
            try adamStep(
                theta: &theta, m: &m, v: &v, gradient: g, t: t, eta: adamEta, beta1: adamBeta1, beta2: adamBeta2,
                epsilon: adamEpsilon)
        }
        try expectAllFinite(got.elements, "(θ, m, v)")
        let expected = adamVariant(
            theta0, gradients, eta: adamEta, beta1: adamBeta1, beta2: adamBeta2, epsilon: adamEpsilon)
        try expectClose(
            got, expected, "(θ₁, m₁, v₁)", tolerance: 1e-12,
            diagnoses: adamMistakes(
                theta0, gradients, eta: adamEta, beta1: adamBeta1, beta2: adamBeta2, epsilon: adamEpsilon))
    },
    Check(
        "Eq. 5.14 — the two steps of §5.6, gradients (0.5, −1) then (0.2, 0.4): θ₂, m₂ and v₂ as Eq. 5.14 writes them"
    ) {
        let theta0 = Matrix(column: [1, -2])
        let gradients = [Matrix(column: [0.5, -1]), Matrix(column: [0.2, 0.4])]
        let got = try adamRun(theta0, gradients) { theta, m, v, g, t in
            try adamStep(
                theta: &theta, m: &m, v: &v, gradient: g, t: t, eta: adamEta, beta1: adamBeta1, beta2: adamBeta2,
                epsilon: adamEpsilon)
        }
        try expectAllFinite(got.elements, "(θ, m, v)")
        try expectClose(
            got, adamVariant(theta0, gradients, eta: adamEta, beta1: adamBeta1, beta2: adamBeta2, epsilon: adamEpsilon),
            "(θ₂, m₂, v₂)", tolerance: 1e-12,
            diagnoses: adamMistakes(
                theta0, gradients, eta: adamEta, beta1: adamBeta1, beta2: adamBeta2, epsilon: adamEpsilon))
    },
    Check(
        "Eq. 5.14 — 100 steps with random gradients of every scale on a 3 × 4 θ (η = 0.01): the same θ, m and v as the core's Adam"
    ) {
        var generator = SeededGenerator(seed: 56)
        let theta0 = Matrix.gaussian(3, 4, using: &generator)
        let scales = Matrix(rows: 3, columns: 4) { i, j in pow(10, -Double(i * 4 + j) / 2) }
        let gradients = (0..<100).map { _ in Matrix.gaussian(3, 4, using: &generator) ⊙ scales }
        let got = try adamRun(theta0, gradients) { theta, m, v, g, t in
            try adamStep(
                theta: &theta, m: &m, v: &v, gradient: g, t: t, eta: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        }
        try expectAllFinite(got.elements, "(θ, m, v)")
        var core = Adam(learningRate: 0.01)
        var parameters = [theta0]
        for g in gradients { core.step(&parameters, gradients: [g]) }
        try expectClose(
            got, Matrix(row: parameters[0].elements + core.firstMoment[0].elements + core.secondMoment[0].elements),
            "(θ, m, v)", tolerance: 1e-10,
            diagnoses: adamMistakes(theta0, gradients, eta: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    },
    Check(
        "Eq. 5.14 — Rosenbrock's valley from (−1.2, 1), η = 0.05: within 10⁻⁶ of the minimum (1, 1) after 3,000 steps (§5.6: 1.6 × 10⁻⁹)"
    ) {
        let f = Rosenbrock()
        var theta = Matrix(column: [-1.2, 1])
        var m = Matrix(column: [0, 0])
        var v = m
        for t in 1...3000 {
            let g = f.gradient(theta[0, 0], theta[1, 0])
            try adamStep(
                theta: &theta, m: &m, v: &v, gradient: Matrix(column: [g.x, g.y]), t: t, eta: 0.05, beta1: 0.9,
                beta2: 0.999, epsilon: 1e-8)
        }
        let distance = ((theta[0, 0] - 1) * (theta[0, 0] - 1) + (theta[1, 0] - 1) * (theta[1, 0] - 1)).squareRoot()
        try expect(
            distance < 1e-6,
            "with your step θ ended at (\(formatted(theta[0, 0])), \(formatted(theta[1, 0]))), \(formatted(distance)) from (1, 1)"
        )
    },
]

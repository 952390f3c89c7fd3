// Checks of exercise 5.2 (the L1 step, Eq. 5.4): the [2, 2, 1] example of §5.2, sgn(0) = 0,
// central differences of the penalized cost away from 0, and a network trained with the learner's
// step against the core's SGD with Regularization.l1.

import ExerciseKit
import NeuralCore

/// The classic wrong answers for the same inputs.
func l1Mistakes(_ w: Matrix, _ g: Matrix, _ eta: Double, _ lambda: Double, _ n: Int) -> [Diagnosis] {
    let amount = eta * lambda / Double(n)
    return [
        Diagnosis(
            "your penalty pushes the weights AWAY from zero: Eq. 5.4 subtracts (ηλ/n) sgn(w), so a positive weight gets smaller and a negative one larger, both towards 0"
        ) { w + amount * signs(w) - eta * g },
        Diagnosis(
            "that is the L2 step (Eq. 5.2), (1 − ηλ/n)w: L1 subtracts the same amount ηλ/n sgn(w) from every weight"
        ) {
            (1 - amount) * w - eta * g
        },
        Diagnosis("the amount is ηλ: the 1/n of Eq. 5.3 is missing, it is ηλ/n") {
            w - eta * lambda * signs(w) - eta * g
        },
        Diagnosis("η is missing from the penalty's step: it is (ηλ/n) sgn(w)") {
            w - lambda / Double(n) * signs(w) - eta * g
        },
        Diagnosis(
            "sgn(0) came out as +1: a weight that is exactly 0 must stay 0 under the penalty (sgn(0) = 0); `w >= 0 ? 1 : -1` and `w.sign` both treat 0 as positive"
        ) { w - amount * w.map { $0 >= 0 ? 1 : -1 } - eta * g },
        Diagnosis("sgn(0) came out as −1: sgn(0) = 0, a zero weight stays where it is") {
            w - amount * w.map { $0 > 0 ? 1 : -1 } - eta * g
        },
        Diagnosis("the gradient step has the wrong sign: −η ∂C₀/∂w goes downhill") { w - amount * signs(w) + eta * g },
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 5.4 — the [2, 2, 1] example of §5.2 (η = 0.5, λ = 0.2, n = 4): with ∂C₀/∂w = 0 every weight moves ηλ/n = 0.025 towards zero (−0.4 → −0.375, 1.5 → 1.475)"
    ) {
        let w = Matrix(row: [0.6, -0.4, -1.2, 0.9, 1.5, -0.7])
        let zero = Matrix(rows: 1, columns: 6)
        try expectClose(
            try l1Step(weights: w, gradient: zero, eta: 0.5, lambda: 0.2, n: 4), w - 0.025 * signs(w),
            "new w", diagnoses: l1Mistakes(w, zero, 0.5, 0.2, 4))
        let g = Matrix(row: [0.1, -0.2, 0.05, 0.3, -0.1, 0.2])
        try expectClose(
            try l1Step(weights: w, gradient: g, eta: 0.5, lambda: 0.2, n: 4), w - 0.025 * signs(w) - 0.5 * g,
            "new w (with ∂C₀/∂w)", diagnoses: l1Mistakes(w, g, 0.5, 0.2, 4))
    },
    Check("Eq. 5.4 — sgn(0) = 0: weights that are exactly 0, with no gradient, stay 0") {
        let w = Matrix(row: [0, 0.3, 0, -0.2])
        let g = Matrix(row: [0, 0.1, 0, -0.1])
        try expectClose(
            try l1Step(weights: w, gradient: g, eta: 0.5, lambda: 0.2, n: 4), w - 0.025 * signs(w) - 0.5 * g,
            "new w", diagnoses: l1Mistakes(w, g, 0.5, 0.2, 4))
    },
    Check(
        "Eq. 5.4 — equals w − η ∂C/∂w with ∂C/∂w by central differences of C = C₀ + (λ/n) Σ |w| (3 × 4 weights away from 0, n = 10)"
    ) {
        var generator = SeededGenerator(seed: 52)
        let w = Matrix.gaussian(3, 4, using: &generator).map { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        let target = Matrix.gaussian(3, 4, using: &generator)
        let (eta, lambda, n) = (0.3, 2.0, 10)
        let numeric = GradientCheck.numericGradient(
            of: { w in
                let d = w - target
                return 0.5 * d.dot(d) + lambda / Double(n) * w.elements.reduce(0) { $0 + abs($1) }
            }, at: w)
        let g = w - target
        try expectClose(
            try l1Step(weights: w, gradient: g, eta: eta, lambda: lambda, n: n), w - eta * numeric, "new w",
            tolerance: 1e-8, diagnoses: l1Mistakes(w, g, eta, lambda, n))
    },
    Check(
        "Eq. 5.4 — a [5, 12, 3] network trained 15 epochs with your step on its weights: the same weights as the core's SGD with Regularization.l1(λ = 2)"
    ) {
        _ = try l1Step(weights: Matrix(column: [1]), gradient: Matrix(column: [0]), eta: 0.1, lambda: 1, n: 1)
        try expectTrainsLikeCoreSGD(eta: 0.5, regularization: .l1(lambda: 2.0), seed: 152) { w, g, eta, n in
            try l1Step(weights: w, gradient: g, eta: eta, lambda: 2.0, n: n)
        }
    },
]

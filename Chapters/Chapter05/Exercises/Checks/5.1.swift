// Checks of exercise 5.1 (the L2 step, Eq. 5.2): the [2, 2, 1] example of §5.2, central differences
// of the penalized cost, and a network trained with the learner's step against the core's SGD with
// Regularization.l2.

import ExerciseKit
import NeuralCore

/// The classic wrong answers for the same inputs.
func l2Mistakes(_ w: Matrix, _ g: Matrix, _ eta: Double, _ lambda: Double, _ n: Int) -> [Diagnosis] {
    let decay = eta * lambda / Double(n)
    return [
        Diagnosis("the decay factor is 1 − ηλ: the 1/n of Eq. 5.1 is missing, it is 1 − ηλ/n") {
            (1 - eta * lambda) * w - eta * g
        },
        Diagnosis(
            "the decay factor is 1 − ηλ/(2n): the ½ of the penalty (λ/2n)Σw² cancels against the 2 of ∂(w²)/∂w, so Eq. 5.2 has 1 − ηλ/n"
        ) { (1 - decay / 2) * w - eta * g },
        Diagnosis("the decay has the wrong sign: L2 shrinks the weights, (1 − ηλ/n)w, it does not grow them") {
            (1 + decay) * w - eta * g
        },
        Diagnosis("η is missing from the decay: the penalty's gradient (λ/n)w is stepped with η too, 1 − ηλ/n") {
            (1 - lambda / Double(n)) * w - eta * g
        },
        Diagnosis("you decayed after the gradient step, (1 − ηλ/n)(w − η∂C₀/∂w): both act on the old w") {
            (1 - decay) * (w - eta * g)
        },
        Diagnosis("that is the L1 step (Eq. 5.4), w − (ηλ/n) sgn(w): L2 subtracts a fraction of w, not a fixed amount")
        {
            w - decay * signs(w) - eta * g
        },
        Diagnosis("the gradient step has the wrong sign: −η ∂C₀/∂w goes downhill") { (1 - decay) * w + eta * g },
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 5.2 — the [2, 2, 1] example of §5.2 (η = 0.5, λ = 0.2, n = 4): each weight shrinks by 1 − ηλ/n = 0.975, then steps against ∂C₀/∂w"
    ) {
        let w = Matrix([[0.6, -0.4], [-1.2, 0.9]])
        let g = Matrix([[0.1, -0.2], [0.05, 0.3]])
        try expectClose(
            try l2Step(weights: w, gradient: g, eta: 0.5, lambda: 0.2, n: 4), 0.975 * w - 0.5 * g, "new w",
            diagnoses: l2Mistakes(w, g, 0.5, 0.2, 4))
    },
    Check(
        "Eq. 5.2 — equals w − η ∂C/∂w with ∂C/∂w by central differences of C = C₀ + (λ/2n) Σ w² (3 × 4 weights, n = 10)"
    ) {
        var generator = SeededGenerator(seed: 51)
        let w = Matrix.gaussian(3, 4, using: &generator)
        let target = Matrix.gaussian(3, 4, using: &generator)
        let (eta, lambda, n) = (0.3, 2.0, 10)
        // C₀ = ½ ‖w − target‖², so ∂C₀/∂w = w − target.
        let numeric = GradientCheck.numericGradient(
            of: { w in
                let d = w - target
                return 0.5 * d.dot(d) + lambda / (2 * Double(n)) * w.dot(w)
            }, at: w)
        let g = w - target
        try expectClose(
            try l2Step(weights: w, gradient: g, eta: eta, lambda: lambda, n: n), w - eta * numeric, "new w",
            tolerance: 1e-8, diagnoses: l2Mistakes(w, g, eta, lambda, n))
    },
    Check(
        "Eq. 5.2 — a [5, 12, 3] network trained 15 epochs with your step on its weights: the same weights as the core's SGD with Regularization.l2(λ = 5)"
    ) {
        _ = try l2Step(weights: Matrix(column: [1]), gradient: Matrix(column: [0]), eta: 0.1, lambda: 1, n: 1)
        try expectTrainsLikeCoreSGD(eta: 0.5, regularization: .l2(lambda: 5.0), seed: 151) { w, g, eta, n in
            try l2Step(weights: w, gradient: g, eta: eta, lambda: 5.0, n: n)
        }
    },
]

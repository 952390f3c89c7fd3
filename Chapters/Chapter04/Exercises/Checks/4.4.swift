// Checks of exercise 4.4 (softmax's Jacobian applied to g, Eq. 4.4): the Jacobian of the example of
// §4.3, central differences of ⟨g, softmax(z)⟩, and the core's Activation.softmax.backward.

import ExerciseKit
import NeuralCore

/// The classic wrong answers for outputs a and upstream g.
func jacobianMistakes(_ a: Matrix, _ g: Matrix) -> [Diagnosis] {
    func perColumn(_ rule: @escaping @Sendable (Double, Double, Double) -> Double) -> @Sendable () -> Matrix? {
        {
            var result = g
            for column in 0..<a.columns {
                var weighted = 0.0
                for row in 0..<a.rows { weighted += a[row, column] * g[row, column] }
                for row in 0..<a.rows { result[row, column] = rule(a[row, column], g[row, column], weighted) }
            }
            return result
        }
    }
    return [
        Diagnosis(
            "only the diagonal ∂aₖ/∂zₖ = aₖ(1 − aₖ) is there, as if softmax acted entry by entry like σ: every zₖ also moves every other aⱼ, the −aⱼaₖ terms of ∂aⱼ/∂zₖ = aⱼ(𝟙[j = k] − aₖ)",
            perColumn { a, g, _ in a * (1 - a) * g }),
        Diagnosis("the factor aₖ in front is missing: ∂C/∂zₖ = aₖ(gₖ − Σⱼ aⱼgⱼ)", perColumn { _, g, s in g - s }),
        Diagnosis(
            "the sum Σⱼ aⱼgⱼ has the wrong sign: ∂aⱼ/∂zₖ = aⱼ(𝟙[j = k] − aₖ), so it is subtracted",
            perColumn { a, g, s in a * (g + s) }),
        Diagnosis(
            "the sum runs along the rows (over the examples): Σⱼ aⱼgⱼ is over the classes j of one column"
        ) {
            var result = g
            for row in 0..<a.rows {
                var weighted = 0.0
                for column in 0..<a.columns { weighted += a[row, column] * g[row, column] }
                for column in 0..<a.columns { result[row, column] = a[row, column] * (g[row, column] - weighted) }
            }
            return result
        },
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 4.4 — the Jacobian of the example of §4.3: g = e₁, e₂, e₃, e₄ give the rows of ∂aⱼ/∂zₖ = aⱼ(𝟙[j = k] − aₖ)"
    ) {
        let column = Softmax.apply(Matrix(column: [2, 1, 0.1, -1])).column(0)
        let a = Matrix(rows: 4, columns: 4) { j, _ in column[j] }
        let g = Matrix.identity(4)
        // Column j of the result is row j of the Jacobian; the Jacobian is symmetric.
        let jacobian = Matrix(rows: 4, columns: 4) { j, k in column[j] * ((j == k ? 1 : 0) - column[k]) }
        try expectClose(
            try softmaxBackward(outputs: a, upstream: g), jacobian, "∂aⱼ/∂zₖ", diagnoses: jacobianMistakes(a, g))
    },
    Check("Eq. 4.4 — equals central differences of ⟨g, softmax(z)⟩ in z (4 classes, 3 examples)") {
        var generator = SeededGenerator(seed: 44)
        let z = Matrix.gaussian(4, 3, standardDeviation: 2, using: &generator)
        let g = Matrix.gaussian(4, 3, using: &generator)
        let a = Softmax.apply(z)
        let numeric = GradientCheck.numericGradient(of: { Softmax.apply($0).dot(g) }, at: z)
        let analytic = try softmaxBackward(outputs: a, upstream: g)
        try expectAllFinite(analytic.elements, "∂C/∂z")
        try expectGradient(
            analytic, matches: numeric, "∂C/∂z", diagnoses: jacobianMistakes(a, g))
    },
    Check("Eq. 4.4 — 10 classes, 7 examples: equals the core's Activation.softmax.backward, and every column sums to 0")
    {
        var generator = SeededGenerator(seed: 144)
        let z = Matrix.gaussian(10, 7, standardDeviation: 3, using: &generator)
        let g = Matrix.gaussian(10, 7, using: &generator)
        let a = Softmax.apply(z)
        let got = try softmaxBackward(outputs: a, upstream: g)
        try expectClose(
            got, Activation.softmax.backward(z: z, a: a, upstream: g), "∂C/∂z", diagnoses: jacobianMistakes(a, g))
        try expectClose(got.columnSums(), Matrix(rows: 1, columns: 7), "the column sums of ∂C/∂z")
    },
]

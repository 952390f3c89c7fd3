// Checks of exercise 7.6 (Eq. 7.8): the 3-4-5 example, nothing changes below the limit, the norm
// is global over all parameters, and the core's GradientClipping on a real BPTT gradient.

import ExerciseKit
import NeuralCore

/// The classic wrong answers to clipping by norm, from the same gradients.
func clippingMistakes(_ gradients: [Matrix], _ c: Double) -> [Diagnosis] {
    let norm = gradients.reduce(0) { $0 + $1.dot($1) }.squareRoot()
    return [
        Diagnosis(
            "each matrix was clipped by its own norm: Eq. 7.8 uses the global norm of all the parameters' gradients together"
        ) {
            Ch07.flat(gradients.map { g in g.norm() > c ? (c / g.norm()) * g : g })
        },
        Diagnosis("the gradient was scaled to norm c although it was shorter: the factor is min(1, c/‖g‖) (Eq. 7.8)") {
            Ch07.flat(gradients.map { (c / norm) * $0 })
        },
        Diagnosis("the entries were clamped to ±c: that is clipping by value, the other half of Eq. 7.8") {
            Ch07.flat(gradients.map { $0.map { min(max($0, -c), c) } })
        },
        Diagnosis("the gradient was divided by ‖g‖ but not multiplied by c: g · c/‖g‖ has norm c (Eq. 7.8)") {
            Ch07.flat(gradients.map { $0 / norm })
        },
    ]
}

func expectClipped(_ gradients: [Matrix], limit c: Double, name: String) throws {
    let got = try clipByNorm(gradients, limit: c)
    var expected = gradients
    GradientClipping.norm(c).apply(to: &expected)
    try expectEqual(got.count, gradients.count, "the number of clipped matrices")
    for (g, e) in zip(got, expected) {
        try expect(
            g.rows == e.rows && g.columns == e.columns,
            "a clipped gradient has shape \(g.shapeDescription); expected \(e.shapeDescription) (the shapes must not change)"
        )
    }
    try expectClose(Ch07.flat(got), Ch07.flat(expected), name, diagnoses: clippingMistakes(gradients, c))
}

let checks: [Check] = [
    Check("Eq. 7.8 — g = (3, 4) has ‖g‖ = 5; clipped at c = 1 it becomes (0.6, 0.8)") {
        try expectClipped([Matrix(row: [3, 4])], limit: 1, name: "g clipped at 1")
    },
    Check("Eq. 7.8 — below the limit nothing changes: g = (3, 4) clipped at c = 10 stays (3, 4)") {
        try expectClipped([Matrix(row: [3, 4])], limit: 10, name: "g clipped at 10")
    },
    Check("Eq. 7.8 — the norm is global: ∂U = (3, 0), ∂W = (0, 4), ∂b = (12) have ‖g‖ = 13; at c = 6.5 all halve") {
        try expectClipped(
            [Matrix(row: [3, 0]), Matrix(column: [0, 4]), Matrix(column: [12])], limit: 6.5, name: "g clipped at 6.5")
    },
    Check("Eq. 7.8 — the BPTT gradient of a network with large weights, clipped at c = 1: the core's result, norm 1") {
        let model = Ch07.network(vocabulary: 5, hidden: 6, scale: 3, seed: 761)
        let inputs = Ch07.symbols(15, vocabulary: 5, seed: 762).map { StepInput.oneHot([$0]) }
        let targets = Ch07.symbols(15, vocabulary: 5, seed: 763).map { [$0] }
        let gradients = model.lossAndGradients(inputs: inputs, targets: targets).gradients
        try expectClipped(gradients, limit: 1, name: "[∂U, ∂W, ∂b, ∂V, ∂c] clipped at 1")
        try expectClose(GradientClipping.globalNorm(try clipByNorm(gradients, limit: 1)), 1, "‖clipped g‖")
    },
]

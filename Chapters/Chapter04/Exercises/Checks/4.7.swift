// Checks of exercise 4.7 (∇ₐC of the cross-entropy, Eq. 4.2, and the cancellation of Eq. 4.6):
// values, central differences of the cost in a, BP1 in general form giving aᴸ − y, and a network
// trained with the general BP1 on the learner's ∇ₐC.

import ExerciseKit
import Foundation
import NeuralCore

/// The classic wrong answers for outputs a and targets y.
func outputGradientMistakes(_ a: Matrix, _ y: Matrix) -> [Diagnosis] {
    [
        Diagnosis("that is ∇ₐC of the quadratic cost, a − y; the cross-entropy's is (a − y)/(a(1 − a))") { a - y },
        Diagnosis(
            "only the y ln a term was differentiated: (1 − y) ln(1 − a) contributes (1 − y)/(1 − a) as well"
        ) { a.zipWith(y) { a, y in -y / a } },
        Diagnosis("the sign is flipped: ∂C/∂a = (a − y)/(a(1 − a)) is positive when a is above y") {
            a.zipWith(y) { a, y in (y - a) / (a * (1 - a)) }
        },
        Diagnosis("σ′ = a(1 − a) was multiplied in: that is δᴸ of Eq. 4.6 (a − y), not ∇ₐC") {
            a.zipWith(y) { a, y in (a - y) * a * (1 - a) }
        },
        Diagnosis("ln(1 − a) differentiates to −1/(1 − a): the second term is +(1 − y)/(1 − a)") {
            a.zipWith(y) { a, y in -y / a - (1 - y) / (1 - a) }
        },
    ]
}

/// The cross-entropy with the learner's ∇ₐC and BP1 in its general form, ∇ₐC ⊙ σ′(zᴸ).
struct LearnerCrossEntropy: Cost {
    var name: String { "cross-entropy with your ∇ₐC" }
    func cost(z: Matrix, output a: Matrix, target y: Matrix, activation f: Activation) -> Double {
        CrossEntropyCost().cost(z: z, output: a, target: y, activation: f)
    }
    func gradient(output a: Matrix, target y: Matrix) -> Matrix {
        (try? crossEntropyOutputGradient(outputs: a, targets: y)) ?? Matrix(rows: a.rows, columns: a.columns)
    }
}

let checks: [Check] = [
    Check(
        "Eq. 4.2 — ∂C/∂a at the values of §4.1–4.2: a = σ(4) with y = 0, a = 0.2 with y = 1, a = 0.3 with y = 0.3 (zero at the minimum)"
    ) {
        let a = Matrix(row: [Activation.sigmoid.value(4), 0.2, 0.3])
        let y = Matrix(row: [0, 1, 0.3])
        try expectClose(
            try crossEntropyOutputGradient(outputs: a, targets: y), a.zipWith(y) { a, y in -y / a + (1 - y) / (1 - a) },
            "∂C/∂a", diagnoses: outputGradientMistakes(a, y))
    },
    Check("Eq. 4.2 — equals central differences of C = −Σ [y ln a + (1 − y) ln(1 − a)] in a (3 outputs, 4 examples)") {
        var generator = SeededGenerator(seed: 47)
        let a = Matrix.uniform(3, 4, low: 0.05, high: 0.95, using: &generator)
        let y = Matrix.uniform(3, 4, low: 0, high: 1, using: &generator)
        let numeric = GradientCheck.numericGradient(
            of: { a in
                -(0..<a.count).reduce(0) { total, i in
                    let (ai, yi) = (a.elements[i], y.elements[i])
                    return total + yi * log(ai) + (1 - yi) * log(1 - ai)
                }
            }, at: a)
        let analytic = try crossEntropyOutputGradient(outputs: a, targets: y)
        try expectAllFinite(analytic.elements, "∂C/∂a")
        try expectGradient(
            analytic, matches: numeric, "∂C/∂a",
            diagnoses: outputGradientMistakes(a, y))
    },
    Check("Eq. 4.6 — BP1 in general form, your ∇ₐC ⊙ σ′(zᴸ), is exactly aᴸ − y (10 outputs, 5 examples, one-hot y)") {
        var generator = SeededGenerator(seed: 147)
        let z = Matrix.gaussian(10, 5, standardDeviation: 2, using: &generator)
        let a = Activation.sigmoid.value(z)
        let y = Matrix.oneHot((0..<5).map { _ in generator.integer(below: 10) }, classes: 10)
        let delta = try crossEntropyOutputGradient(outputs: a, targets: y) ⊙ Activation.sigmoid.derivative(z)
        try expectClose(
            delta, a - y, "∇ₐC ⊙ σ′(zᴸ)", tolerance: 1e-9,
            diagnoses: [
                Diagnosis("your ∇ₐC is the quadratic cost's a − y, so σ′(zᴸ) is left over: (a − y) ⊙ σ′(zᴸ)") {
                    (a - y) ⊙ Activation.sigmoid.derivative(z)
                }
            ])
    },
    Check(
        "Eq. 4.6 — a [2, 8, 1] sigmoid network trained on two moons with the general BP1 and your ∇ₐC: its cost falls, and its weights equal those of the core's δᴸ = aᴸ − y"
    ) {
        _ = try crossEntropyOutputGradient(outputs: Matrix(column: [0.5]), targets: Matrix(column: [1]))
        var generator = SeededGenerator(seed: 247)
        let data = LabeledData(ToyDatasets.moons(count: 80, noise: 0.1, using: &generator))
        let start = Network(
            sizes: [2, 8, 1], hidden: .tanh, output: .sigmoid, initialization: .xavier, using: &generator)
        func trained(with cost: any Cost) throws -> Network {
            var network = start
            var optimizer = SGD(learningRate: 0.5)
            var shuffles = SeededGenerator(seed: 347)
            _ = try Trainer.train(
                &network, on: data, options: TrainingOptions(epochs: 30, batchSize: 10, cost: cost),
                optimizer: &optimizer, generator: &shuffles)
            return network
        }
        let yours = try trained(with: LearnerCrossEntropy())
        let core = try trained(with: CrossEntropyCost())
        let before = Evaluation.cost(start, on: data, cost: CrossEntropyCost())
        let after = Evaluation.cost(yours, on: data, cost: CrossEntropyCost())
        try expect(
            after < 0.8 * before,
            "trained with your ∇ₐC the cost went from \(formatted(before)) to \(formatted(after)) per example; it should fall",
            diagnosis: after > before ? "the cost rose: is the sign of ∇ₐC flipped?" : nil)
        try expectClose(
            Matrix(row: yours.parameters.flatMap(\.elements)), Matrix(row: core.parameters.flatMap(\.elements)),
            "the trained weights and biases", tolerance: 1e-8)
    },
]

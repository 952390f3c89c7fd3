// Checks of exercise 4.6 (δᴸ = aᴸ − y for softmax + log-likelihood, Eq. 4.6): the example of §4.3,
// central differences of the cost in zᴸ, the general BP1 through the softmax Jacobian, and a real
// network trained with the learner's δᴸ as its BP1.

import ExerciseKit
import Foundation
import NeuralCore

/// The classic wrong answers for logits z and one-hot targets y.
func outputErrorMistakes(_ z: Matrix, _ y: Matrix) -> [Diagnosis] {
    let a = Softmax.apply(z)
    return [
        Diagnosis("the sign is flipped: δᴸ = aᴸ − y, not y − aᴸ") { y - a },
        Diagnosis(
            "you multiplied by aⱼ(1 − aⱼ), as if BP1 still had a σ′ factor: with the log-likelihood the whole softmax Jacobian cancels against ∇ₐC = −y/a, leaving aᴸ − y"
        ) { (a - y) ⊙ a.map { $0 * (1 - $0) } },
        Diagnosis("you used zᴸ where aᴸ = softmax(zᴸ) belongs: δᴸ = aᴸ − y") { z - y },
        Diagnosis("y is not subtracted: δᴸ = aᴸ − y") { a },
    ]
}

/// The log-likelihood with the learner's δᴸ as BP1; cost and ∇ₐC are the core's.
struct LearnerLogLikelihood: Cost {
    var name: String { "log-likelihood with your δᴸ" }
    func cost(z: Matrix, output a: Matrix, target y: Matrix, activation f: Activation) -> Double {
        LogLikelihoodCost().cost(z: z, output: a, target: y, activation: f)
    }
    func gradient(output a: Matrix, target y: Matrix) -> Matrix { LogLikelihoodCost().gradient(output: a, target: y) }
    func outputError(z: Matrix, output a: Matrix, target y: Matrix, activation: Activation) -> Matrix {
        (try? softmaxOutputError(weightedInputs: z, targets: y)) ?? Matrix(rows: z.rows, columns: z.columns)
    }
}

let checks: [Check] = [
    Check(
        "Eq. 4.6 — the example of §4.3, z = (2, 1, 0.1, −1), class 1 right: δᴸ = (0.6381 − 1, 0.2347, 0.0954, 0.0318)"
    ) {
        let z = Matrix(column: [2, 1, 0.1, -1])
        let y = Matrix(column: [1, 0, 0, 0])
        try expectClose(
            try softmaxOutputError(weightedInputs: z, targets: y), Softmax.apply(z) - y, "δᴸ",
            diagnoses: outputErrorMistakes(z, y))
    },
    Check("Eq. 4.6 — equals central differences of C = −Σⱼ yⱼ ln softmax(zᴸ)ⱼ in zᴸ (5 classes, 4 examples)") {
        var generator = SeededGenerator(seed: 46)
        let z = Matrix.gaussian(5, 4, standardDeviation: 2, using: &generator)
        let y = Matrix.oneHot((0..<4).map { _ in generator.integer(below: 5) }, classes: 5)
        let numeric = GradientCheck.numericGradient(of: { -y.dot(Softmax.logApply($0)) }, at: z)
        let analytic = try softmaxOutputError(weightedInputs: z, targets: y)
        try expectAllFinite(analytic.elements, "δᴸ")
        try expectGradient(
            analytic, matches: numeric, "δᴸ",
            diagnoses: outputErrorMistakes(z, y))
    },
    Check("Eq. 4.6 — equals the general BP1, the softmax Jacobian applied to ∇ₐC = −y/a (10 classes, 6 examples)") {
        var generator = SeededGenerator(seed: 146)
        let z = Matrix.gaussian(10, 6, standardDeviation: 3, using: &generator)
        let y = Matrix.oneHot((0..<6).map { _ in generator.integer(below: 10) }, classes: 10)
        let a = Softmax.apply(z)
        let general = Activation.softmax.backward(
            z: z, a: a, upstream: LogLikelihoodCost().gradient(output: a, target: y))
        try expectClose(
            try softmaxOutputError(weightedInputs: z, targets: y), general, "δᴸ", tolerance: 1e-12,
            diagnoses: outputErrorMistakes(z, y))
    },
    Check(
        "Eq. 4.6 — a [2, 16, 3] softmax network trained on three spiral arms with your δᴸ as BP1: its cost falls, and its weights equal those trained with the core's"
    ) {
        _ = try softmaxOutputError(weightedInputs: Matrix(column: [0, 0]), targets: Matrix(column: [1, 0]))
        var generator = SeededGenerator(seed: 246)
        let data = LabeledData(ToyDatasets.spirals(countPerClass: 40, classes: 3, noise: 0.1, using: &generator))
        let start = Network(
            sizes: [2, 16, 3], hidden: .tanh, output: .softmax, initialization: .xavier, using: &generator)
        func trained(with cost: any Cost) throws -> Network {
            var network = start
            var optimizer = SGD(learningRate: 0.5)
            var shuffles = SeededGenerator(seed: 346)
            _ = try Trainer.train(
                &network, on: data, options: TrainingOptions(epochs: 40, batchSize: 10, cost: cost),
                optimizer: &optimizer, generator: &shuffles)
            return network
        }
        let yours = try trained(with: LearnerLogLikelihood())
        let core = try trained(with: LogLikelihoodCost())
        let before = Evaluation.cost(start, on: data, cost: LogLikelihoodCost())
        let after = Evaluation.cost(yours, on: data, cost: LogLikelihoodCost())
        try expect(
            after < 0.8 * before,
            "trained with your δᴸ the cost went from \(formatted(before)) to \(formatted(after)) per example; it should fall",
            diagnosis: after > before ? "the cost rose: is the sign of δᴸ flipped?" : nil)
        try expectClose(
            Matrix(row: yours.parameters.flatMap(\.elements)), Matrix(row: core.parameters.flatMap(\.elements)),
            "the trained weights and biases", tolerance: 1e-9)
    },
]

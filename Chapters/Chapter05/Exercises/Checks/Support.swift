// Helpers shared by the checks of Chapter 05 (copied into every exercise of the chapter).

import ExerciseKit
import NeuralCore

/// A small seeded classification problem: `count` examples of `features` Gaussian features, each
/// labelled by which of `classes` fixed random directions it points along most.
func checkProblem(count: Int, features: Int, classes: Int, seed: UInt64) -> LabeledData {
    var generator = SeededGenerator(seed: seed)
    let directions = Matrix.gaussian(classes, features, using: &generator)
    let x = Matrix.gaussian(features, count, using: &generator)
    let labels = (directions * x).argmaxPerColumn()
    return LabeledData(examples: x.transposed, labels: labels, classes: classes)
}

/// Every parameter of a network, flattened into one row (to compare two trained networks).
func flatParameters(_ network: Network) -> Matrix {
    Matrix(row: network.parameters.flatMap(\.elements))
}

/// sgn(w) entry by entry, with sgn(0) = 0.
func signs(_ w: Matrix) -> Matrix { w.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }

/// SGD whose steps on the penalized parameters (the weights) are the learner's penalized update
/// `weightStep(w, ∂C₀/∂w, η, n)`; the other parameters (biases) take the plain step.
struct PenalizedStepSGD: Optimizer {
    var learningRate: Double
    let n: Int
    let penalized: [Bool]
    let weightStep: (_ weights: Matrix, _ gradient: Matrix, _ eta: Double, _ n: Int) throws -> Matrix

    mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        for index in parameters.indices {
            if penalized[index] {
                // A step that throws (not done yet) leaves the weights as they are; the check has
                // already called it once directly, so "not done" is reported before training.
                parameters[index] =
                    (try? weightStep(parameters[index], gradients[index], learningRate, n)) ?? parameters[index]
            } else {
                parameters[index].addScaled(gradients[index], by: -learningRate)
            }
        }
    }
}

/// Trains a [5, 12, 3] network for 15 epochs twice from the same start and the same shuffles: once
/// with SGD whose weight steps are `weightStep` (the learner's), once with the core's plain SGD
/// and `regularization`; expects the same trained parameters.
func expectTrainsLikeCoreSGD(
    eta: Double, regularization: Regularization, seed: UInt64,
    weightStep: @escaping (_ weights: Matrix, _ gradient: Matrix, _ eta: Double, _ n: Int) throws -> Matrix
) throws {
    let data = checkProblem(count: 60, features: 5, classes: 3, seed: seed)
    var generator = SeededGenerator(seed: seed + 100)
    let start = Network(sizes: [5, 12, 3], initialization: .scaledNormal, using: &generator)
    var yours = start
    var learner = PenalizedStepSGD(
        learningRate: eta, n: data.count, penalized: start.isPenalized, weightStep: weightStep)
    var shuffles = SeededGenerator(seed: seed + 200)
    _ = try Trainer.train(
        &yours, on: data, options: TrainingOptions(epochs: 15, batchSize: 10, cost: CrossEntropyCost()),
        optimizer: &learner, generator: &shuffles)
    var core = start
    var sgd = SGD(learningRate: eta)
    shuffles = SeededGenerator(seed: seed + 200)
    _ = try Trainer.train(
        &core, on: data,
        options: TrainingOptions(epochs: 15, batchSize: 10, cost: CrossEntropyCost(), regularization: regularization),
        optimizer: &sgd, generator: &shuffles)
    try expectClose(flatParameters(yours), flatParameters(core), "the trained parameters", tolerance: 1e-9)
}

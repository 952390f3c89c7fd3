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

/// Trains a [5, 12, 3] network for 15 epochs twice from the same start and the same shuffles: once
/// with the optimizer `makeLearner` builds (from n and which parameters are penalized), once with
/// the core's plain SGD and `regularization`; expects the same trained parameters.
func expectTrainsLikeCoreSGD<O: Optimizer>(
    eta: Double, regularization: Regularization, seed: UInt64, makeLearner: (_ n: Int, _ penalized: [Bool]) -> O
) throws {
    let data = checkProblem(count: 60, features: 5, classes: 3, seed: seed)
    var generator = SeededGenerator(seed: seed + 100)
    let start = Network(sizes: [5, 12, 3], initialization: .scaledNormal, using: &generator)
    var yours = start
    var learner = makeLearner(data.count, start.isPenalized)
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

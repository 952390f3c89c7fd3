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


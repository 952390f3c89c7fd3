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

/// Fails, naming the first entry, when `values` has a NaN or an infinity. Called before
/// `expectClose` and `expectGradient`, whose worst-entry search can pass over a NaN, so a
/// non-finite answer never hides behind entries that happen to be right.
func expectAllFinite(_ values: [Double], _ name: String, hint: String? = nil) throws {
    guard let index = values.firstIndex(where: { !$0.isFinite }) else { return }
    throw CheckFailure(
        "your \(name) has a non-finite entry at index \(index): \(formatted(values[index]))",
        diagnosis: "a non-finite entry (\(formatted(values[index]))): an exponential that overflowed, a log of 0, "
            + "a division by zero or ∞/∞?" + (hint.map { " " + $0 } ?? ""))
}

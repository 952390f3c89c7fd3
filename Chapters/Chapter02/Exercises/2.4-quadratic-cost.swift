// Exercise 2.4 — the quadratic cost of a sigmoid neuron (Eq. 2.8). Notes: Chapters/Chapter02/README.md, §2.4.
// Check it with `swift run Workbook check 2.4`.

import ExerciseKit
import NeuralCore

/// Eq. 2.8, the quadratic cost of a one-input sigmoid neuron over n examples (xᵢ, yᵢ):
///
///     C(w, b) = (1/2n) Σᵢ (yᵢ − aᵢ)²,     aᵢ = σ(w xᵢ + b)
///
/// Use `Activation.sigmoid.value(z)` for σ(z).
///
/// - Parameters:
///   - w: the weight.
///   - b: the bias.
///   - xs: the inputs x₁ … xₙ.
///   - ys: the labels y₁ … yₙ.
/// - Returns: C(w, b).
func quadraticCost(w: Double, b: Double, xs: [Double], ys: [Double]) throws -> Double {
    throw NotDone("2.4")  // replace this line with your code
}

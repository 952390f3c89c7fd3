// Exercise 1.6 — Novikoff's mistake bound (Eq. 1.4). Notes: Chapters/Chapter01/README.md, §1.4.
// Check it with `swift run Workbook check 1.6`.

import ExerciseKit
import NeuralCore

/// The quantities of Eq. 1.4 for a dataset and a line (w*, b*) that separates it.
///
/// Fold the bias into the weights by appending a constant 1 to every input, x̃ = (x, 1), and
/// w̃* = (w*, b*). Write the labels as ±1 (label 1 → +1, label 0 → −1). Then
///
///     R = maxᵢ ‖x̃ᵢ‖,     γ = minᵢ yᵢ± (w̃* · x̃ᵢ) / ‖w̃*‖,     k ≤ (R/γ)²      (Eq. 1.4)
///
/// γ is the margin of the unit vector w̃*/‖w̃*‖, so scaling w* and b* by the same positive number
/// does not change it. The perceptron rule makes at most (R/γ)² updates on such data.
///
/// - Parameters:
///   - points: the inputs xᵢ, one array per example.
///   - labels: their labels, 0 or 1.
///   - weights: w* of a line that classifies every point correctly.
///   - bias: b* of that line.
/// - Returns: R, γ and the bound (R/γ)².
func novikoffBound(points: [[Double]], labels: [Int], weights: [Double], bias: Double) throws -> (
    radius: Double, margin: Double, bound: Double
) {
    throw NotDone("1.6")  // replace this line with your code
}

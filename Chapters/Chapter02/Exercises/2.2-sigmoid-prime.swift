// Exercise 2.2 — the derivative of the sigmoid (Eq. 2.5–2.6). Notes: Chapters/Chapter02/README.md, §2.2.
// Check it with `swift run Workbook check 2.2`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 2.5, the derivative of σ(z) = 1/(1 + e⁻ᶻ):
///
///     σ′(z) = e⁻ᶻ / (1 + e⁻ᶻ)² = σ(z) (1 − σ(z))
///
/// Once σ(z) is known the derivative costs one multiplication. Its largest value is σ′(0) = ¼
/// (Eq. 2.6). Use `Activation.sigmoid.value(z)` for σ(z) (or your own from exercise 2.1).
///
/// - Parameter z: the weighted input.
/// - Returns: σ′(z).
func sigmoidPrime(_ z: Double) throws -> Double {
    throw NotDone("2.2")  // replace this line with your code
}

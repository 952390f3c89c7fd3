// Exercise 7.7 — sampling at a temperature (Eq. 7.10). Notes: Chapters/Chapter07/README.md, §7.4.
// Check it with `swift run Workbook check 7.7`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 7.10, the softmax at a temperature τ:
///
///     pᵢ = exp(oᵢ/τ) / Σⱼ exp(oⱼ/τ)
///
/// τ < 1 sharpens the distribution, τ > 1 flattens it, τ = 1 is the model's own softmax. Shift by
/// the largest oᵢ/τ before exponentiating (it cancels in the ratio), so that logits of 1000 at
/// τ = 0.5 still give numbers.
///
/// - Parameters:
///   - logits: o₁ … o_V.
///   - temperature: τ > 0.
/// - Returns: p₁ … p_V, positive and summing to 1.
func temperatureProbabilities(logits: [Double], temperature τ: Double) throws -> [Double] {
    throw NotDone("7.7")  // replace this line with your code
}

/// One draw from the categorical distribution p: index i with probability pᵢ.
///
/// Draw u uniform in [0, 1) with `generator.uniform()` and return the first index i whose
/// cumulative probability p₀ + … + pᵢ exceeds u. (Each call draws once, so a seeded generator
/// gives the same text every time.)
func drawIndex(from p: [Double], using generator: inout SeededGenerator) throws -> Int {
    throw NotDone("7.7")  // replace this line with your code
}

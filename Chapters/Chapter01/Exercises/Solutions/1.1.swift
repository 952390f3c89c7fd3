// Exercise 1.1 — the output of a perceptron (Eq. 1.1). Notes: Chapters/Chapter01/README.md, §1.1.
// Check it with `swift run Workbook check 1.1`.

import ExerciseKit
import NeuralCore

/// Eq. 1.1, the output of a perceptron with weights w and bias b for the input x:
///
///     output = 1 if w · x + b > 0, and 0 otherwise
///
/// w · x = Σⱼ wⱼxⱼ is the weighted evidence; the perceptron fires when it outweighs the threshold −b.
/// Mind the strict inequality: a weighted input of exactly 0 does not fire.
///
/// - Parameters:
///   - weights: w, one weight per input.
///   - bias: b.
///   - input: x, as many entries as there are weights.
/// - Returns: 1 when the perceptron fires, 0 when it does not.
func perceptronOutput(weights: [Double], bias: Double, input: [Double]) throws -> Int {
    // BEGIN SOLUTION
    var z = bias
    for (w, x) in zip(weights, input) { z += w * x }
    return z > 0 ? 1 : 0
    // END SOLUTION
}

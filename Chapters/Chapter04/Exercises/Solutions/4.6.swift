// Exercise 4.6 — the output error of softmax with the log-likelihood (Eq. 4.6). Notes:
// Chapters/Chapter04/README.md, §4.4. Check it with `swift run Workbook check 4.6`.

import ExerciseKit
import NeuralCore

/// Eq. 4.6 — the output error δᴸ = ∂C/∂zᴸ of a softmax output layer (Eq. 4.4) under the
/// log-likelihood cost C = −Σⱼ yⱼ ln aⱼ (Eq. 4.5, with a one-hot target y):
///
///     δᴸ = aᴸ − y
///
/// (the chain rule through the softmax Jacobian, ∂C/∂zₖ = Σⱼ (−yⱼ/aⱼ) aⱼ(𝟙[j = k] − aₖ), collapses to
/// this because Σⱼ yⱼ = 1). The network of this chapter uses your function as its BP1 in the last
/// check.
///
/// - Parameters:
///   - z: the output layer's weighted inputs zᴸ, classes × examples.
///   - y: the one-hot targets, the same shape.
/// - Returns: δᴸ, the same shape.
///
/// Useful: `Softmax.apply(z)` is the core's stable softmax of every column.
func softmaxOutputError(weightedInputs z: Matrix, targets y: Matrix) throws -> Matrix {
    // BEGIN SOLUTION
    Softmax.apply(z) - y
    // END SOLUTION
}

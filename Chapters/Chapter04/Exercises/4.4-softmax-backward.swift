// Exercise 4.4 — the backward pass through softmax: its Jacobian applied to a gradient (Eq. 4.4).
// Notes: Chapters/Chapter04/README.md, §4.3 (Monotonicity). Check it with `swift run Workbook check 4.4`.

import ExerciseKit
import NeuralCore

/// The backward pass through a softmax layer (Eq. 4.4): given g = ∂C/∂a, return ∂C/∂z, column by
/// column (one column per example).
///
/// Softmax is not applied entry by entry: every zₖ moves every aⱼ, with
///
///     ∂aⱼ/∂zₖ = aⱼ(𝟙[j = k] − aₖ)        (𝟙[j = k] is 1 if j = k, else 0)
///
/// so the chain rule sums over j, and the Jacobian, applied to g, collapses to
///
///     ∂C/∂zₖ = Σⱼ gⱼ ∂aⱼ/∂zₖ = aₖ (gₖ − Σⱼ aⱼ gⱼ)
///
/// - Parameters:
///   - a: the softmax outputs a = softmax(z), classes × examples.
///   - g: ∂C/∂a, the same shape.
/// - Returns: ∂C/∂z, the same shape.
func softmaxBackward(outputs a: Matrix, upstream g: Matrix) throws -> Matrix {
    throw NotDone("4.4")  // replace this line with your code
}

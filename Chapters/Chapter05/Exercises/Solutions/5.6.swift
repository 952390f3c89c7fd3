// Exercise 5.6 — one step of Adam, with its bias corrections (Eq. 5.14). Notes:
// Chapters/Chapter05/README.md, §5.6. Check it with `swift run Workbook check 5.6`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 5.14 — one step of Adam at step t = 1, 2, …, entry by entry:
///
///     m ← β₁m + (1 − β₁)g,    v ← β₂v + (1 − β₂)g²
///     θ ← θ − η m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
///
/// m and v start at zero, so without the corrections they are pulled towards zero in the first
/// steps; with them, the first step moves every coordinate by η (up to ε) whatever the gradient's
/// size. ε is added to √v̂, outside the square root.
///
/// - Parameters:
///   - theta: the parameters θ, updated in place.
///   - m: the fading average of g, updated in place.
///   - v: the fading average of g², updated in place.
///   - g: the gradient at θ.
///   - t: the number of this step, 1 for the first.
///   - eta, beta1, beta2, epsilon: η, β₁, β₂, ε.
///
/// Useful: `pow(_:_:)` (Foundation); `a ⊙ b` multiplies entry by entry; `a.zipWith(b) { x, y in … }`
/// combines two matrices entry by entry; `x.squareRoot()`.
func adamStep(
    theta: inout Matrix, m: inout Matrix, v: inout Matrix, gradient g: Matrix, t: Int, eta: Double, beta1: Double,
    beta2: Double, epsilon: Double
) throws {
    // BEGIN SOLUTION
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * (g ⊙ g)
    let mHat = m / (1 - pow(beta1, Double(t)))
    let vHat = v / (1 - pow(beta2, Double(t)))
    theta = theta - eta * mHat.zipWith(vHat) { $0 / ($1.squareRoot() + epsilon) }
    // END SOLUTION
}

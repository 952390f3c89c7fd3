// Exercise 4.2 — the cross-entropy gradient of one neuron (Eq. 4.3). Notes:
// Chapters/Chapter04/README.md, §4.1–4.2. Check it with `swift run Workbook check 4.2`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 4.3 — the gradient of the cross-entropy cost C = −[y ln a + (1 − y) ln(1 − a)] of one
/// sigmoid neuron a = σ(z), z = wx + b, on one training input x with desired output y:
///
///     ∂C/∂w = x (a − y),   ∂C/∂b = a − y
///
/// No σ′(z) is left: ∂C/∂a = (a − y)/(a(1 − a)) cancels σ′(z) = a(1 − a). Compare the quadratic
/// cost's Eq. 4.1, (a − y)σ′(z)x and (a − y)σ′(z), which is tiny on the flat tails of σ.
///
/// - Returns: (∂C/∂w, ∂C/∂b).
///
/// Useful: `Activation.sigmoid.value(z)` is σ(z) for a number z.
func crossEntropyGradient(weight w: Double, bias b: Double, x: Double, y: Double) throws -> (w: Double, b: Double) {
    // BEGIN SOLUTION
    let a = Activation.sigmoid.value(w * x + b)
    return (x * (a - y), a - y)
    // END SOLUTION
}

// Exercise 4.7 — ∇ₐC of the cross-entropy, and BP1 in general form (Eq. 4.2, 4.6). Notes:
// Chapters/Chapter04/README.md, §4.2 and §4.4. Check it with `swift run Workbook check 4.7`.

import ExerciseKit
import NeuralCore

/// ∇ₐC, the gradient of the cross-entropy (Eq. 4.2) of ONE example with respect to its outputs,
/// entry by entry, for each column (example) of a batch:
///
///     C = −Σⱼ [ yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ) ]   ⇒   ∂C/∂aⱼ = (aⱼ − yⱼ) / (aⱼ(1 − aⱼ))
///
/// BP1 in its general form (Eq. 3.3) multiplies this by σ′(zᴸ) = aᴸ(1 − aᴸ), and the denominator
/// cancels: δᴸ = aᴸ − y (Eq. 4.6). The last check trains a network whose BP1 is exactly that
/// general form, with your ∇ₐC.
///
/// - Parameters:
///   - a: the sigmoid outputs aᴸ, strictly inside (0, 1).
///   - y: the targets, the same shape.
/// - Returns: ∂C/∂a, the same shape.
///
/// Useful: `a.zipWith(y) { a, y in … }` combines two matrices entry by entry.
func crossEntropyOutputGradient(outputs a: Matrix, targets y: Matrix) throws -> Matrix {
    // BEGIN SOLUTION
    a.zipWith(y) { a, y in (a - y) / (a * (1 - a)) }
    // END SOLUTION
}

// Exercise 8.7 — choosing the forget bias (Eqs. 8.2 and 8.16). Notes: Chapters/Chapter08/README.md,
// §8.3 and §8.4. Check it with `swift run Workbook check 8.7`.

import ExerciseKit
import Foundation
import NeuralCore

/// The forget-gate bias b_f that keeps a given fraction of the cell-state gradient over k steps,
/// for a cell whose weights are still zero (so fₜ = σ(b_f) at every step, Eq. 8.2).
///
/// By Eq. 8.16 the gradient that survives k steps is the product of k forget gates, σ(b_f)ᵏ.
/// Solve σ(b_f)ᵏ = fraction for b_f: the gate must be f = fraction^(1/k), and the bias is the
/// inverse of σ at f, b_f = log(f / (1 − f)).
///
/// - Parameters:
///   - fraction: the share of ∂L/∂c that should survive, 0 < fraction < 1.
///   - steps: k ≥ 1.
func forgetBias(keeping fraction: Double, over steps: Int) throws -> Double {
    throw NotDone("8.7")  // replace this line with your code
}

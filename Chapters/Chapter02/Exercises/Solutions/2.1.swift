// Exercise 2.1 — the sigmoid function (Eq. 2.1). Notes: Chapters/Chapter02/README.md, §2.1.
// Check it with `swift run Workbook check 2.1`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 2.1, the sigmoid σ(z) = 1 / (1 + e⁻ᶻ).
///
/// It must stay finite for every z the checks try, including |z| = 800, where e^|z| overflows to
/// ∞. Of the two equal forms 1/(1 + e⁻ᶻ) and eᶻ/(1 + eᶻ), pick for each sign of z the one whose
/// exponential cannot overflow (§2.1). `exp` is Foundation's.
///
/// - Parameter z: the weighted input.
/// - Returns: σ(z), between 0 and 1.
func sigmoid(_ z: Double) throws -> Double {
    // BEGIN SOLUTION
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
    // END SOLUTION
}

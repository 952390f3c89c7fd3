// Exercise 4.1 — the cross-entropy cost (Eq. 4.2). Notes: Chapters/Chapter04/README.md, §4.2.
// Check it with `swift run Workbook check 4.1`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 4.2, the cross-entropy cost of a layer of sigmoid outputs, averaged over the n training
/// inputs x and summed over the outputs j:
///
///     C = −(1/n) Σₓ Σⱼ [ yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ) ]
///
/// `outputs` (a) and `targets` (y) have one row per output neuron j and one column per training
/// input x, so n is the number of columns. Every output lies strictly inside (0, 1); the targets
/// lie in [0, 1] (not only 0 or 1).
///
/// - Returns: C, one number.
///
/// Useful: `log(_:)` (Foundation) is the natural logarithm ln; `outputs.elements` lists every entry
/// (in the same order as `targets.elements`); `outputs.columns` is n.
func crossEntropyCost(outputs: Matrix, targets: Matrix) throws -> Double {
    // BEGIN SOLUTION
    var total = 0.0
    for index in outputs.elements.indices {
        let (a, y) = (outputs.elements[index], targets.elements[index])
        total += y * log(a) + (1 - y) * log(1 - a)
    }
    return -total / Double(outputs.columns)
    // END SOLUTION
}

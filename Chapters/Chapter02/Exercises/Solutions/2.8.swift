// Exercise 2.8 — tanh, ReLU and leaky ReLU with their derivatives (Eq. 2.2–2.4).
// Notes: Chapters/Chapter02/README.md, §2.1–2.2. Check it with `swift run Workbook check 2.8`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 2.2, tanh as a rescaled sigmoid: tanh z = 2σ(2z) − 1. Build it from σ
/// (`Activation.sigmoid.value`), not from Foundation's `tanh`.
func tanhFromSigmoid(_ z: Double) throws -> Double {
    // BEGIN SOLUTION
    2 * Activation.sigmoid.value(2 * z) - 1
    // END SOLUTION
}

/// The derivative of tanh: tanh′ z = 1 − tanh² z (at most 1, at z = 0).
func tanhPrime(_ z: Double) throws -> Double {
    // BEGIN SOLUTION
    let t = 2 * Activation.sigmoid.value(2 * z) - 1
    return 1 - t * t
    // END SOLUTION
}

/// Eq. 2.3–2.4, leaky ReLU with slope α: z for z > 0 and αz for z ≤ 0. With α = 0 it is
/// ReLU(z) = max(0, z).
func leakyReLU(_ z: Double, alpha: Double) throws -> Double {
    // BEGIN SOLUTION
    z > 0 ? z : alpha * z
    // END SOLUTION
}

/// The derivative of leaky ReLU: 1 for z > 0 and α for z < 0. At the kink z = 0 take the
/// left-hand value α, as the notes do for ReLU (whose derivative there is then 0).
func leakyReLUPrime(_ z: Double, alpha: Double) throws -> Double {
    // BEGIN SOLUTION
    z > 0 ? 1 : alpha
    // END SOLUTION
}

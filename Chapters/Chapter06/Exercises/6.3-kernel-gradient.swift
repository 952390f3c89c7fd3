// Exercise 6.3 — the gradients of a convolution's kernel and bias (Eq. 6.8, Eq. 6.9). Notes:
// Chapters/Chapter06/README.md, §6.4. Check it with `swift run Workbook check 6.3`.

import ExerciseKit
import NeuralCore

/// Eq. 6.8 for one input map and one example (stride 1, no padding): a kernel weight k_mn is
/// used at every output position (i, j), where it multiplied the pixel x_{i+m, j+n}, so its
/// gradient adds δ times that pixel over all positions,
///
///     ∂C/∂k_mn = Σ_i Σ_j δ_ij x_{i+m, j+n}
///
/// the input cross-correlated with δ (Eq. 6.1 with δ in the kernel's place): x ⋆ δ.
///
/// - Parameters:
///   - x: the layer's input map, H × W.
///   - delta: δ = ∂C/∂z, the error of the layer's outputs, OH × OW with OH = H − F_h + 1.
/// - Returns: ∂C/∂k, shaped like the kernel: (H − OH + 1) × (W − OW + 1).
func kernelGradient(input x: Matrix, delta: Matrix) throws -> Matrix {
    throw NotDone("6.3")  // replace this line with your code
}

/// Eq. 6.9 for one output map and one example: the bias b touches every output z_ij with weight
/// 1, so ∂C/∂b = Σ_i Σ_j δ_ij.
///
/// - Parameter delta: δ = ∂C/∂z, OH × OW.
/// - Returns: ∂C/∂b.
func biasGradient(delta: Matrix) throws -> Double {
    throw NotDone("6.3")  // replace this line with your code
}

// Exercise 7.8 — the product of Jacobians through time (Eq. 7.11). Notes:
// Chapters/Chapter07/README.md, §7.5. Check it with `swift run Workbook check 7.8`.

import ExerciseKit
import NeuralCore

/// Eq. 7.11: how the state at step T depends on the state at an earlier step t, for one sequence.
/// Each step hₖ = tanh(U xₖ + W hₖ₋₁ + b) has the Jacobian
///
///     Jₖ = ∂hₖ/∂hₖ₋₁ = diag(1 − hₖ²) W          (row i of W scaled by 1 − hₖ[i]²)
///
/// and the chain rule multiplies them, the latest step on the left:
///
///     ∂h_T/∂hₜ = J_T J_{T−1} ⋯ J_{t+1}
///
/// - Parameters:
///   - W: the recurrent weights, n × n.
///   - hiddens: hₜ₊₁, hₜ₊₂, …, h_T in time order, n × 1 each.
/// - Returns: ∂h_T/∂hₜ, n × n (entry (i, j) is ∂h_T[i]/∂hₜ[j]); the identity if `hiddens` is empty.
///
/// Useful: `Matrix.identity(n)`, `Matrix(rows:columns:) { i, j in … }`, `*`.
func jacobianProduct(W: Matrix, hiddens: [Matrix]) throws -> Matrix {
    // BEGIN SOLUTION
    var product = Matrix.identity(W.rows)
    for h in hiddens {
        let jacobian = Matrix(rows: W.rows, columns: W.columns) { i, j in (1 - h[i, 0] * h[i, 0]) * W[i, j] }
        product = jacobian * product
    }
    return product
    // END SOLUTION
}

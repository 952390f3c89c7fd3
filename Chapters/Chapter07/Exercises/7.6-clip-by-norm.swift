// Exercise 7.6 — gradient clipping by the global norm (Eq. 7.8). Notes:
// Chapters/Chapter07/README.md, §7.4. Check it with `swift run Workbook check 7.6`.

import ExerciseKit
import NeuralCore

/// Eq. 7.8, clipping by norm:
///
///     g ← g · min(1, c / ‖g‖)
///
/// where g is the whole gradient of the model — every parameter's matrix together — and
/// ‖g‖ = √(Σ over all the matrices of Σ gᵢ²) is its global norm. A gradient whose norm is at most
/// c is returned unchanged; a longer one is scaled down to norm c, keeping its direction.
///
/// - Parameters:
///   - gradients: ∂L/∂θ for every parameter (e.g. [∂U, ∂W, ∂b, ∂V, ∂c]).
///   - limit: c > 0.
/// - Returns: the clipped gradients, in the same order and shapes.
///
/// Useful: `m.dot(m)` is Σ mᵢ², `(x).squareRoot()`, `scale * m`.
func clipByNorm(_ gradients: [Matrix], limit c: Double) throws -> [Matrix] {
    throw NotDone("7.6")  // replace this line with your code
}

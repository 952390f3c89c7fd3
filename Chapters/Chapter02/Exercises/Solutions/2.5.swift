// Exercise 2.5 — the gradient of the quadratic cost (Eq. 2.9). Notes: Chapters/Chapter02/README.md, §2.4–2.5.
// Check it with `swift run Workbook check 2.5`.

import ExerciseKit
import NeuralCore

/// Eq. 2.9, the gradient of C(w, b) = (1/2n) Σᵢ (yᵢ − aᵢ)² (Eq. 2.8) by the chain rule, with
/// zᵢ = w xᵢ + b and aᵢ = σ(zᵢ):
///
///     ∂C/∂w = (1/n) Σᵢ (aᵢ − yᵢ) σ′(zᵢ) xᵢ,     ∂C/∂b = (1/n) Σᵢ (aᵢ − yᵢ) σ′(zᵢ)
///
/// Use `Activation.sigmoid.value(z)` for σ(z) and `Activation.sigmoid.derivative(z)` for σ′(z).
///
/// - Parameters:
///   - w: the weight.
///   - b: the bias.
///   - xs: the inputs x₁ … xₙ.
///   - ys: the labels y₁ … yₙ.
/// - Returns: ∂C/∂w and ∂C/∂b.
func quadraticCostGradient(w: Double, b: Double, xs: [Double], ys: [Double]) throws -> (w: Double, b: Double) {
    // BEGIN SOLUTION
    var dw = 0.0
    var db = 0.0
    for (x, y) in zip(xs, ys) {
        let z = w * x + b
        let delta = (Activation.sigmoid.value(z) - y) * Activation.sigmoid.derivative(z)
        dw += delta * x
        db += delta
    }
    let n = Double(xs.count)
    return (dw / n, db / n)
    // END SOLUTION
}

// Exercise 2.3 — small changes, small effects: the first-order change of a neuron's output (Eq. 2.7).
// Notes: Chapters/Chapter02/README.md, §2.3 (and Chapter 01, §1.6).
// Check it with `swift run Workbook check 2.3`.

import ExerciseKit
import NeuralCore

/// Eq. 2.7, the change of a sigmoid neuron's output a = σ(w · x + b) when its weights move by Δw
/// and its bias by Δb, to first order:
///
///     Δoutput ≈ Σⱼ (∂output/∂wⱼ) Δwⱼ + (∂output/∂b) Δb,
///     ∂output/∂wⱼ = σ′(z) xⱼ,   ∂output/∂b = σ′(z),   z = w · x + b
///
/// Use `Activation.sigmoid.derivative(z)` for σ′(z).
///
/// - Parameters:
///   - weights: w, before the change.
///   - bias: b, before the change.
///   - input: x.
///   - deltaWeights: Δw, one entry per weight.
///   - deltaBias: Δb.
/// - Returns: the estimate of Δoutput.
func linearizedChange(weights: [Double], bias: Double, input: [Double], deltaWeights: [Double], deltaBias: Double)
    throws -> Double
{
    // BEGIN SOLUTION
    var z = bias
    for (w, x) in zip(weights, input) { z += w * x }
    let slope = Activation.sigmoid.derivative(z)
    var change = slope * deltaBias
    for (dw, x) in zip(deltaWeights, input) { change += slope * x * dw }
    return change
    // END SOLUTION
}

// Exercise 3.1 — the forward pass (Eq. 3.1). Notes: Chapters/Chapter03/README.md, §3.1.
// Check it with `swift run Workbook check 3.1`.

import ExerciseKit
import NeuralCore

/// Eq. 3.1, layer after layer, for a sigmoid network:
///
///     a¹ = x,   zˡ = wˡ aˡ⁻¹ + bˡ,   aˡ = σ(zˡ)   for l = 2, …, L
///
/// `weights[i]` and `biases[i]` are wˡ and bˡ of layer l = i + 2 (layer 1 is the input). The input
/// `x` holds a mini-batch of m examples as its m columns, so zˡ and aˡ have m columns too; the
/// bias column bˡ is added to every one of them.
///
/// - Returns: every activation, `[a¹, a², …, aᴸ]` (the first one is `x` itself).
///
/// Useful: `*` is the matrix product, `m.addingToEachColumn(b)` adds the column b to every column
/// of m, and `Activation.sigmoid.value(z)` is σ of every entry.
func feedforward(weights: [Matrix], biases: [Matrix], input x: Matrix) throws -> [Matrix] {
    // BEGIN SOLUTION
    var activations = [x]
    for (w, b) in zip(weights, biases) {
        let z = (w * activations[activations.count - 1]).addingToEachColumn(b)
        activations.append(Activation.sigmoid.value(z))
    }
    return activations
    // END SOLUTION
}

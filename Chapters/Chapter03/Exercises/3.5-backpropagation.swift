// Exercise 3.5 — backpropagation through a whole network (Eq. 3.3–3.7). Notes:
// Chapters/Chapter03/README.md, §3.2–3.3. Check it with `swift run Workbook check 3.5`.

import ExerciseKit
import NeuralCore

/// The gradient of the quadratic cost averaged over a mini-batch, C = (1/m) Σₓ ½‖y(x) − aᴸ(x)‖²,
/// for a sigmoid network, by backpropagation:
///
///  1. forward (Eq. 3.1): zˡ = wˡaˡ⁻¹ + bˡ, aˡ = σ(zˡ), keeping every zˡ and aˡ;
///  2. BP1 (Eq. 3.3): δᴸ = (aᴸ − y) ⊙ σ′(zᴸ);
///  3. BP2 (Eq. 3.4), from the top down: δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ′(zˡ);
///  4. BP3 and BP4 (Eq. 3.5, 3.6), averaged (Eq. 3.7): ∂C/∂bˡ = (1/m) Σₓ δˡ, ∂C/∂wˡ = (1/m) δˡ(aˡ⁻¹)ᵀ.
///
/// `weights[i]`, `biases[i]` are wˡ, bˡ of layer l = i + 2; `x` and `y` hold m examples as columns.
/// - Returns: ∂C/∂wˡ and ∂C/∂bˡ for every layer, in the same order and shapes as the parameters.
///
/// Your answer is trained with: a check runs gradient descent on a two-class problem with it.
func backpropagate(weights: [Matrix], biases: [Matrix], input x: Matrix, target y: Matrix) throws -> (
    weights: [Matrix], biases: [Matrix]
) {
    throw NotDone("3.5")  // replace this line with your code
}

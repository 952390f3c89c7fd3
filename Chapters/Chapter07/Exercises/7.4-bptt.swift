// Exercise 7.4 — backpropagation through time over a whole sequence (Eqs. 7.1–7.6). Notes:
// Chapters/Chapter07/README.md, §7.2. Check it with `swift run Workbook check 7.4`.

import ExerciseKit
import NeuralCore

/// The gradients of the loss L of Eq. 7.3 with respect to the five parameters.
struct RecurrentGradients {
    var dU: Matrix  // n × K
    var dW: Matrix  // n × n
    var db: Matrix  // n × 1
    var dV: Matrix  // K × n
    var dc: Matrix  // K × 1
}

/// Full BPTT for one sequence of symbols x₁ … x_T with targets y₁ … y_T:
///
/// Forward, from h₀ = 0:  hₜ = tanh(U xₜ + W hₜ₋₁ + b),  ŷₜ = softmax(V hₜ + c)     (Eqs. 7.1–7.2)
///
/// Backward, from t = T down to 1, with δ_{T+1} = 0:
///
///     ∂L/∂hₜ = Vᵀ(ŷₜ − 1_{yₜ}) + Wᵀ δₜ₊₁,   δₜ = ∂L/∂hₜ ⊙ (1 − hₜ²)              (Eq. 7.5)
///     ∂L/∂U = Σₜ δₜ xₜᵀ, ∂L/∂W = Σₜ δₜ hₜ₋₁ᵀ, ∂L/∂b = Σₜ δₜ,
///     ∂L/∂V = Σₜ (ŷₜ − 1_{yₜ}) hₜᵀ, ∂L/∂c = Σₜ (ŷₜ − 1_{yₜ})                       (Eq. 7.6)
///
/// - Parameters:
///   - U, W, b, V, c: the network's parameters (n hidden units, a vocabulary of K symbols).
///   - inputs: x₁ … x_T as symbol indices (xₜ is the one-hot column `Matrix.oneHot([inputs[t]], classes: K)`, K = `U.columns`).
///   - targets: y₁ … y_T as symbol indices.
///
/// Keep every hₜ of the forward pass (h₀ included): the backward pass needs hₜ and hₜ₋₁.
/// Useful: `Activation.tanh.value`, `Softmax.apply`, `⊙`, `m.transposed`, `+=` on matrices.
func bptt(U: Matrix, W: Matrix, b: Matrix, V: Matrix, c: Matrix, inputs: [Int], targets: [Int]) throws
    -> RecurrentGradients
{
    throw NotDone("7.4")  // replace this line with your code
}

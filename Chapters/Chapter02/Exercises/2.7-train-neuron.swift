// Exercise 2.7 — training one sigmoid neuron, and its learning slowdown (Eq. 2.9–2.10).
// Notes: Chapters/Chapter02/README.md, §2.4. Check it with `swift run Workbook check 2.7`.

import ExerciseKit
import NeuralCore

/// Gradient descent (Eq. 2.10) on a single sigmoid neuron a = σ(wx + b) with one training example
/// (x, y) and the quadratic cost C = ½(y − a)² (Eq. 2.8 with n = 1). Each step computes the
/// gradient of Eq. 2.9 at the current (w, b),
///
///     ∂C/∂w = (a − y) σ′(z) x,    ∂C/∂b = (a − y) σ′(z),    z = wx + b,
///
/// and moves w ← w − η ∂C/∂w, b ← b − η ∂C/∂b (both with the gradient of the same (w, b)).
///
/// - Parameters:
///   - w, b: the starting weight and bias.
///   - x, y: the training example.
///   - eta: the learning rate η.
///   - steps: how many steps to take.
/// - Returns: the path (w, b): the start first, then the point after each step (steps + 1 entries).
func trainNeuron(w: Double, b: Double, x: Double, y: Double, eta: Double, steps: Int) throws -> [(w: Double, b: Double)]
{
    throw NotDone("2.7")  // replace this line with your code
}

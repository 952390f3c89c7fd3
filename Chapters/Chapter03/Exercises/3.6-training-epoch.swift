// Exercise 3.6 — one epoch of mini-batch stochastic gradient descent (Eq. 3.7). Notes:
// Chapters/Chapter03/README.md, §3.3. Check it with `swift run Workbook check 3.6`.

import ExerciseKit
import NeuralCore

/// One epoch of Eq. 3.7 on the core's `Network`: walk through the examples in `order`, m at a
/// time (the last mini-batch may be smaller), and after each mini-batch move every parameter
/// against its gradient:
///
///     w → w − η ∂C/∂w,   b → b − η ∂C/∂b,   with ∂C/∂θ = (1/m) Σₓ ∂Cₓ/∂θ over the mini-batch.
///
/// - Parameters:
///   - network: the network to train, updated in place.
///   - inputs, targets: all n training examples, one per column.
///   - order: the order to visit the examples in (a shuffled 0..<n).
///   - batchSize: m.
///   - eta: the learning rate η.
///
/// Useful: `inputs.columns(indices)` picks columns; `network.backpropagate(x, y, cost:
/// QuadraticCost(), generator: &generator).gradients` gives the averaged gradients in the order of
/// `network.parameters`; `network.updateParameters { parameters in … }` lets you change them in
/// place, and `matrix.addScaled(other, by: s)` adds s · other.
func trainEpoch(
    network: inout Network, inputs: Matrix, targets: Matrix, order: [Int], batchSize: Int, eta: Double
) throws {
    throw NotDone("3.6")  // replace this line with your code
}

// The weight-decay updates (Eq. 5.2 and 5.4) on a network small enough to print: one SGD step
// with the regularization gradient added, beside the closed-form update rule.

import NeuralCore

/// A [2, 2, 1] sigmoid network, one mini-batch of two examples, a training set of n = 4.
struct PenaltyExample {
    let network: Network
    let x = Matrix([[0.8, 0.1], [0.3, 0.9]])
    let y = Matrix([[1, 0]])
    let trainingCount = 4
    let learningRate = 0.5
    let lambda = 0.2

    init() {
        network = Network(layers: [
            DenseLayer(
                weights: Matrix([[0.6, -0.4], [-1.2, 0.9]]), biases: Matrix(column: [0.1, -0.2]),
                activation: .sigmoid),
            DenseLayer(weights: Matrix([[1.5, -0.7]]), biases: Matrix(column: [0.05]), activation: .sigmoid),
        ])
    }

    /// ∂C₀/∂θ for the mini-batch (cross-entropy, no penalty), in `Network.parameters` order.
    var unpenalisedGradients: [Matrix] {
        var generator = SeededGenerator(seed: 0)
        return network.backpropagate(x, y, cost: CrossEntropyCost(), generator: &generator).gradients
    }

    /// The parameters after one step of `SGD` on ∂C₀/∂θ plus `Regularization.addGradient`.
    func sgdStep(_ regularization: Regularization) -> [Matrix] {
        var gradients = unpenalisedGradients
        regularization.addGradient(to: &gradients, of: network, trainingCount: trainingCount)
        var parameters = network.parameters
        var optimizer = SGD(learningRate: learningRate)
        optimizer.step(&parameters, gradients: gradients)
        return parameters
    }

    /// Eq. 5.2 — w → (1 − ηλ/n)w − η∂C₀/∂w, written out entry by entry (biases: b → b − η∂C₀/∂b).
    func l2Rule() -> [Matrix] {
        let decay = 1 - learningRate * lambda / Double(trainingCount)
        return rule { index, w, g in index.isMultiple(of: 2) ? decay * w - learningRate * g : w - learningRate * g }
    }

    /// Eq. 5.4 — w → w − (ηλ/n) sgn(w) − η∂C₀/∂w (biases: b → b − η∂C₀/∂b).
    func l1Rule() -> [Matrix] {
        let shrink = learningRate * lambda / Double(trainingCount)
        return rule { index, w, g in
            let sign: Double = w > 0 ? 1 : (w < 0 ? -1 : 0)
            return index.isMultiple(of: 2) ? w - shrink * sign - learningRate * g : w - learningRate * g
        }
    }

    private func rule(_ update: (Int, Double, Double) -> Double) -> [Matrix] {
        let gradients = unpenalisedGradients
        return network.parameters.enumerated().map { index, parameter in
            Matrix(
                rows: parameter.rows, columns: parameter.columns,
                elements: zip(parameter.elements, gradients[index].elements).map { update(index, $0, $1) })
        }
    }

    /// Eq. 5.1 — (λ/2n) Σ w², summed over the weights by hand.
    var l2Penalty: Double {
        lambda / (2 * Double(trainingCount))
            * network.denseLayers.flatMap(\.weights.elements).reduce(0) { $0 + $1 * $1 }
    }

    /// Eq. 5.3 — (λ/n) Σ |w|, summed over the weights by hand.
    var l1Penalty: Double {
        lambda / Double(trainingCount) * network.denseLayers.flatMap(\.weights.elements).reduce(0) { $0 + abs($1) }
    }
}

/// The largest entry-wise difference between two lists of matrices of the same shapes.
func largestDifference(_ a: [Matrix], _ b: [Matrix]) -> Double {
    zip(a, b).flatMap { zip($0.elements, $1.elements).map { abs($0 - $1) } }.max() ?? 0
}

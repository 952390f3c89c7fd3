// Checks of exercise 3.5 (Eq. 3.3–3.7): every gradient of the worked example and of a deeper
// network against central differences of the cost, the core's backpropagation, and a training run
// driven by the learner's gradients.

import ExerciseKit
import NeuralCore

/// Checks every gradient against central differences, naming the first layer that is off.
func expectBackprop(_ problem: RandomProblem) throws {
    let (w, b, x, y) = (problem.weights, problem.biases, problem.x, problem.y)
    let got = try backpropagate(weights: w, biases: b, input: x, target: y)
    try expectEqual(got.weights.count, w.count, "the number of weight gradients")
    try expectEqual(got.biases.count, b.count, "the number of bias gradients")
    let numeric = numericGradients(weights: w, biases: b, x: x, y: y)
    for l in w.indices {
        let layer = IndexNotation.superscripted(l + 2)
        try expectGradient(
            got.weights[l], matches: numeric.weights[l], "∂C/∂w\(layer)",
            diagnoses: slipDiagnoses(weights: w, biases: b, x: x, y: y) { $0.weights[l] })
        try expectGradient(
            got.biases[l], matches: numeric.biases[l], "∂C/∂b\(layer)",
            diagnoses: slipDiagnoses(weights: w, biases: b, x: x, y: y) { $0.biases[l] })
    }
}

let checks: [Check] = [
    Check("Eq. 3.3–3.6 — every gradient of the worked example of §3.1 against central differences") {
        var problem = RandomProblem(sizes: [2, 3, 2], batch: 1, seed: 0)
        (problem.weights, problem.biases) = (WorkedNetwork.weights, WorkedNetwork.biases)
        (problem.x, problem.y) = (WorkedNetwork.input, WorkedNetwork.target)
        try expectBackprop(problem)
    },
    Check("Eq. 3.3–3.7 — a [3, 4, 5, 2] network on a batch of 4 against central differences") {
        try expectBackprop(RandomProblem(sizes: [3, 4, 5, 2], batch: 4, seed: 36))
    },
    Check("Eq. 3.3–3.7 — equals the core's Network.backpropagate on a [4, 6, 3] network, batch of 10") {
        let problem = RandomProblem(sizes: [4, 6, 3], batch: 10, seed: 37)
        let network = Network(
            layers: zip(problem.weights, problem.biases).map {
                DenseLayer(weights: $0, biases: $1, activation: .sigmoid)
            })
        var generator = SeededGenerator(seed: 0)
        let core = network.backpropagate(problem.x, problem.y, cost: QuadraticCost(), generator: &generator).gradients
        let got = try backpropagate(
            weights: problem.weights, biases: problem.biases, input: problem.x, target: problem.y)
        try expect(got.weights.count == 2 && got.biases.count == 2, "expected gradients for 2 layers")
        for l in 0..<2 {
            try expectClose(got.weights[l], core[2 * l], "∂C/∂w\(IndexNotation.superscripted(l + 2))")
            try expectClose(got.biases[l], core[2 * l + 1], "∂C/∂b\(IndexNotation.superscripted(l + 2))")
        }
    },
    Check("Eq. 3.7 — your gradients train a [2, 8, 2] network to over 90% on two circles") {
        var generator = SeededGenerator(seed: 38)
        let data = ToyDatasets.circles(count: 200, noise: 0.05, using: &generator)
        let targets = Matrix.oneHot(data.labels, classes: 2)
        var weights = [Matrix.gaussian(8, 2, using: &generator), Matrix.gaussian(2, 8, using: &generator)]
        var biases = [Matrix.zeros(8, 1), Matrix.zeros(2, 1)]
        for _ in 0..<150 {
            let order = (0..<data.count).shuffled(using: &generator)
            for start in stride(from: 0, to: order.count, by: 10) {
                let batch = Array(order[start..<min(start + 10, order.count)])
                let g = try backpropagate(
                    weights: weights, biases: biases, input: data.inputs.columns(batch), target: targets.columns(batch))
                for l in weights.indices {
                    weights[l].addScaled(g.weights[l], by: -3)
                    biases[l].addScaled(g.biases[l], by: -3)
                }
            }
        }
        let outputs = loopForward(weights: weights, biases: biases, x: data.inputs).activations.last!
        let correct = zip(outputs.argmaxPerColumn(), data.labels).filter { $0 == $1 }.count
        try expect(
            correct > 180,
            "after 150 epochs of gradient descent with your gradients, \(correct) of 200 points are "
                + "classified correctly; a correct backpropagation gets over 180")
    },
]

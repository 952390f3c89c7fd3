// Checks of exercise 3.1 (Eq. 3.1): the worked example of §3.1 and a batch, against the forward
// pass written index by index, and the core's network.

import ExerciseKit
import NeuralCore

/// Compares every activation the learner returns with the oracle's, naming the layer.
func expectActivations(_ got: [Matrix], weights: [Matrix], biases: [Matrix], x: Matrix) throws {
    let expected = loopForward(weights: weights, biases: biases, x: x).activations
    try expectEqual(
        got.count, expected.count, "the number of activations [a¹, …, aᴸ]",
        diagnoses: [("the input a¹ = x is missing from the list", expected.count - 1)])
    let noBias = loopForward(weights: weights, biases: biases, x: x, bias: false).activations
    let linearHidden = loopForward(weights: weights, biases: biases, x: x, hiddenSigma: false).activations
    for l in expected.indices {
        try expectClose(
            got[l], expected[l], "a\(IndexNotation.superscripted(l + 1))",
            diagnoses: [
                Diagnosis("the biases bˡ are missing from zˡ = wˡaˡ⁻¹ + bˡ") { noBias[l] },
                Diagnosis("σ is missing in the hidden layers: aˡ = σ(zˡ) in every layer, not only the last") {
                    linearHidden[l]
                },
                Diagnosis("this is zˡ, not aˡ = σ(zˡ)") {
                    l > 0 ? loopForward(weights: weights, biases: biases, x: x).zs[l - 1] : nil
                },
            ])
    }
}

let checks: [Check] = [
    Check("Eq. 3.1 — a² and a³ of the worked example of §3.1") {
        let got = try feedforward(
            weights: WorkedNetwork.weights, biases: WorkedNetwork.biases, input: WorkedNetwork.input)
        try expectActivations(got, weights: WorkedNetwork.weights, biases: WorkedNetwork.biases, x: WorkedNetwork.input)
    },
    Check("Eq. 3.1 — a [3, 5, 4, 2] network on a batch of 6 examples, column by column") {
        let problem = RandomProblem(sizes: [3, 5, 4, 2], batch: 6, seed: 31)
        let got = try feedforward(weights: problem.weights, biases: problem.biases, input: problem.x)
        try expectActivations(got, weights: problem.weights, biases: problem.biases, x: problem.x)
    },
    Check("Eq. 3.1 — the output equals the core Network's feedforward on 50 points") {
        let problem = RandomProblem(sizes: [2, 8, 3], batch: 50, seed: 32)
        let network = Network(
            layers: zip(problem.weights, problem.biases).map {
                DenseLayer(weights: $0, biases: $1, activation: .sigmoid)
            })
        let got = try feedforward(weights: problem.weights, biases: problem.biases, input: problem.x)
        try expect(!got.isEmpty, "feedforward returned no activations")
        try expectClose(got[got.count - 1], network.feedforward(problem.x), "aᴸ")
    },
]

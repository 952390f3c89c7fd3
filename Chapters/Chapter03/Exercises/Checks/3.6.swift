// Checks of exercise 3.6 (Eq. 3.7): the parameters after one epoch equal those of the update
// written out step by step here, and an epoch loop trains a real network.

import ExerciseKit
import NeuralCore

/// How an epoch of mini-batch descent can go wrong, to name the one a learner's answer matches.
enum EpochSlip: CaseIterable {
    case none, dropsLastBatch, ascent, oneStepPerEpoch, sumsGradients

    var explanation: String {
        switch self {
        case .none: "correct"
        case .dropsLastBatch: "the last, smaller mini-batch is skipped: when m does not divide n it still trains"
        case .ascent: "the parameters move along the gradient, uphill: Eq. 3.7 subtracts η ∂C/∂θ"
        case .oneStepPerEpoch: "one step per epoch: the parameters must move after every mini-batch"
        case .sumsGradients: "the step is η times the sum over the mini-batch; Eq. 3.7 uses the average"
        }
    }
}

/// The epoch written out with the core's per-example backpropagation, with an optional slip.
func oracleEpoch(_ start: Network, x: Matrix, y: Matrix, order: [Int], m: Int, eta: Double, slip: EpochSlip)
    -> [Matrix]
{
    var network = start
    var batches: [[Int]] = []
    var first = 0
    while first < order.count {
        let last = min(first + m, order.count)
        if !(slip == .dropsLastBatch && last - first < m) { batches.append(Array(order[first..<last])) }
        first = last
    }
    if slip == .oneStepPerEpoch { batches = [order] }
    for batch in batches {
        var gradients = network.backpropagatePerExample(x.columns(batch), y.columns(batch), cost: QuadraticCost())
        if slip == .sumsGradients { gradients = gradients.map { $0 * Double(batch.count) } }
        let sign = slip == .ascent ? 1.0 : -1.0
        network.updateParameters { parameters in
            for i in parameters.indices { parameters[i].addScaled(gradients[i], by: sign * eta) }
        }
    }
    return network.parameters
}

/// A [2, 5, 2] sigmoid network with seeded weights and n seeded examples.
func epochProblem(n: Int, seed: UInt64) -> (network: Network, x: Matrix, y: Matrix, order: [Int]) {
    var generator = SeededGenerator(seed: seed)
    let network = Network(layers: [
        DenseLayer(
            weights: .gaussian(5, 2, using: &generator), biases: .gaussian(5, 1, using: &generator),
            activation: .sigmoid),
        DenseLayer(
            weights: .gaussian(2, 5, using: &generator), biases: .gaussian(2, 1, using: &generator),
            activation: .sigmoid),
    ])
    let x = Matrix.gaussian(2, n, using: &generator)
    let y = Matrix.uniform(2, n, low: 0, high: 1, using: &generator)
    return (network, x, y, (0..<n).shuffled(using: &generator))
}

func expectEpoch(n: Int, m: Int, seed: UInt64) throws {
    let problem = epochProblem(n: n, seed: seed)
    var network = problem.network
    try trainEpoch(
        network: &network, inputs: problem.x, targets: problem.y, order: problem.order, batchSize: m, eta: 0.5)
    let expected = oracleEpoch(
        problem.network, x: problem.x, y: problem.y, order: problem.order, m: m, eta: 0.5, slip: .none)
    let names = ["w²", "b²", "w³", "b³"]
    for i in expected.indices {
        try expectClose(
            network.parameters[i], expected[i], "\(names[i]) after one epoch",
            diagnoses: EpochSlip.allCases.filter { $0 != .none }.map { slip in
                Diagnosis(slip.explanation) {
                    oracleEpoch(
                        problem.network, x: problem.x, y: problem.y, order: problem.order, m: m, eta: 0.5, slip: slip)[
                            i]
                }
            })
    }
}

let checks: [Check] = [
    Check("Eq. 3.7 — one epoch of 12 examples in mini-batches of 4") { try expectEpoch(n: 12, m: 4, seed: 39) },
    Check("Eq. 3.7 — one epoch of 10 examples in mini-batches of 4 (the last has 2)") {
        try expectEpoch(n: 10, m: 4, seed: 40)
    },
    Check("Eq. 3.7 — your epochs train a [2, 10, 2] network to over 85% on two moons") {
        var generator = SeededGenerator(seed: 41)
        let data = ToyDatasets.moons(count: 200, noise: 0.1, using: &generator)
        let targets = Matrix.oneHot(data.labels, classes: 2)
        var network = Network(sizes: [2, 10, 2], using: &generator)
        for _ in 0..<100 {
            try trainEpoch(
                network: &network, inputs: data.inputs, targets: targets, order: (0..<200).shuffled(using: &generator),
                batchSize: 10, eta: 3)
        }
        let correct = zip(network.predictions(data.inputs), data.labels).filter { $0 == $1 }.count
        try expect(
            correct > 170,
            "after 100 of your epochs \(correct) of 200 points are classified correctly; "
                + "correct epochs get over 170")
    },
]

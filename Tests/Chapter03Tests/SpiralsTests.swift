// Section 3.10's claims: a network with identity hidden units is one linear map (Eq. 3.16), so
// it classifies the spirals about as well as a linear softmax classifier and no better, while
// non-linear hidden units follow the arms.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — three spiral arms and the hidden activation")
struct SpiralsTests {
    @Test("Eq. 3.16 — identity hidden units collapse: (w³w², w³b² + b³) gives the same outputs to rounding")
    func collapse() {
        var generator = SeededGenerator(seed: 2)
        let network = Network(
            sizes: [2, 7, 3], hidden: .identity, output: .softmax, initialization: .scaledNormal, using: &generator)
        let single = SpiralsExperiment.collapsed(network)
        #expect(single.sizes == [2, 3])
        let x = Matrix.gaussian(2, 50, standardDeviation: 2, using: &generator)
        expectClose(single.feedforward(x), network.feedforward(x), tolerance: Tolerance.exactArithmetic)
        // The composed weights, entry by entry: Σⱼ w³ᵢⱼ w²ⱼₖ.
        let (lower, upper) = (network.denseLayers[0], network.denseLayers[1])
        var entry = 0.0
        for j in 0..<7 { entry += upper.weights[1, j] * lower.weights[j, 0] }
        expectClose(single.denseLayers[0].weights[1, 0], entry, tolerance: Tolerance.exactArithmetic)
    }

    @Test(
        "Spirals: the identity network stays within 5 points of the linear classifier; tanh and ReLU beat both by 30",
        arguments: UInt64(1)...UInt64(2))
    func activations(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let points = SpiralsExperiment.data(using: &generator)
        #expect(points.count == 300 && points.classNames.count == 3)
        func run(_ activation: Activation?) throws -> (network: Network, accuracy: Double, cost: Double) {
            var g = generator.fork()
            return try SpiralsExperiment.train(
                activation: activation, on: points, epochs: SpiralsExperiment.epochs, using: &g)
        }
        let identity = try run(.identity)
        let linear = try run(nil)
        // Observed (seeds 1–2): identity and linear both 50–56%.
        #expect(abs(identity.accuracy - linear.accuracy) < 0.05, "\(identity.accuracy) vs \(linear.accuracy)")
        let data = LabeledData(points)
        let x = data.inputs(Array(0..<data.count))
        expectClose(
            SpiralsExperiment.collapsed(identity.network).feedforward(x), identity.network.feedforward(x),
            tolerance: Tolerance.exactArithmetic)
        for activation in [Activation.tanh, .relu] {
            let fitted = try run(activation)
            #expect(fitted.accuracy > linear.accuracy + 0.3, "\(activation): \(fitted.accuracy)")
        }
    }
}

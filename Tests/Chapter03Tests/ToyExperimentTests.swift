// Sections 3.5–3.6: the robust facts of the toy experiments, across seeds.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — moons and circles")
struct ToyExperimentTests {
    /// One tanh unit draws a straight boundary through the moons: observed 82–91% on seeds 1–3
    /// (a line cannot follow the moons' curves).
    static let oneUnitCeiling = 0.93
    /// Fifty units follow the moons: observed 96.5–100% on seeds 1–3.
    static let fiftyUnitFloor = 0.95

    @Test("Moons: h = 1 stays below 93% and h = 50 fits more than 95% of the points", arguments: UInt64(1)...UInt64(3))
    func moons(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let points = MoonsExperiment.data(using: &generator)
        var g1 = generator.fork()
        let one = try MoonsExperiment.train(hidden: 1, on: points, epochs: MoonsExperiment.epochs, using: &g1)
        var g50 = generator.fork()
        let fifty = try MoonsExperiment.train(hidden: 50, on: points, epochs: MoonsExperiment.epochs, using: &g50)
        #expect(one.accuracy < Self.oneUnitCeiling, "h = 1: \(one.accuracy)")
        #expect(fifty.accuracy > Self.fiftyUnitFloor, "h = 50: \(fifty.accuracy)")
        #expect(fifty.accuracy > one.accuracy)
    }

    @Test(
        "Circles: the [2, 4, 6, 6, 4, 1] ReLU network classifies more than 95% after 100 epochs",
        arguments: UInt64(1)...UInt64(3))
    func circles(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let points = CirclesExperiment.data(using: &generator)
        let (networks, records) = try CirclesExperiment.train(on: points, snapshots: [1, 100], using: &generator)
        #expect(records.count == 100)
        #expect(records.map(\.epoch) == Array(1...100))
        let final = try #require(records.last?.trainingAccuracy)
        #expect(final > 0.95, "seed \(seed): \(final)")
        // The snapshot is the network of that epoch: its accuracy is the record's.
        expectClose(
            Evaluation.accuracy(networks[1].network, on: LabeledData(points)), final,
            tolerance: Tolerance.exactArithmetic)
        // Cross-entropy fell (observed: from about 0.6 to about 0.01-0.06).
        #expect(records.last!.trainingCost! < 0.5 * records.first!.trainingCost!)
    }

    @Test("The grid field of a network equals its predictions at the sample points")
    func gridField() {
        var generator = SeededGenerator(seed: 4)
        let network = Network(sizes: [2, 5, 2], hidden: .tanh, output: .softmax, using: &generator)
        let field = GridField(network, xRange: -1...1, yRange: -2...2, samples: 11)
        for (x, y) in [(-1.0, -2.0), (0.2, 0.4), (1.0, 2.0), (-0.6, 1.2)] {
            let output = network.feedforward(Matrix(column: [x, y]))
            #expect(field.predictedClass(x, y) == output.argmaxPerColumn()[0])
            expectClose(field.probability(x, y), output[1, 0], tolerance: Tolerance.blasVersusLoop)
        }
    }
}

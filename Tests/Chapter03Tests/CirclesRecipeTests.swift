// Section 3.11: the held-out split, the Glorot-uniform start (Eq. 3.17), Adam's first step on the
// recipe's network, and the recipe's claim of "close to 100%" on the test points, across seeds.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — Skalski's circles recipe")
struct CirclesRecipeTests {
    @Test("The split holds out a tenth, is disjoint, covers every point and is the same for the same seed")
    func split() {
        var generator = SeededGenerator(seed: 5)
        let points = CirclesRecipe.data(using: &generator)
        var first = generator
        var second = generator
        let a = CirclesRecipe.split(points, using: &first)
        let b = CirclesRecipe.split(points, using: &second)
        #expect(a.training.count == 900 && a.test.count == 100)
        #expect(a.testIndices == b.testIndices)
        #expect(a.training == b.training && a.test == b.test)
        // Every point lands in exactly one of the two sets: the multiset of points is unchanged.
        func key(_ p: [Double], _ label: Int) -> String { "\(p[0]),\(p[1]),\(label)" }
        let all = (0..<points.count).map { key(points.point($0), points.labels[$0]) }.sorted()
        let parts =
            ((0..<a.training.count).map { key(a.training.point($0), a.training.labels[$0]) }
            + (0..<a.test.count).map { key(a.test.point($0), a.test.labels[$0]) }).sorted()
        #expect(parts == all)
        #expect(Set(a.testIndices).count == 100)
        // The test points are the points at testIndices, in that order.
        for (position, index) in a.testIndices.enumerated() {
            #expect(a.test.point(position) == points.point(index))
        }
        // Another generator state gives another split.
        var other = SeededGenerator(seed: 6)
        #expect(CirclesRecipe.split(points, using: &other).testIndices != a.testIndices)
    }

    @Test("Eq. 3.17 — Glorot-uniform weights lie in ±√(6/(n_in + n_out)) with variance 2/(n_in + n_out); biases 0")
    func glorotUniform() {
        var generator = SeededGenerator(seed: 2)
        let network = CirclesRecipe.glorotUniformNetwork(sizes: [300, 200, 1], using: &generator)
        let layer = network.denseLayers[0]
        let r = CirclesRecipe.glorotLimit(inputs: 300, outputs: 200)
        expectClose(r, (6.0 / 500).squareRoot(), tolerance: Tolerance.exactArithmetic)
        #expect(layer.weights.elements.allSatisfy { abs($0) <= r })
        let w = layer.weights.elements
        let mean = w.reduce(0, +) / Double(w.count)
        let variance = w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count)
        // 60,000 draws: the sample variance of U(−r, r) is within about 1% of r²/3 (observed 0.2%).
        #expect(abs(variance / (2.0 / 500) - 1) < 0.02, "variance \(variance)")
        #expect(abs(mean) < 0.002)
        #expect(network.denseLayers.allSatisfy { $0.biases.elements.allSatisfy { $0 == 0 } })
        #expect(network.denseLayers.map(\.activation) == [.relu, .sigmoid])
        #expect(
            CirclesRecipe.glorotUniformNetwork(sizes: CirclesRecipe.sizes, using: &generator).sizes
                == CirclesRecipe.sizes)
    }

    @Test("Adam's first step on the recipe's network moves every parameter with a gradient by η (m̂/√v̂ = ±1)")
    func firstAdamStep() throws {
        var generator = SeededGenerator(seed: 3)
        let points = CirclesRecipe.data(using: &generator)
        let (training, _, _) = CirclesRecipe.split(points, using: &generator)
        var network = CirclesRecipe.glorotUniformNetwork(sizes: CirclesRecipe.sizes, using: &generator)
        let before = network.parameters
        let data = LabeledData(training)
        let batch = Array(0..<CirclesRecipe.batchSize)
        let gradients = network.backpropagate(
            data.inputs(batch), data.binaryTargets(batch), cost: CrossEntropyCost(), generator: &generator
        ).gradients
        var adam = Adam(
            learningRate: CirclesRecipe.learningRate, beta1: CirclesRecipe.beta1, beta2: CirclesRecipe.beta2,
            epsilon: CirclesRecipe.epsilon)
        network.updateParameters { adam.step(&$0, gradients: gradients) }
        for (index, (old, new)) in zip(before, network.parameters).enumerated() {
            for k in old.elements.indices {
                let g = gradients[index].elements[k]
                let moved = new.elements[k] - old.elements[k]
                if g == 0 {
                    #expect(moved == 0)
                } else {
                    // −η g/(|g| + ε): η up to the ε of 10⁻⁷ against |g|.
                    let expected = -CirclesRecipe.learningRate * g / (abs(g) + CirclesRecipe.epsilon)
                    expectClose(moved, expected, tolerance: 1e-15)
                }
            }
        }
    }

    /// Eight starts of the recipe as written (a fork of `SeededGenerator(seed:)` for seeds 1–8; the
    /// chapter's `--seed N` starts 3.11 at its plan position instead, so these are other starts):
    /// the claim tested is that most starts come close to 100% on their 100 test points and every
    /// one beats guessing by far.
    @Test("The recipe as written: at least 6 of seeds 1–8 reach 98% on the held-out points, none below 80%")
    func recipeClaim() throws {
        var accuracies: [Double] = []
        for seed in UInt64(1)...8 {
            // The section's own draws: one fork of the session's generator, then data, split, training.
            var session = SeededGenerator(seed: seed)
            var generator = session.fork()
            let points = CirclesRecipe.data(using: &generator)
            let (training, test, _) = CirclesRecipe.split(points, using: &generator)
            let (_, records) = try CirclesRecipe.train(training: training, test: test, using: &generator)
            #expect(records.count == CirclesRecipe.epochs)
            accuracies.append(try #require(records.last?.evaluationAccuracy["test"]))
        }
        #expect(accuracies.filter { $0 >= 0.98 }.count >= 6, "\(accuracies)")
        #expect(accuracies.allSatisfy { $0 >= 0.8 }, "\(accuracies)")
    }

    @Test("Dead units: a unit whose bias and weights keep z ≤ 0 on every point is counted, a live one is not")
    func deadUnits() {
        let network = Network(layers: [
            DenseLayer(
                weights: Matrix([[1, 0], [0, 0], [-1, -1]]), biases: Matrix(column: [0, -1, -10]), activation: .relu),
            DenseLayer(weights: Matrix([[1, 1, 1]]), biases: Matrix(column: [0]), activation: .sigmoid),
        ])
        let points = PointDataset(
            points: [[1, 2], [0.5, -1], [-0.3, 0.2]], labels: [0, 1, 0], classNames: ["a", "b"])
        // Unit 1 is positive at x₁ = 1 and 0.5; unit 2 is −1 everywhere; unit 3 is below −9 everywhere.
        #expect(CirclesRecipe.deadUnits(network, on: points) == [2])
    }
}

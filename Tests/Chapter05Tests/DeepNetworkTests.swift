// Sections 5.8–5.9: the speeds of learning the chapter reports are the bias-gradient norms of a
// backpropagation written out here, batch normalization cancels the biases below it, and the
// observed training loop is exactly the core's training loop run stretch by stretch.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

/// Random inputs in [0, 1) and one-hot targets: `features` × `count` and `classes` × `count`.
private func randomBatch(features: Int, classes: Int, count: Int, seed: UInt64) -> (x: Matrix, y: Matrix) {
    var generator = SeededGenerator(seed: seed)
    let x = Matrix.uniform(features, count, low: 0, high: 1, using: &generator)
    let labels = (0..<count).map { _ in Int(generator.uniform() * Double(classes)) }
    let y = Matrix(rows: classes, columns: count) { i, j in labels[j] == i ? 1 : 0 }
    return (x, y)
}

/// A small labelled data set of `count` random examples.
private func randomData(features: Int, classes: Int, count: Int, seed: UInt64) -> LabeledData {
    let (x, y) = randomBatch(features: features, classes: classes, count: count, seed: seed)
    let labels = (0..<count).map { j in (0..<classes).first { y[$0, j] == 1 }! }
    return LabeledData(
        examples: Matrix(rows: count, columns: features) { i, j in x[j, i] }, labels: labels, classes: classes)
}

/// One layer's training-mode forward pass, its cache appended to `caches`.
private func forwardKeeping<L: Layer>(
    _ layer: inout L, _ input: FeatureMaps, _ caches: inout [Any], _ generator: inout SeededGenerator
) -> FeatureMaps {
    var cache = layer.makeCache()
    let output = layer.forward(input, mode: .training, cache: &cache, generator: &generator)
    caches.append(cache)
    return output
}

/// One layer's backward pass from ∂C/∂(output) with the cache its forward pass kept.
private func backwardFrom<L: Layer>(_ layer: L, _ g: FeatureMaps, _ cache: Any) -> FeatureMaps {
    var typed = cache as! L.Cache
    return layer.backward(g, cache: &typed, needsInputGradient: true).input!
}

@Suite("Chapter 05 — deep networks: speeds of learning and batch normalization in a network")
struct DeepNetworkTests {
    static let sizes = [12, 6, 6, 6, 6, 4]

    @Test(
        "Eq. 5.15, 5.17 — the reported speeds are rms ‖δˡₓ‖ of BP1–BP2 written out (sigmoid and ReLU + He)",
        arguments: [DeepVariant.sigmoid, .reluHe])
    func speedsAreDeltaNorms(_ variant: DeepVariant) {
        var generator = SeededGenerator(seed: 71)
        let deep = DeepNetwork.make(variant, sizes: Self.sizes, output: .sigmoid, generator: &generator)
        let (x, y) = randomBatch(features: 12, classes: 4, count: 25, seed: 72)
        let reported = deep.speeds(x, y, cost: CrossEntropyCost())

        let dense = deep.network.layers.compactMap { $0 as? DenseLayer }
        #expect(dense.count == Self.sizes.count - 1)
        let f: Activation = variant == .sigmoid ? .sigmoid : .relu
        var zs: [Matrix] = []
        var a = x
        for (index, layer) in dense.enumerated() {
            let z = (layer.weights * a).addingToEachColumn(layer.biases)
            zs.append(z)
            a = index == dense.count - 1 ? Activation.sigmoid.value(z) : f.value(z)
        }
        var delta = a - y  // BP1 for the cross-entropy cost of a sigmoid output (Eq. 4.6), one column per example
        var expected: [Double] = []
        for l in stride(from: dense.count - 2, through: 0, by: -1) {
            delta = (dense[l + 1].weights.transposed * delta) ⊙ f.derivative(zs[l])  // BP2
            // √((1/m) Σₓ ‖δˡₓ‖²)
            expected.insert((delta.dot(delta) / Double(x.columns)).squareRoot(), at: 0)
        }
        #expect(reported.count == 4)
        for l in 0..<4 { expectClose(reported[l], expected[l], tolerance: Tolerance.twoAnalyticGradients) }
        #expect(reported.allSatisfy { $0 > 1e-6 })
    }

    @Test(
        "Eq. 5.15 — for every variant the speeds are the layers' own backward passes chained by hand from BP1",
        arguments: DeepVariant.allCases)
    func speedsFromLayerByLayerBackprop(_ variant: DeepVariant) {
        var generator = SeededGenerator(seed: 73)
        let deep = DeepNetwork.make(variant, sizes: Self.sizes, output: .sigmoid, generator: &generator)
        let (x, y) = randomBatch(features: 12, classes: 4, count: 16, seed: 74)
        let reported = deep.speeds(x, y, cost: CrossEntropyCost())
        // Forward through every layer in training mode, keeping each cache.
        var layers = deep.network.layers
        var caches: [Any] = []
        var a = FeatureMaps(channels: 12, batch: 16, height: 1, width: 1, values: x)
        var probeGenerator = SeededGenerator(seed: 0)
        for index in layers.indices { a = forwardKeeping(&layers[index], a, &caches, &probeGenerator) }
        // BP1 at the sigmoid output with the cross-entropy cost: δᴸ = a − y; then each layer's backward.
        let top = layers[layers.count - 1] as! DenseLayer
        var topCache = caches[caches.count - 1] as! DenseLayer.Cache
        var g = top.backward(
            delta: FeatureMaps(channels: 4, batch: 16, height: 1, width: 1, values: a.values - y), cache: &topCache,
            needsInputGradient: true
        ).input!
        var deltas: [Matrix] = []
        for index in stride(from: layers.count - 2, through: 0, by: -1) {
            if layers[index] is DenseLayer { deltas.insert(g.values, at: 0) }  // identity: δ = ∂C/∂z
            guard index > 0 else { break }
            g = backwardFrom(layers[index], g, caches[index])
        }
        #expect(deltas.count == 4)
        for l in 0..<4 {
            let expected = deltas[l].norm() / 4  // √m, m = 16
            expectClose(reported[l], expected, tolerance: Tolerance.twoAnalyticGradients, "layer \(l + 1)")
        }
    }

    @Test("Eq. 5.25 — batch norm cancels the dense biases below it: their gradient is 0 in the network")
    func batchNormCancelsBiases() {
        var generator = SeededGenerator(seed: 75)
        let deep = DeepNetwork.make(.batchNorm, sizes: Self.sizes, output: .sigmoid, generator: &generator)
        let (x, y) = randomBatch(features: 12, classes: 4, count: 16, seed: 76)
        var probeGenerator = SeededGenerator(seed: 0)
        let gradients = deep.network.backpropagate(x, y, cost: CrossEntropyCost(), generator: &probeGenerator).gradients
        #expect(deep.cancelledBiases.count == 4)
        for index in deep.cancelledBiases {
            #expect(gradients[index].maxAbs() <= 1e-15, "Σᵢ ∂C/∂xᵢ = 0 under batch norm, so ∂C/∂b = 0")
            #expect(gradients[index - 1].maxAbs() > 1e-4, "the weights below still learn")
        }
    }

    @Test("Batch-norm and sigmoid networks start from the same weights; the batch-norm one from γ = 1, β = 0")
    func sameDraws() {
        var first = SeededGenerator(seed: 75)
        var second = SeededGenerator(seed: 75)
        let plain = DeepNetwork.make(.sigmoid, sizes: Self.sizes, output: .softmax, generator: &first)
        let normalized = DeepNetwork.make(.batchNorm, sizes: Self.sizes, output: .softmax, generator: &second)
        let plainWeights = plain.network.layers.compactMap { ($0 as? DenseLayer)?.weights }
        let normalizedWeights = normalized.network.layers.compactMap { ($0 as? DenseLayer)?.weights }
        #expect(plainWeights == normalizedWeights)
        let norms = normalized.network.layers.compactMap { $0 as? BatchNormalization }
        #expect(norms.count == 4)
        #expect(
            norms.allSatisfy { $0.gamma.elements.allSatisfy { $0 == 1 } && $0.beta.elements.allSatisfy { $0 == 0 } })
    }

    @Test("Eq. 5.17 — the predicted ratio is √(n_l · mean w² · mean σ′(z)²) of the network's own numbers")
    func predictedRatio() {
        var generator = SeededGenerator(seed: 76)
        let deep = DeepNetwork.make(.sigmoid, sizes: Self.sizes, output: .sigmoid, generator: &generator)
        let (x, _) = randomBatch(features: 12, classes: 4, count: 10, seed: 77)
        let dense = deep.network.layers.compactMap { $0 as? DenseLayer }
        // z of hidden layer 2 (index 1), by hand.
        let a1 = Activation.sigmoid.value((dense[0].weights * x).addingToEachColumn(dense[0].biases))
        let z2 = (dense[1].weights * a1).addingToEachColumn(dense[1].biases)
        let meanSquare = z2.map { Activation.sigmoid.derivative($0) * Activation.sigmoid.derivative($0) }.sum() / 60
        let w = dense[2].weights
        let expected = (6 * w.dot(w) / 36 * meanSquare).squareRoot()
        expectClose(deep.predictedRatio(layer: 1, x), expected, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Percentiles interpolate linearly between order statistics (NumPy's default)")
    func percentiles() {
        #expect(percentile([3, 1, 2, 4], 50) == 2.5)
        #expect(percentile([3, 1, 2, 4], 0) == 1)
        #expect(percentile([3, 1, 2, 4], 100) == 4)
        expectClose(percentile((1...11).map(Double.init), 15), 2.5, tolerance: Tolerance.exactArithmetic)
        expectClose(percentile((1...11).map(Double.init), 85), 9.5, tolerance: Tolerance.exactArithmetic)
        #expect(percentile([7], 85) == 7)
    }

    @Test("Observed training is the core's loop run stretch by stretch: same parameters, optimizer state carried")
    func observedTrainingIsTheTrainingLoop() throws {
        let data = randomData(features: 12, classes: 4, count: 40, seed: 78)
        let options = TrainingOptions(epochs: 1, batchSize: 4, cost: CrossEntropyCost())
        var start = SeededGenerator(seed: 79)
        let initial = DeepNetwork.make(.batchNorm, sizes: Self.sizes, output: .sigmoid, generator: &start)

        var observed = initial.network
        var observedOptimizer = Momentum(learningRate: 0.5, momentum: 0.9)
        var observedGenerator = start
        var seen: [Int] = []
        let run = try ObservedTraining.run(
            &observed, on: data, epochs: 2, stretch: 16, options: options, optimizer: &observedOptimizer,
            generator: &observedGenerator
        ) { network in
            seen.append(seen.count)
            return network.parameters
        }

        var manual = initial.network
        var manualOptimizer = Momentum(learningRate: 0.5, momentum: 0.9)
        var manualGenerator = start
        var snapshots = [manual.parameters]
        for _ in 0..<2 {
            for range in [0..<16, 16..<32, 32..<40] {
                _ = try Trainer.train(
                    &manual, on: data.subset(range), options: options, optimizer: &manualOptimizer,
                    generator: &manualGenerator)
                snapshots.append(manual.parameters)
            }
        }
        #expect(run.epochs == [0, 0.4, 0.8, 1, 1.4, 1.8, 2])
        #expect(run.measurements == snapshots)
        #expect(observed.parameters == manual.parameters)
        #expect(run.batchCosts.count == 2 * (4 + 4 + 2))
        #expect(run.divergedAt == nil)
        // Running averages are state, not parameters: they must have moved the same way too.
        let observedNorms = observed.layers.compactMap { $0 as? BatchNormalization }
        let manualNorms = manual.layers.compactMap { $0 as? BatchNormalization }
        #expect(observedNorms.map(\.runningMean) == manualNorms.map(\.runningMean))
        #expect(
            observedNorms.first?.runningMean
                != initial.network.layers.compactMap { $0 as? BatchNormalization }.first?.runningMean)
    }
}

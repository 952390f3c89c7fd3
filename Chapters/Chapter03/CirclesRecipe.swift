// Section 3.11's recipe as plain functions the section and the tests share: Skalski's Keras run
// on circles ("Deep Dive into Math Behind Deep Networks", 2018) — 1,000 points, a held-out tenth,
// [2, 4, 6, 6, 4, 1] with ReLU and a sigmoid output, Glorot-uniform weights and zero biases,
// binary cross-entropy, Adam at Keras's defaults, mini-batches of 32, 50 epochs.

import NeuralCore

/// The recipe's settings, Keras's defaults where the article leaves them to Keras.
enum CirclesRecipe {
    static let sizes = [2, 4, 6, 6, 4, 1]
    /// `make_circles(n_samples=1000, factor=.3, noise=.10)` in the article's notebook.
    static let count = 1_000
    static let factor = 0.3
    static let noise = 0.1
    /// `train_test_split(..., test_size=0.1)`: 100 of the 1,000 points held out.
    static let testFraction = 0.1
    static let epochs = 50
    static let quickEpochs = 50
    /// Keras's `model.fit` default.
    static let batchSize = 32
    /// Keras's `Adam()` defaults: learning_rate 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7.
    static let learningRate = 0.001
    static let beta1 = 0.9
    static let beta2 = 0.999
    static let epsilon = 1e-7

    /// The 1,000 points, before the split.
    static func data(using generator: inout SeededGenerator) -> PointDataset {
        ToyDatasets.circles(count: count, noise: noise, factor: factor, using: &generator)
    }

    /// A shuffled split like `train_test_split`: a random permutation of the points, the first
    /// ⌈fraction · count⌉ of it held out for testing, the rest for training, each in permutation
    /// order. The permutation is drawn from `generator`: the same state gives the same split.
    static func split(
        _ points: PointDataset, testFraction: Double = testFraction, using generator: inout SeededGenerator
    ) -> (training: PointDataset, test: PointDataset, testIndices: [Int]) {
        let order = generator.permutation(points.count)
        let testCount = Int((testFraction * Double(points.count)).rounded(.up))
        let testIndices = Array(order.prefix(testCount))
        let trainingIndices = Array(order.dropFirst(testCount))
        return (subset(points, trainingIndices), subset(points, testIndices), testIndices)
    }

    static func subset(_ points: PointDataset, _ indices: [Int]) -> PointDataset {
        PointDataset(
            points: indices.map { points.point($0) }, labels: indices.map { points.labels[$0] },
            classNames: points.classNames)
    }

    /// Eq. 3.17 — Glorot (Xavier) uniform weights, Keras's default for `Dense`: every wʲₖ drawn
    /// from U(−r, r) with r = √(6 / (n_in + n_out)), so that Var w = r²/3 = 2/(n_in + n_out) (the
    /// variance of Eq. 5.9's Xavier normal); biases 0. Draws n_in · n_out uniforms per layer, row by row.
    static func glorotUniformNetwork(
        sizes: [Int], hidden: Activation = .relu, output: Activation = .sigmoid,
        using generator: inout SeededGenerator
    ) -> Network {
        let layers = zip(sizes, sizes.dropFirst()).enumerated().map { index, pair in
            let (inputs, outputs) = pair
            let r = glorotLimit(inputs: inputs, outputs: outputs)
            return DenseLayer(
                weights: Matrix.uniform(outputs, inputs, low: -r, high: r, using: &generator),
                biases: Matrix(rows: outputs, columns: 1),
                activation: index == sizes.count - 2 ? output : hidden)
        }
        return Network(layers: layers)
    }

    /// r = √(6 / (n_in + n_out)) of Eq. 3.17.
    static func glorotLimit(inputs: Int, outputs: Int) -> Double { (6 / Double(inputs + outputs)).squareRoot() }

    /// The trained network and its per-epoch records (training and "test" cost and accuracy).
    static func train(
        training: PointDataset, test: PointDataset, sizes: [Int] = sizes, epochs: Int = epochs,
        learningRate: Double = learningRate, using generator: inout SeededGenerator
    ) throws -> (network: Network, records: [EpochRecord]) {
        var network = glorotUniformNetwork(sizes: sizes, using: &generator)
        var adam = Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
        let records = try Trainer.train(
            &network, on: LabeledData(training),
            options: TrainingOptions(
                epochs: epochs, batchSize: batchSize, cost: CrossEntropyCost(), monitorTraining: true),
            optimizer: &adam, evaluation: [("test", LabeledData(test))], generator: &generator)
        return (network, records)
    }
}

extension CirclesRecipe {
    /// For each hidden layer, how many of its ReLU units output 0 for every one of `points`: "dead"
    /// units, whose f′(z) = 0 at every point, so BP2 passes no gradient to their weights; they come
    /// back only if the layers below move their input.
    static func deadUnits(_ network: Network, on points: PointDataset) -> [Int] {
        var a = points.inputs
        var dead: [Int] = []
        for layer in network.denseLayers.dropLast() {
            var z = layer.weights * a
            for i in 0..<z.rows {
                for j in 0..<z.columns { z[i, j] += layer.biases[i, 0] }
            }
            a = z.map { max($0, 0) }
            dead.append((0..<a.rows).filter { row in a.row(row).allSatisfy { $0 == 0 } }.count)
        }
        return dead
    }
}

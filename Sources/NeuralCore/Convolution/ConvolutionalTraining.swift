// Mini-batch training and evaluation of a `ConvolutionalNetwork`: the same loop as `Trainer`
// (shuffle, backpropagate each mini-batch, add the L2/L1 gradient, step any `Optimizer`, measure
// after each epoch), fed image mini-batches. Evaluation runs in chunks so memory stays small.

/// Training of convolutional networks with the workbook's optimizers and options.
public enum ConvolutionalTrainer {
    /// Examples per forward pass when evaluating: large enough for efficient products, small
    /// enough that the patch matrices stay in cache-friendly sizes (conv2's is 500 × 32,768).
    public static let evaluationChunk = 128

    /// Trains `network` in place; one record per epoch, as `Trainer.train`.
    public static func train<O: Optimizer>(
        _ network: inout ConvolutionalNetwork, on training: LabeledData, options: TrainingOptions,
        optimizer: inout O, evaluation: [(name: String, data: LabeledData)] = [],
        generator: inout SeededGenerator, onBatch: ((Int, Int, Double) -> Void)? = nil,
        onEpoch: ((EpochRecord, inout O) -> EpochDecision)? = nil
    ) throws -> [EpochRecord] {
        precondition(options.batchSize >= 1, "batch size must be at least 1")
        let n = training.count
        let batchCount = (n + options.batchSize - 1) / options.batchSize
        var records: [EpochRecord] = []
        var buffers = ConvolutionalNetwork.Cache()
        for epoch in 1...options.epochs {
            let order = generator.permutation(n)
            var ratios: [Double] = []
            for batchIndex in 0..<batchCount {
                let indices = Array(
                    order[(batchIndex * options.batchSize)..<min((batchIndex + 1) * options.batchSize, n)])
                let x = network.input(training, indices: indices)
                let y = training.batch(indices: indices)
                network.forwardPass(x, dropoutKeep: options.dropoutKeep, generator: &generator, cache: &buffers)
                var result = network.backpropagate(caches: &buffers, target: y, cost: options.cost)
                guard result.cost.isFinite else {
                    throw TrainingDiverged(epoch: epoch, learningRate: optimizer.learningRate)
                }
                addPenaltyGradient(options.regularization, to: &result.gradients, of: network, trainingCount: n)
                let isLast = batchIndex == batchCount - 1
                let before = isLast ? weightMatrices(network) : []
                network.updateParameters { parameters in
                    optimizer.step(&parameters, gradients: result.gradients)
                }
                if isLast {
                    ratios = zip(weightMatrices(network), before).map { new, old in
                        (new - old).norm() / max(old.norm(), 1e-300)
                    }
                }
                onBatch?(batchIndex + 1, batchCount, result.cost / Double(indices.count))
            }
            buffers = ConvolutionalNetwork.Cache()
            var record = EpochRecord(
                epoch: epoch, learningRate: optimizer.learningRate, trainingCost: nil, trainingAccuracy: nil,
                evaluationCost: [:], evaluationAccuracy: [:], updateRatios: ratios)
            if options.monitorTraining {
                let measured = measure(network, on: training, cost: options.cost)
                record.trainingCost = measured.cost + penalty(options.regularization, network, trainingCount: n)
                record.trainingAccuracy = measured.accuracy
            }
            for (name, data) in evaluation {
                let measured = measure(network, on: data, cost: options.cost)
                record.evaluationCost[name] = measured.cost + penalty(options.regularization, network, trainingCount: n)
                record.evaluationAccuracy[name] = measured.accuracy
            }
            records.append(record)
            if onEpoch?(record, &optimizer) == .stop { break }
        }
        return records
    }

    /// The weight matrices (even parameter indices), convolutions first.
    static func weightMatrices(_ network: ConvolutionalNetwork) -> [Matrix] {
        network.stages.map(\.convolution.weights) + network.dense.layers.map(\.weights)
    }

    /// Eq. 5.1 / 5.3 — the penalty over every weight, convolution kernels included.
    public static func penalty(_ regularization: Regularization, _ network: ConvolutionalNetwork, trainingCount n: Int)
        -> Double
    {
        switch regularization {
        case .none: return 0
        case .l2(let lambda):
            return lambda / (2 * Double(n)) * weightMatrices(network).reduce(0) { $0 + $1.dot($1) }
        case .l1(let lambda):
            return lambda / Double(n)
                * weightMatrices(network).reduce(0) { $0 + $1.elements.reduce(0) { $0 + abs($1) } }
        }
    }

    /// The penalty's gradient added to the weight gradients: (λ/n)w for L2, (λ/n) sgn w for L1.
    static func addPenaltyGradient(
        _ regularization: Regularization, to gradients: inout [Matrix], of network: ConvolutionalNetwork,
        trainingCount n: Int
    ) {
        for (layer, weights) in weightMatrices(network).enumerated() {
            switch regularization {
            case .none: return
            case .l2(let lambda): gradients[2 * layer].addScaled(weights, by: lambda / Double(n))
            case .l1(let lambda):
                gradients[2 * layer].addScaled(weights.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, by: lambda / Double(n))
            }
        }
    }

    /// Mean cost (without penalty) and accuracy over `data`.
    public static func measure(_ network: ConvolutionalNetwork, on data: LabeledData, cost: any Cost) -> (
        cost: Double, accuracy: Double
    ) {
        guard data.count > 0 else { return (0, 0) }
        var total = 0.0
        var correct = 0
        var buffers = ConvolutionalNetwork.Cache()
        forEachChunk(of: data, network) { indices, x in
            _ = network.feedforward(x, cache: &buffers)
            let last = buffers.dense[buffers.dense.count - 1]
            let (z, a) = (last.z, last.a)
            total += cost.cost(z: z, output: a, target: data.batch(indices: indices))
            for (column, predicted) in a.argmaxPerColumn().enumerated() where predicted == data.labels[indices[column]]
            {
                correct += 1
            }
        }
        return (total / Double(data.count), Double(correct) / Double(data.count))
    }

    /// The predicted class of every example of `data`, in order.
    public static func predictions(_ network: ConvolutionalNetwork, on data: LabeledData) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(data.count)
        var buffers = ConvolutionalNetwork.Cache()
        forEachChunk(of: data, network) { _, x in
            result.append(contentsOf: network.feedforward(x, cache: &buffers).argmaxPerColumn())
        }
        return result
    }

    static func forEachChunk(
        of data: LabeledData, _ network: ConvolutionalNetwork, _ body: ([Int], FeatureMaps) -> Void
    ) {
        var start = 0
        while start < data.count {
            let indices = Array(start..<min(start + evaluationChunk, data.count))
            body(indices, network.input(data, indices: indices))
            start += evaluationChunk
        }
    }
}

extension LabeledData {
    /// One-hot targets (classes × m) of the examples at `indices`, without building the inputs.
    public func batch(indices: [Int]) -> Matrix {
        var y = Matrix(rows: classes, columns: indices.count)
        for (column, example) in indices.enumerated() { y[labels[example], column] = 1 }
        return y
    }
}

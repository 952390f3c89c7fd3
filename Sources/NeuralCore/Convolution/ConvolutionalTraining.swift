// What makes a `ConvolutionalNetwork` trainable by the workbook's one training loop
// (`Trainer.train`): image mini-batches, buffers kept between mini-batches, the weight penalty
// over kernels and dense weights, and evaluation in chunks so memory stays small.

extension ConvolutionalNetwork: TrainableModel {
    /// The forward and backward buffers, reused by every mini-batch.
    public func makeWorkspace() -> Cache { Cache() }

    public var weightMatrices: [Matrix] { ConvolutionalEvaluation.weightMatrices(self) }

    public func backpropagate(
        examples indices: [Int], of data: LabeledData, cost: any Cost, dropoutKeep: Double?,
        generator: inout SeededGenerator, workspace: inout Cache
    ) -> Network.Backpropagation {
        let x = input(data, indices: indices)
        let y = data.batch(indices: indices)
        forwardPass(x, dropoutKeep: dropoutKeep, generator: &generator, cache: &workspace)
        return backpropagate(caches: &workspace, target: y, cost: cost)
    }

    public func addPenaltyGradient(_ regularization: Regularization, to gradients: inout [Matrix], trainingCount n: Int)
    {
        ConvolutionalEvaluation.addPenaltyGradient(regularization, to: &gradients, of: self, trainingCount: n)
    }

    public func evaluate(on data: LabeledData, cost: any Cost, regularization: Regularization, trainingCount: Int?)
        -> (cost: Double, accuracy: Double)
    {
        let measured = ConvolutionalEvaluation.measure(self, on: data, cost: cost)
        let penalty = ConvolutionalEvaluation.penalty(regularization, self, trainingCount: trainingCount ?? data.count)
        return (measured.cost + penalty, measured.accuracy)
    }
}

/// Penalty, cost, accuracy and predictions of convolutional networks.
public enum ConvolutionalEvaluation {
    /// Examples per forward pass when evaluating: large enough for efficient products, small
    /// enough that the patch matrices stay in cache-friendly sizes (conv2's is 500 × 32,768).
    package static let evaluationChunk = 128

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

// Measuring a network on a whole data set in inference mode, in chunks so the products stay
// large (fast BLAS) and the memory small: cost with its penalty, accuracy, predictions,
// mistakes and the confusion matrix, all from one pass of the same code.

import Foundation

/// Accuracy, cost and predictions of a network over a data set.
public enum Evaluation {
    /// Examples per forward pass: 1,000 feature columns for a network that reads features, 128
    /// images for one that reads maps (large enough for efficient products, small enough that a
    /// convolution's patch matrices stay cache-friendly: conv2's is 500 × 32,768 at 128).
    public static func chunk(for network: Network) -> Int { network.inputShape.isFlat ? 1_000 : 128 }

    /// Cost, accuracy and the predicted class of every example of a data set.
    public struct Measurement: Sendable {
        /// The cost averaged over the examples, plus the penalty; NaN when no cost was asked for
        /// (accuracy and predictions alone skip building the targets and summing the cost).
        public var cost: Double
        /// Fraction of examples classified correctly.
        public var accuracy: Double
        /// The predicted class of every example, in order: the largest output, or a > ½ for a
        /// single sigmoid output.
        public var predictions: [Int]
    }

    /// One inference pass over `data`. The cost is the mean of `cost` over the examples plus the
    /// regularization penalty (Eq. 5.1, 5.3) for a training set of `trainingCount` examples: the
    /// n of the penalty is always the training set's size, whichever set is measured.
    public static func measure(
        _ network: Network, on data: LabeledData, cost: (any Cost)? = nil,
        regularization: Regularization = .none, trainingCount: Int
    ) -> Measurement {
        guard data.count > 0 else { return Measurement(cost: 0, accuracy: 0, predictions: []) }
        let size = chunk(for: network)
        let chunks = stride(from: 0, to: data.count, by: size).map { $0..<min($0 + size, data.count) }
        var total = 0.0
        var predictions: [Int] = []
        predictions.reserveCapacity(data.count)
        if network.inputShape.isFlat {
            // Feature columns: one chunk after another; BLAS already spreads each chunk's large
            // products over the cores.
            var worker = ChunkWorker(network)
            for range in chunks {
                let result = worker.measure(range, of: data, cost: cost)
                total += result.cost
                predictions.append(contentsOf: result.predictions)
                // Feature-column layers allocate afresh, so their caches would only keep this
                // chunk's inputs (6 MB for 1,000 MNIST images) alive while the next chunk is
                // gathered. Release those first.
                worker.workspace = worker.probe.makeWorkspace()
            }
        } else {
            // Images: im2col, pooling and the element-wise work run outside BLAS, so the chunks
            // are spread over the cores instead, every product on one BLAS thread. Each chunk's
            // numbers are computed alone and added up in chunk order, whatever the core count.
            let results = ShardSlots<(cost: Double, predictions: [Int])>(count: chunks.count)
            let workers = min(processorCount, chunks.count)
            withSingleThreadedBLAS {
                DispatchQueue.concurrentPerform(iterations: workers) { first in
                    var worker = ChunkWorker(network)
                    for index in stride(from: first, to: chunks.count, by: workers) {
                        results.store(worker.measure(chunks[index], of: data, cost: cost), at: index)
                    }
                }
            }
            for result in results.values {
                total += result!.cost
                predictions.append(contentsOf: result!.predictions)
            }
        }
        let correct = zip(predictions, data.labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        let penalty = regularization.penalty(network, trainingCount: trainingCount)
        return Measurement(
            cost: cost == nil ? .nan : total / Double(data.count) + penalty,
            accuracy: Double(correct) / Double(data.count),
            predictions: predictions)
    }

    /// The summed cost of the last forward pass's output, told the output activation.
    static func outputCost(
        _ network: Network, cost: any Cost, output a: Matrix, target y: Matrix, _ workspace: Network.Workspace
    )
        -> Double
    {
        let top = network.layers.count - 1
        if let layer = network.layers[top] as? any ActivationOutputLayer {
            return outputCost(layer, cost: cost, output: a, target: y, box: workspace.boxes[top]!)
        }
        return cost.cost(z: a, output: a, target: y, activation: .identity)
    }

    private static func outputCost<L: ActivationOutputLayer>(
        _ layer: L, cost: any Cost, output a: Matrix, target y: Matrix, box: AnyObject
    ) -> Double {
        let z = layer.weightedInput(in: (box as! CacheBox<L>).cache)
        return cost.cost(z: z, output: a, target: y, activation: layer.outputActivation)
    }

    /// Fraction of examples classified correctly.
    public static func accuracy(_ network: Network, on data: LabeledData) -> Double {
        measure(network, on: data, trainingCount: max(data.count, 1)).accuracy
    }

    /// The cost averaged over the examples, plus the penalty for a training set of `trainingCount`
    /// examples (`data` itself, when not given: then `data` is the training set).
    public static func cost(
        _ network: Network, on data: LabeledData, cost: any Cost, regularization: Regularization = .none,
        trainingCount: Int? = nil
    ) -> Double {
        measure(
            network, on: data, cost: cost, regularization: regularization, trainingCount: trainingCount ?? data.count
        )
        .cost
    }

    /// The predicted class of every example of `data`, in order.
    public static func predictions(_ network: Network, on data: LabeledData) -> [Int] {
        measure(network, on: data, trainingCount: max(data.count, 1)).predictions
    }

    /// The examples whose predicted class differs from their label, with the prediction.
    public static func mistakes(_ network: Network, on data: LabeledData) -> [(index: Int, predicted: Int)] {
        predictions(network, on: data).enumerated().compactMap { index, predicted in
            predicted == data.labels[index] ? nil : (index, predicted)
        }
    }

    /// counts[true class][predicted class] over `data`.
    public static func confusionMatrix(_ network: Network, on data: LabeledData) -> [[Int]] {
        var counts = Array(repeating: Array(repeating: 0, count: data.classes), count: data.classes)
        for (index, predicted) in predictions(network, on: data).enumerated() {
            counts[data.labels[index]][predicted] += 1
        }
        return counts
    }
}

/// One inference pass over chunks of a data set, with its own copy of the network and buffers.
private struct ChunkWorker {
    var probe: Network
    var workspace: Network.Workspace
    var generator = SeededGenerator(seed: 0)  // inference draws nothing

    init(_ network: Network) {
        probe = network
        workspace = network.makeWorkspace()
    }

    /// The summed cost (0 when no cost was asked for) and the predictions of the examples in `range`.
    mutating func measure(_ range: Range<Int>, of data: LabeledData, cost: (any Cost)?) -> (
        cost: Double, predictions: [Int]
    ) {
        let indices = Array(range)
        let a = probe.forward(
            probe.input(data, indices: indices), mode: .inference, generator: &generator, workspace: &workspace
        ).values
        var total = 0.0
        if let cost {
            total = Evaluation.outputCost(
                probe, cost: cost, output: a, target: probe.targets(data, indices: indices), workspace)
        }
        return (total, a.rows == 1 ? a.elements.map { $0 > 0.5 ? 1 : 0 } : a.argmaxPerColumn())
    }
}

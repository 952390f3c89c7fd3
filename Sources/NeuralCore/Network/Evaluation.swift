// Measuring a network on a whole data set, in chunks so the products stay large (fast BLAS)
// and the memory small.

/// Accuracy and cost of a network over a data set.
public enum Evaluation {
    /// Columns per forward pass when evaluating.
    static let chunk = 1_000

    /// Fraction of examples classified correctly: argmax of the output, or a > ½ for a single
    /// sigmoid output.
    public static func accuracy(_ network: Network, on data: LabeledData) -> Double {
        guard data.count > 0 else { return 0 }
        var correct = 0
        forEachChunk(of: data) { indices, x in
            let a = network.feedforward(x)
            let predicted = a.rows == 1 ? a.elements.map { $0 > 0.5 ? 1 : 0 } : a.argmaxPerColumn()
            for (column, example) in indices.enumerated() where predicted[column] == data.labels[example] {
                correct += 1
            }
        }
        return Double(correct) / Double(data.count)
    }

    /// The cost averaged over the examples, plus the regularization penalty (Eq. 5.1, 5.3) for a
    /// training set of `trainingCount` examples.
    public static func cost(
        _ network: Network, on data: LabeledData, cost: any Cost, regularization: Regularization = .none,
        trainingCount: Int? = nil
    ) -> Double {
        guard data.count > 0 else { return 0 }
        var total = 0.0
        forEachChunk(of: data) { indices, x in
            var a = x
            var z = x
            for layer in network.layers {
                let cache = layer.forward(a)
                z = cache.z
                a = cache.a
            }
            total += cost.cost(z: z, output: a, target: targets(for: network, data: data, indices: indices))
        }
        let penalty = regularization.penalty(network, trainingCount: trainingCount ?? data.count)
        return total / Double(data.count) + penalty
    }

    /// The targets for `indices` in the form the network's output needs: one-hot columns, or a
    /// single row of 0/1 labels for a network with one output.
    public static func targets(for network: Network, data: LabeledData, indices: [Int]) -> Matrix {
        network.layers[network.layers.count - 1].outputs == 1
            ? data.binaryTargets(indices) : data.batch(indices).y
    }

    /// The examples whose predicted class differs from their label, with the prediction.
    public static func mistakes(_ network: Network, on data: LabeledData) -> [(index: Int, predicted: Int)] {
        var result: [(index: Int, predicted: Int)] = []
        forEachChunk(of: data) { indices, x in
            let predicted = network.predictions(x)
            for (column, example) in indices.enumerated() where predicted[column] != data.labels[example] {
                result.append((example, predicted[column]))
            }
        }
        return result
    }

    /// counts[true class][predicted class] over `data`, predicting the largest output.
    public static func confusionMatrix(_ network: Network, on data: LabeledData) -> [[Int]] {
        var counts = Array(repeating: Array(repeating: 0, count: data.classes), count: data.classes)
        forEachChunk(of: data) { indices, x in
            let predicted = network.predictions(x)
            for (column, example) in indices.enumerated() { counts[data.labels[example]][predicted[column]] += 1 }
        }
        return counts
    }

    static func forEachChunk(of data: LabeledData, _ body: ([Int], Matrix) -> Void) {
        var start = 0
        while start < data.count {
            let indices = Array(start..<min(start + chunk, data.count))
            body(indices, data.batch(indices).x)
            start += chunk
        }
    }
}

// The deep networks of sections 5.8 and 5.9: every hidden layer is dense → (batch norm) →
// activation, so each hidden layer's weighted input z and the input of its activation are there
// to be measured. One backpropagation gives every layer's speed of learning.

import NeuralCore

/// The three kinds of hidden layer the two sections compare.
enum DeepVariant: String, CaseIterable, CustomStringConvertible {
    /// Sigmoid units, weights N(0, 1/n_in) and biases N(0, 1) (Eq. 5.8).
    case sigmoid
    /// ReLU units, He's weights N(0, 2/n_in) and zero biases (Eq. 5.9).
    case reluHe
    /// Sigmoid units with batch normalization (Eq. 5.18–5.21) between the weighted sum and σ;
    /// weights N(0, 1/n_in) as `.sigmoid` (the same draws), dense biases 0 (β takes their role).
    case batchNorm

    var description: String {
        switch self {
        case .sigmoid: "sigmoid, N(0, 1/n_in)"
        case .reluHe: "ReLU, He N(0, 2/n_in)"
        case .batchNorm: "sigmoid + batch norm"
        }
    }
}

/// A deep network with the bookkeeping the sections read from it.
struct DeepNetwork {
    var network: Network
    let variant: DeepVariant
    /// For hidden layer l (0-based, bottom up), the index in `network.layers` of its activation layer.
    let activationLayers: [Int]
    /// For hidden layer l with batch normalization, the index in `network.parameters` of the
    /// dense biases below it (whose gradient the normalization cancels); empty otherwise.
    let cancelledBiases: [Int]

    /// `sizes` with hidden layers of `variant` and an `output` dense layer (weights N(0, 1/n_in)).
    static func make(
        _ variant: DeepVariant, sizes: [Int], output: Activation, generator: inout SeededGenerator
    ) -> DeepNetwork {
        precondition(sizes.count >= 3, "a deep network needs hidden layers, got sizes \(sizes)")
        var layers: [any Layer] = []
        var activationLayers: [Int] = []
        var cancelledBiases: [Int] = []
        var parameterCount = 0
        for index in 1..<(sizes.count - 1) {
            let (inputs, outputs) = (sizes[index - 1], sizes[index])
            switch variant {
            case .sigmoid, .reluHe:
                let initialization: WeightInitialization = variant == .sigmoid ? .scaledNormal : .he
                layers.append(
                    initialization.layer(inputs: inputs, outputs: outputs, activation: .identity, using: &generator))
                parameterCount += 2
            case .batchNorm:
                var dense = WeightInitialization.scaledNormal.layer(
                    inputs: inputs, outputs: outputs, activation: .identity, using: &generator)
                dense.biases = Matrix(rows: outputs, columns: 1)
                layers.append(dense)
                cancelledBiases.append(parameterCount + 1)
                layers.append(BatchNormalization(features: outputs))
                parameterCount += 4  // w, b, then γ, β
            }
            activationLayers.append(layers.count)
            layers.append(ActivationLayer(variant == .reluHe ? .relu : .sigmoid))
        }
        layers.append(
            WeightInitialization.scaledNormal.layer(
                inputs: sizes[sizes.count - 2], outputs: sizes[sizes.count - 1], activation: output, using: &generator))
        return DeepNetwork(
            network: Network(input: .features(sizes[0]), layers: layers), variant: variant,
            activationLayers: activationLayers, cancelledBiases: cancelledBiases)
    }

    /// Number of hidden layers.
    var hiddenCount: Int { activationLayers.count }

    /// The speed of learning of each hidden layer: the root mean square over the m columns of `x`
    /// of the length of δˡₓ = ∂C/∂zˡₓ, the error at the layer's weighted input zˡ = wˡaˡ⁻¹ + bˡ
    /// (Eq. 5.15), i.e. ‖δˡ‖_F/√m for the nˡ × m matrix of the mini-batch's δˡ. It is the quantity
    /// of Eq. 5.17, and it sets the size of ∂C/∂wˡ = δˡ(aˡ⁻¹)ᵀ (BP4). One backpropagation in
    /// training mode on a copy: batch normalization uses the statistics of these columns and keeps
    /// its running averages.
    func speeds(_ x: Matrix, _ y: Matrix, cost: any Cost) -> [Double] {
        var generator = SeededGenerator(seed: 0)  // nothing here draws
        let result = network.backpropagate(x, y, cost: cost, generator: &generator)
        return result.deltas.prefix(hiddenCount).map { $0.norm() / Double($0.columns).squareRoot() }
    }

    /// The input of hidden layer l's activation for every column of `x`: hidden units × examples.
    /// In training mode on a copy, as during training: batch normalization normalizes with the
    /// statistics of these columns (and its running averages are left alone).
    func preActivations(layer l: Int, _ x: Matrix) -> Matrix {
        var below = Network(input: network.inputShape, layers: Array(network.layers[0..<activationLayers[l]]))
        var workspace = below.makeWorkspace()
        var generator = SeededGenerator(seed: 0)  // nothing here draws
        return below.forward(
            FeatureMaps(channels: x.rows, batch: x.columns, height: 1, width: 1, values: x), mode: .training,
            generator: &generator, workspace: &workspace
        ).values
    }
}

/// The p-th percentile (0…100) of `values`, interpolating linearly between the two nearest order
/// statistics (NumPy's default): rank p/100·(n − 1) in the sorted values.
func percentile(_ values: [Double], _ p: Double) -> Double {
    precondition(!values.isEmpty && p >= 0 && p <= 100, "percentile \(p) of \(values.count) values")
    let sorted = values.sorted()
    let rank = p / 100 * Double(sorted.count - 1)
    let low = Int(rank.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    return sorted[low] + (rank - Double(low)) * (sorted[high] - sorted[low])
}

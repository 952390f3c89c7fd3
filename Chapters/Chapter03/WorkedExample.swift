// The chapter's worked example: a [2, 3, 2] sigmoid network with hand-picked weights, one input
// and one target, and backpropagation written in the notes' component form (indices j, k, one
// number at a time). It is an independent path to the same gradients the core computes with
// matrices, and the source of every number printed in sections 3.1–3.3.

import NeuralCore

/// The [2, 3, 2] network, input and target of the worked example.
enum WorkedExample {
    /// w² (3 × 2): entry [j][k] connects input k to hidden neuron j.
    static let hiddenWeights: [[Double]] = [[0.1, -0.4], [0.7, 0.2], [-0.3, 0.5]]
    static let hiddenBiases: [Double] = [0.2, -0.2, 0.3]
    /// w³ (2 × 3).
    static let outputWeights: [[Double]] = [[0.6, -0.5, 0.2], [-0.1, 0.4, 0.8]]
    static let outputBiases: [Double] = [-0.3, 0.2]
    static let input: [Double] = [1.0, 0.5]
    static let target: [Double] = [1, 0]

    /// The example as a core `Network` (sigmoid in both layers).
    static var network: Network {
        Network(layers: [
            DenseLayer(
                weights: Matrix(hiddenWeights), biases: Matrix(column: hiddenBiases), activation: .sigmoid),
            DenseLayer(
                weights: Matrix(outputWeights), biases: Matrix(column: outputBiases), activation: .sigmoid),
        ])
    }

    /// The example in component form.
    static var components: ComponentNetwork { ComponentNetwork(network) }
}

/// A sigmoid network with the quadratic cost, written index by index as in the notes.
/// `weights[i][j][k]` is wˡⱼₖ and `biases[i][j]` is bˡⱼ for layer l = i + 2 (layer 1 is the input).
struct ComponentNetwork {
    var weights: [[[Double]]]
    var biases: [[Double]]

    init(weights: [[[Double]]], biases: [[Double]]) {
        self.weights = weights
        self.biases = biases
    }

    /// Reads the parameters of a core network (its activations are taken to be σ).
    init(_ network: Network) {
        weights = network.denseLayers.map { layer in (0..<layer.outputs).map { layer.weights.row($0) } }
        biases = network.denseLayers.map { $0.biases.column(0) }
    }

    /// Eq. 3.1 for one layer: zˡⱼ = Σₖ wˡⱼₖ aˡ⁻¹ₖ + bˡⱼ.
    func weightedInput(layer i: Int, from below: [Double]) -> [Double] {
        weights[i].indices.map { j in
            var z = biases[i][j]
            for k in below.indices { z += weights[i][j][k] * below[k] }
            return z
        }
    }

    /// Eq. 3.1 layer after layer: every zˡ and aˡ (activations[0] is the input x).
    func forward(_ x: [Double]) -> (zs: [[Double]], activations: [[Double]]) {
        var zs: [[Double]] = []
        var activations = [x]
        for i in weights.indices {
            let z = weightedInput(layer: i, from: activations[i])
            zs.append(z)
            activations.append(z.map(Activation.sigmoid.value))
        }
        return (zs, activations)
    }

    /// Eq. 3.2 for one example: C = ½ Σⱼ (yⱼ − aᴸⱼ)².
    func cost(_ x: [Double], _ y: [Double]) -> Double {
        quadratic(forward(x).activations.last!, y)
    }

    /// The cost as a function of layer i's weighted input zˡ (the rest of the network runs on
    /// from there): the function whose gradient δˡ is.
    func cost(weightedInput z: [Double], layer i: Int, target y: [Double]) -> Double {
        var a = z.map(Activation.sigmoid.value)
        for upper in (i + 1)..<weights.count {
            a = weightedInput(layer: upper, from: a).map(Activation.sigmoid.value)
        }
        return quadratic(a, y)
    }

    /// Eq. 3.3–3.4 — BP1 at the output, δᴸⱼ = (aᴸⱼ − yⱼ) σ′(zᴸⱼ), then BP2 downwards,
    /// δˡⱼ = (Σₖ wˡ⁺¹ₖⱼ δˡ⁺¹ₖ) σ′(zˡⱼ). Returns δ for every layer, lowest first.
    func deltas(_ x: [Double], _ y: [Double]) -> [[Double]] {
        let (zs, activations) = forward(x)
        let last = weights.count - 1
        var delta = zs[last].indices.map { j in
            (activations[last + 1][j] - y[j]) * Activation.sigmoid.derivative(zs[last][j])
        }
        var result = [delta]
        for i in stride(from: last - 1, through: 0, by: -1) {
            delta = zs[i].indices.map { j in
                var sum = 0.0
                for k in delta.indices { sum += weights[i + 1][k][j] * delta[k] }
                return sum * Activation.sigmoid.derivative(zs[i][j])
            }
            result.insert(delta, at: 0)
        }
        return result
    }

    /// Eq. 3.5 — BP3: ∂C/∂bˡⱼ = δˡⱼ.
    func biasGradients(_ x: [Double], _ y: [Double]) -> [[Double]] {
        deltas(x, y)
    }

    /// Eq. 3.6 — BP4: ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ.
    func weightGradients(_ x: [Double], _ y: [Double]) -> [[[Double]]] {
        let activations = forward(x).activations
        return deltas(x, y).enumerated().map { i, delta in
            delta.map { deltaJ in activations[i].map { aK in aK * deltaJ } }
        }
    }

    /// Eq. 3.7 for a mini-batch of one: every parameter moves by −η times its gradient.
    func step(_ x: [Double], _ y: [Double], learningRate eta: Double) -> ComponentNetwork {
        let dw = weightGradients(x, y)
        let db = biasGradients(x, y)
        var next = self
        for i in weights.indices {
            for j in weights[i].indices {
                next.biases[i][j] -= eta * db[i][j]
                for k in weights[i][j].indices { next.weights[i][j][k] -= eta * dw[i][j][k] }
            }
        }
        return next
    }

    private func quadratic(_ a: [Double], _ y: [Double]) -> Double {
        var total = 0.0
        for (aj, yj) in zip(a, y) { total += (yj - aj) * (yj - aj) }
        return 0.5 * total
    }
}

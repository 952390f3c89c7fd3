// The whole convolutional stack: its backpropagated gradients against central differences of
// the cost, and against the same network computed by the nested-loop reference.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Convolutional network — backpropagation through conv, pool, flatten and dense layers")
struct ConvolutionalNetworkTests {
    /// A small network: 2×9×8 input, conv 3×3 ×3 + max-pool 2, conv 2×2 ×4 (padding 1) + average-pool 2,
    /// dense 5 (ReLU), softmax 3. Tanh in the first stage keeps the cost smooth.
    static func setUp(seed: UInt64) -> (Network, FeatureMaps, Matrix) {
        var generator = SeededGenerator(seed: seed)
        let g1 = ConvolutionGeometry(inputChannels: 2, outputChannels: 3, inputHeight: 9, inputWidth: 8, kernel: 3)
        let stage1 = ConvolutionStage(
            convolution: Convolution2D(geometry: g1, using: &generator), activation: .tanh,
            pooling: Pooling2D(.max, size: 2))
        let s1 = stage1.outputMaps
        let g2 = ConvolutionGeometry(
            inputChannels: s1.channels, outputChannels: 4, inputHeight: s1.height, inputWidth: s1.width, kernel: 2,
            padding: 1)
        var conv2 = Convolution2D(geometry: g2, using: &generator)
        conv2.biases = Matrix.gaussian(4, 1, standardDeviation: 0.1, using: &generator)
        let stage2 = ConvolutionStage(convolution: conv2, activation: .sigmoid, pooling: Pooling2D(.average, size: 2))
        let s2 = stage2.outputMaps
        let dense = Network(
            sizes: [s2.count, 5, 3], hidden: .tanh, output: .softmax, initialization: .xavier, using: &generator)
        let network = Network(
            input: MapShape(channels: 2, height: 9, width: 8), layers: [stage1, stage2, Flatten()] + dense.layers)
        let batch = 3
        let x = FeatureMaps(
            channels: 2, batch: batch, height: 9, width: 8, values: Matrix.gaussian(2, batch * 72, using: &generator))
        var y = Matrix(rows: 3, columns: batch)
        for b in 0..<batch { y[generator.integer(below: 3), b] = 1 }
        return (network, x, y)
    }

    /// The mean log-likelihood from the output probabilities alone (independent of z).
    static func averageCost(_ network: Network, _ x: FeatureMaps, _ y: Matrix) -> Double {
        let a = network.feedforward(x).values
        return -y.dot(a.map { Foundation.log($0) }) / Double(y.columns)
    }

    @Test("Eq. 6.7, Eq. 6.8, Eq. 6.9, Eq. 6.10, Eq. 6.11, Eq. 6.12 — every parameter gradient against central differences")
    func gradientsMatchFiniteDifferences() {
        let (network, x, y) = Self.setUp(seed: 31)
        var generator = SeededGenerator(seed: 0)
        var probe = network
        var workspace = probe.makeWorkspace()
        let analytic = probe.backpropagate(
            x, y, cost: LogLikelihoodCost(), generator: &generator, workspace: &workspace
        ).gradients
        let parameters = network.parameters
        #expect(analytic.count == parameters.count)
        for index in parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { p in
                    var probe = network
                    var all = parameters
                    all[index] = p
                    probe.parameters = all
                    return Self.averageCost(probe, x, y)
                }, at: parameters[index])
            expectGradientsMatch(
                analytic: analytic[index], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor, "parameter matrix \(index)")
        }
    }

    @Test("Eq. 6.4 — the stack's output equals the nested-loop convolutions followed by the same layers")
    func forwardMatchesDirect() {
        let (network, x, _) = Self.setUp(seed: 32)
        var maps = x
        let layers = network.layers
        for stage in layers.compactMap({ $0 as? ConvolutionStage }) {
            var z = DirectConvolution.forward(maps, layer: stage.convolution)
            z.values = stage.activation.value(z.values)
            maps = stage.pooling.map { $0.forward(z).output } ?? z
        }
        let dense = Network(layers: network.denseLayers)
        let direct = dense.feedforward(Flatten.forward(maps))
        expectClose(network.feedforward(x).values, direct, tolerance: Tolerance.blasVersusLoop)
    }

    @Test("parameters round-trip, and updateParameters changes them in place")
    func parametersRoundTrip() {
        var (network, _, _) = Self.setUp(seed: 33)
        let before = network.parameters
        #expect(before.count == 8)
        #expect(before.reduce(0) { $0 + $1.count } == network.parameterCount)
        network.updateParameters { p in for i in p.indices { p[i] *= 2 } }
        for (new, old) in zip(network.parameters, before) { #expect(new == old * 2) }
    }
}

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
    static func setUp(seed: UInt64) -> (ConvolutionalNetwork, FeatureMaps, Matrix) {
        var generator = SeededGenerator(seed: seed)
        let g1 = ConvolutionGeometry(inputChannels: 2, outputChannels: 3, inputHeight: 9, inputWidth: 8, kernel: 3)
        let stage1 = ConvolutionStage(
            convolution: Convolution2D(geometry: g1, using: &generator), activation: .tanh,
            pooling: Pooling2D(.max, size: 2))
        let s1 = stage1.outputShape
        let g2 = ConvolutionGeometry(
            inputChannels: s1.channels, outputChannels: 4, inputHeight: s1.height, inputWidth: s1.width, kernel: 2,
            padding: 1)
        var conv2 = Convolution2D(geometry: g2, using: &generator)
        conv2.biases = Matrix.gaussian(4, 1, standardDeviation: 0.1, using: &generator)
        let stage2 = ConvolutionStage(convolution: conv2, activation: .sigmoid, pooling: Pooling2D(.average, size: 2))
        let s2 = stage2.outputShape
        let dense = Network(
            sizes: [s2.channels * s2.height * s2.width, 5, 3], hidden: .tanh, output: .softmax, initialization: .xavier,
            using: &generator)
        let network = ConvolutionalNetwork(
            inputChannels: 2, inputHeight: 9, inputWidth: 8, stages: [stage1, stage2], dense: dense)
        let batch = 3
        let x = FeatureMaps(
            channels: 2, batch: batch, height: 9, width: 8, values: Matrix.gaussian(2, batch * 72, using: &generator))
        var y = Matrix(rows: 3, columns: batch)
        for b in 0..<batch { y[generator.integer(below: 3), b] = 1 }
        return (network, x, y)
    }

    static func averageCost(_ network: ConvolutionalNetwork, _ x: FeatureMaps, _ y: Matrix) -> Double {
        var generator = SeededGenerator(seed: 0)
        let cache = network.forwardPass(x, generator: &generator)
        let last = cache.dense[cache.dense.count - 1]
        return LogLikelihoodCost().cost(z: last.z, output: last.a, target: y) / Double(y.columns)
    }

    @Test("(6.7) (6.8) (6.9) (6.10) (6.11) (6.12) every parameter gradient against central differences")
    func gradientsMatchFiniteDifferences() {
        let (network, x, y) = Self.setUp(seed: 31)
        var generator = SeededGenerator(seed: 0)
        let analytic = network.backpropagate(x, y, cost: LogLikelihoodCost(), generator: &generator).gradients
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

    @Test("(6.4) the stack's output equals the nested-loop convolutions followed by the same layers")
    func forwardMatchesDirect() {
        let (network, x, _) = Self.setUp(seed: 32)
        var maps = x
        for stage in network.stages {
            var z = DirectConvolution.forward(maps, layer: stage.convolution)
            z.values = stage.activation.value(z.values)
            maps = stage.pooling.map { $0.forward(z).output } ?? z
        }
        let direct = network.dense.feedforward(Flatten.forward(maps))
        expectClose(network.feedforward(x), direct, tolerance: Tolerance.blasVersusLoop)
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

@Suite("Convolutional network — model file version 2")
struct ConvolutionalModelFileTests {
    @Test("save → load gives an equal network and identical predictions")
    func saveLoad() throws {
        let (network, x, _) = ConvolutionalNetworkTests.setUp(seed: 41)
        let url = try TestPaths.scratchFolder().appendingPathComponent("conv.json")
        try ModelFile.save(network, to: url)
        let loaded = try ModelFile.loadConvolutional(from: url)
        #expect(loaded == network)
        #expect(loaded.feedforward(x) == network.feedforward(x))
    }

    @Test("version 1 and version 2 files are told apart with clear errors")
    func versions() throws {
        let (network, _, _) = ConvolutionalNetworkTests.setUp(seed: 42)
        let folder = try TestPaths.scratchFolder()
        let convolutional = folder.appendingPathComponent("conv.json")
        try ModelFile.save(network, to: convolutional)
        do {
            _ = try ModelFile.load(from: convolutional)
            Issue.record("a version-2 file should not load as a dense network")
        } catch { #expect("\(error)".contains("loadConvolutional")) }
        let dense = folder.appendingPathComponent("dense.json")
        try ModelFile.save(network.dense, to: dense)
        #expect(try ModelFile.load(from: dense) == network.dense)
        do {
            _ = try ModelFile.loadConvolutional(from: dense)
            Issue.record("a version-1 file should not load as a convolutional network")
        } catch { #expect("\(error)".contains("version 1")) }
        let text = try String(contentsOf: convolutional, encoding: .utf8)
        let damaged = text.replacingOccurrences(of: "\"outputChannels\":3", with: "\"outputChannels\":5")
        do {
            _ = try ModelFile.decodeConvolutional(Data(damaged.utf8), source: "m.json")
            Issue.record("a wrong channel count should be reported")
        } catch { #expect("\(error)".contains("weights, expected")) }
    }
}

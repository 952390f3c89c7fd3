// Every built-in layer's backward pass against central differences of its forward pass, through
// the one shared check a reader's own layer goes through as well.

import NeuralCore
import TestSupport
import Testing

@Suite("Layers — every backward pass against central differences (GradientCheck.layer)")
struct LayerGradientTests {
    static func maps(_ channels: Int, _ batch: Int, _ height: Int, _ width: Int, seed: UInt64) -> FeatureMaps {
        var generator = SeededGenerator(seed: seed)
        return FeatureMaps(
            channels: channels, batch: batch, height: height, width: width,
            values: Matrix.gaussian(channels, batch * height * width, using: &generator))
    }

    static func expectPasses<L: Layer>(
        _ layer: L, _ input: FeatureMaps, mode: LayerMode = .training,
        tolerance: Double = Tolerance.gradientCheckSmooth,
        _ comment: String
    ) {
        let report = GradientCheck.layer(layer, input: input, mode: mode, floor: Tolerance.centralDifferenceFloor)
        #expect(report.maxRelativeError < tolerance, "\(comment) (\(mode)):\n\(report)")
        #expect(report.parameters.count == layer.parameters.count)
    }

    @Test("Eq. 3.3–3.6 — dense layers (sigmoid, tanh, leaky ReLU, softmax)")
    func dense() {
        for activation in [Activation.sigmoid, .tanh, .leakyReLU(slope: 0.1), .softmax] {
            var generator = SeededGenerator(seed: 3)
            let layer = WeightInitialization.xavier.layer(
                inputs: 4, outputs: 3, activation: activation, using: &generator)
            Self.expectPasses(
                layer, Self.maps(4, 5, 1, 1, seed: 4), tolerance: Tolerance.gradientCheckKink, "\(activation)")
        }
    }

    @Test("Eq. 5.7 — dropout: mask ⊙ g in training (on features and on feature maps), identity in inference")
    func dropout() {
        Self.expectPasses(Dropout(keep: 0.6), Self.maps(5, 4, 1, 1, seed: 5), "dropout on features")
        Self.expectPasses(Dropout(keep: 0.6), Self.maps(2, 3, 4, 4, seed: 6), "dropout on maps")
        Self.expectPasses(Dropout(keep: 0.6), Self.maps(2, 3, 4, 4, seed: 6), mode: .inference, "dropout")
    }

    @Test("Dropout(keep: p) keeps about p of the entries, scales them by 1/p, and is PyTorch's Dropout(p: 1 − p)")
    func dropoutConvention() {
        #expect(Dropout(drop: 0.2) == Dropout(keep: 0.8))
        let layer = Dropout(keep: 0.8)
        var cache = layer.makeCache()
        var generator = SeededGenerator(seed: 7)
        let ones = FeatureMaps(
            channels: 100, batch: 100, height: 1, width: 1, values: Matrix(rows: 100, columns: 100, repeating: 1))
        let out = layer.forward(ones, mode: .training, cache: &cache, generator: &generator).values
        #expect(Set(out.elements) == [0, 1 / 0.8])
        let kept = Double(out.elements.filter { $0 > 0 }.count) / 10_000
        #expect(abs(kept - 0.8) < 0.02, "kept \(kept)")
        let inference = layer.forward(ones, mode: .inference, cache: &cache, generator: &generator)
        #expect(inference == ones)
    }

    @Test("Activation layers (ReLU, tanh, sigmoid on maps; softmax on features)")
    func activations() {
        for activation in [Activation.relu, .tanh, .sigmoid] {
            Self.expectPasses(
                ActivationLayer(activation), Self.maps(2, 2, 3, 3, seed: 8), tolerance: Tolerance.gradientCheckKink,
                "\(activation)")
        }
        Self.expectPasses(ActivationLayer(.softmax), Self.maps(4, 3, 1, 1, seed: 9), "softmax")
        #expect(ActivationLayer(.softmax).outputShape(for: MapShape(channels: 2, height: 3, width: 3)) == nil)
    }

    @Test("Eq. 6.12 — flatten")
    func flatten() {
        Self.expectPasses(Flatten(), Self.maps(3, 2, 2, 3, seed: 10), "flatten")
    }

    @Test("Eq. 6.7–6.9 — Convolution2D as a layer (stride 2, padding 1)")
    func convolution() {
        var generator = SeededGenerator(seed: 11)
        let g = ConvolutionGeometry(
            inputChannels: 2, outputChannels: 3, inputHeight: 6, inputWidth: 5, kernel: 3, stride: 2, padding: 1)
        var layer = Convolution2D(geometry: g, using: &generator)
        layer.biases = Matrix.gaussian(3, 1, using: &generator)
        Self.expectPasses(layer, Self.maps(2, 2, 6, 5, seed: 12), "convolution")
    }

    @Test("Eq. 6.10–6.11 — max and average pooling as layers")
    func pooling() {
        Self.expectPasses(Pooling2D(.max, size: 2), Self.maps(2, 2, 4, 6, seed: 13), "max")
        Self.expectPasses(Pooling2D(.average, size: 2, stride: 1), Self.maps(2, 2, 4, 5, seed: 14), "average")
    }

    @Test("Eq. 6.7–6.11 — convolution stages: the fused ReLU + max-pool path, tanh + average, no pooling")
    func stages() {
        var generator = SeededGenerator(seed: 15)
        let g = ConvolutionGeometry(inputChannels: 2, outputChannels: 3, inputHeight: 6, inputWidth: 6, kernel: 3)
        var convolution = Convolution2D(geometry: g, using: &generator)
        convolution.biases = Matrix.gaussian(3, 1, standardDeviation: 0.3, using: &generator)
        let input = Self.maps(2, 3, 6, 6, seed: 16)
        Self.expectPasses(
            ConvolutionStage(convolution: convolution, activation: .relu, pooling: Pooling2D(.max, size: 2)), input,
            tolerance: Tolerance.gradientCheckKink, "relu + max (fused)")
        Self.expectPasses(
            ConvolutionStage(convolution: convolution, activation: .tanh, pooling: Pooling2D(.average, size: 2)), input,
            "tanh + average")
        // Central differences carry rounding noise of about 1e-10 absolute here, which at the
        // smallest input gradients (about 1e-3) is 1e-7 relative on some CPUs' kernels.
        Self.expectPasses(
            ConvolutionStage(convolution: convolution, activation: .sigmoid), input, tolerance: 1e-6, "no pooling")
    }

    @Test("The fused stage equals Convolution2D → ReLU → max-pool as three layers, forward and backward")
    func stageEqualsThreeLayers() {
        var generator = SeededGenerator(seed: 17)
        let g = ConvolutionGeometry(inputChannels: 1, outputChannels: 2, inputHeight: 6, inputWidth: 6, kernel: 3)
        let convolution = Convolution2D(geometry: g, using: &generator)
        let input = MapShape(channels: 1, height: 6, width: 6)
        let fused = Network(
            input: input,
            layers: [
                ConvolutionStage(convolution: convolution, pooling: Pooling2D(.max, size: 2)), Flatten(),
                WeightInitialization.he.layer(inputs: 8, outputs: 3, activation: .softmax, using: &generator),
            ])
        let separate = Network(
            input: input,
            layers: [convolution, ActivationLayer(.relu), Pooling2D(.max, size: 2)] + Array(fused.layers.dropFirst()))
        let x = Self.maps(1, 4, 6, 6, seed: 18)
        var y = Matrix(rows: 3, columns: 4)
        for b in 0..<4 { y[b % 3, b] = 1 }
        func gradients(_ network: Network) -> [Matrix] {
            var probe = network
            var workspace = probe.makeWorkspace()
            var unused = SeededGenerator(seed: 0)
            return probe.backpropagate(x, y, cost: LogLikelihoodCost(), generator: &unused, workspace: &workspace)
                .gradients
        }
        #expect(fused.feedforward(x) == separate.feedforward(x))
        for (a, b) in zip(gradients(fused), gradients(separate)) {
            expectClose(a, b, tolerance: Tolerance.exactArithmetic)
        }
    }
}

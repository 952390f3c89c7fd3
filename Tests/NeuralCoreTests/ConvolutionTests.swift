// The im2col + BLAS convolution checked against the nested-loop reference on random shapes,
// its backward pass against the reference and against central differences, and the
// output-size formula.

import Foundation
import NeuralCore
import TestSupport
import Testing

/// A convolution shape to test: channels, input size, kernel, stride, padding, batch.
struct ConvolutionCase: CustomStringConvertible, Sendable {
    var inputChannels: Int
    var outputChannels: Int
    var height: Int
    var width: Int
    var kernelHeight: Int
    var kernelWidth: Int
    var stride: Int
    var padding: Int
    var batch: Int

    var geometry: ConvolutionGeometry {
        ConvolutionGeometry(
            inputChannels: inputChannels, outputChannels: outputChannels, inputHeight: height, inputWidth: width,
            kernelHeight: kernelHeight, kernelWidth: kernelWidth, stride: stride, padding: padding)
    }

    var description: String {
        "\(inputChannels)→\(outputChannels) ch, \(height)×\(width), kernel \(kernelHeight)×\(kernelWidth), S \(stride), P \(padding), B \(batch)"
    }

    /// A random layer and input for this case.
    func setUp(seed: UInt64) -> (Convolution2D, FeatureMaps) {
        var generator = SeededGenerator(seed: seed)
        let g = geometry
        let layer = Convolution2D(
            geometry: g, weights: Matrix.gaussian(outputChannels, g.patchSize, using: &generator),
            biases: Matrix.gaussian(outputChannels, 1, using: &generator))
        let input = FeatureMaps(
            channels: inputChannels, batch: batch, height: height, width: width,
            values: Matrix.gaussian(inputChannels, batch * height * width, using: &generator))
        return (layer, input)
    }
}

@Suite("Convolution — im2col + GEMM against the direct sums (Eq. 6.3–6.9)")
struct ConvolutionTests {
    static let cases: [ConvolutionCase] = [
        ConvolutionCase(
            inputChannels: 1, outputChannels: 1, height: 3, width: 4, kernelHeight: 2, kernelWidth: 2, stride: 1,
            padding: 0, batch: 1),
        ConvolutionCase(
            inputChannels: 3, outputChannels: 2, height: 6, width: 5, kernelHeight: 3, kernelWidth: 3, stride: 1,
            padding: 1, batch: 2),
        ConvolutionCase(
            inputChannels: 2, outputChannels: 3, height: 7, width: 9, kernelHeight: 3, kernelWidth: 2, stride: 2,
            padding: 0, batch: 3),
        ConvolutionCase(
            inputChannels: 2, outputChannels: 4, height: 5, width: 6, kernelHeight: 4, kernelWidth: 3, stride: 3,
            padding: 2, batch: 2),
        ConvolutionCase(
            inputChannels: 1, outputChannels: 2, height: 4, width: 4, kernelHeight: 5, kernelWidth: 5, stride: 1,
            padding: 2, batch: 1),
        ConvolutionCase(
            inputChannels: 4, outputChannels: 3, height: 8, width: 8, kernelHeight: 5, kernelWidth: 5, stride: 1,
            padding: 0, batch: 4),
    ]

    @Test(
        "Eq. 6.3 — output size (W − F + 2P)/S + 1",
        arguments: [
            (28, 5, 0, 1, 24), (12, 5, 0, 1, 8), (7, 3, 0, 2, 3), (5, 3, 1, 1, 5), (32, 5, 2, 1, 32),
            (227, 11, 0, 4, 55), (8, 3, 0, 2, 3),
        ])
    func outputSize(input: Int, kernel: Int, padding: Int, stride: Int, expected: Int) {
        #expect(
            ConvolutionGeometry.outputSize(input: input, kernel: kernel, padding: padding, stride: stride) == expected)
    }

    @Test("Eq. 6.4, Eq. 6.5 — im2col + GEMM equals the direct nested sums", arguments: cases)
    func forwardMatchesDirect(c: ConvolutionCase) {
        let (layer, input) = c.setUp(seed: 11)
        let fast = layer.forward(input).z
        let direct = DirectConvolution.forward(input, layer: layer)
        #expect(fast.shapeDescription == direct.shapeDescription)
        expectClose(fast.values, direct.values, tolerance: Tolerance.blasVersusLoop, "\(c)")
    }

    @Test("Eq. 6.7, Eq. 6.8, Eq. 6.9 — backward equals the direct sums", arguments: cases)
    func backwardMatchesDirect(c: ConvolutionCase) {
        let (layer, input) = c.setUp(seed: 12)
        let (z, cache) = layer.forward(input)
        var generator = SeededGenerator(seed: 13)
        let delta = FeatureMaps(
            channels: z.channels, batch: z.batch, height: z.height, width: z.width,
            values: Matrix.gaussian(z.values.rows, z.values.columns, using: &generator))
        let fast = layer.gradients(delta: delta, cache: cache)
        let direct = DirectConvolution.parameterGradients(input: input, delta: delta, geometry: layer.geometry)
        expectClose(fast.weights, direct.weights, tolerance: Tolerance.blasVersusLoop, "∂C/∂w \(c)")
        expectClose(fast.biases, direct.biases, tolerance: Tolerance.blasVersusLoop, "∂C/∂b \(c)")
        let below = layer.propagate(delta: delta, cache: cache)
        let belowDirect = DirectConvolution.inputGradient(delta: delta, layer: layer)
        expectClose(below.values, belowDirect.values, tolerance: Tolerance.blasVersusLoop, "∂C/∂x \(c)")
    }

    /// C = Σ r ⊙ z for a fixed random r, so ∂C/∂z = r: a linear probe of every backward formula.
    /// C is linear in each weight, bias and input, so a central difference has no truncation
    /// error at any step; a large step keeps the rounding error of a sum of hundreds of terms small.
    static let linearStep = 1e-2
    static func probeCost(_ layer: Convolution2D, _ input: FeatureMaps, _ r: Matrix) -> Double {
        layer.forward(input).z.values.dot(r)
    }

    @Test("Eq. 6.7, Eq. 6.8, Eq. 6.9 — backward against central differences", arguments: cases)
    func backwardMatchesFiniteDifferences(c: ConvolutionCase) {
        let (layer, input) = c.setUp(seed: 14)
        let (z, cache) = layer.forward(input)
        var generator = SeededGenerator(seed: 15)
        let r = Matrix.gaussian(z.values.rows, z.values.columns, using: &generator)
        let delta = FeatureMaps(channels: z.channels, batch: z.batch, height: z.height, width: z.width, values: r)
        let analytic = layer.gradients(delta: delta, cache: cache)
        let numericWeights = GradientCheck.numericGradient(
            of: { w in
                var probe = layer
                probe.weights = w
                return Self.probeCost(probe, input, r)
            }, at: layer.weights, step: Self.linearStep)
        let numericBiases = GradientCheck.numericGradient(
            of: { b in
                var probe = layer
                probe.biases = b
                return Self.probeCost(probe, input, r)
            }, at: layer.biases, step: Self.linearStep)
        let numericInput = GradientCheck.numericGradient(
            of: { x in
                Self.probeCost(
                    layer,
                    FeatureMaps(
                        channels: input.channels, batch: input.batch, height: input.height, width: input.width,
                        values: x), r)
            }, at: input.values, step: Self.linearStep)
        let tolerance = Tolerance.gradientCheckSmooth
        let floor = Tolerance.centralDifferenceFloor
        expectGradientsMatch(
            analytic: analytic.weights, numeric: numericWeights, tolerance: tolerance, floor: floor, "∂C/∂w \(c)")
        expectGradientsMatch(
            analytic: analytic.biases, numeric: numericBiases, tolerance: tolerance, floor: floor, "∂C/∂b \(c)")
        expectGradientsMatch(
            analytic: layer.propagate(delta: delta, cache: cache).values, numeric: numericInput, tolerance: tolerance,
            floor: floor, "∂C/∂x \(c)")
    }

    @Test("Eq. 6.7 — one channel, stride 1: ∂C/∂x is δ fully convolved with the 180°-rotated kernel")
    func fullConvolutionWithRotatedKernel() {
        let c = ConvolutionCase(
            inputChannels: 1, outputChannels: 1, height: 5, width: 5, kernelHeight: 3, kernelWidth: 3, stride: 1,
            padding: 0, batch: 1)
        let (layer, input) = c.setUp(seed: 16)
        let (z, cache) = layer.forward(input)
        var generator = SeededGenerator(seed: 17)
        let delta = Matrix.gaussian(z.height, z.width, using: &generator)
        let maps = FeatureMaps(image: delta)
        let fromLayer = layer.propagate(delta: maps, cache: cache).map(channel: 0, example: 0)
        let fromFormula = DirectConvolution.fullConvolutionWithRotatedKernel(
            delta, layer.kernel(output: 0, input: 0))
        expectClose(fromLayer, fromFormula, tolerance: Tolerance.blasVersusLoop)
    }

    @Test("Eq. 6.1, Eq. 6.2 — true convolution is cross-correlation with the kernel rotated by 180°")
    func convolutionFlipsTheKernel() {
        let image = Matrix([[1, 2, 0, 3], [4, 1, 1, 0], [0, 2, 5, 1]])
        let kernel = Matrix([[1, 2], [3, 4]])
        // Hand sums: correlation at (0, 0) is 1·1 + 2·2 + 4·3 + 1·4 = 21; convolution flips to
        // 1·4 + 2·3 + 4·2 + 1·1 = 19.
        #expect(DirectConvolution.crossCorrelate(image, kernel)[0, 0] == 21)
        #expect(DirectConvolution.convolve(image, kernel)[0, 0] == 19)
        #expect(
            DirectConvolution.convolve(image, kernel)
                == DirectConvolution.crossCorrelate(image, DirectConvolution.rotated180(kernel)))
        #expect(DirectConvolution.rotated180(DirectConvolution.rotated180(kernel)) == kernel)
    }

    @Test("Eq. 6.6 — parameter count: Cout·Cin·F² + Cout, whatever the image size")
    func parameterCount() {
        let small = ConvolutionGeometry(
            inputChannels: 1, outputChannels: 20, inputHeight: 28, inputWidth: 28, kernel: 5)
        let large = ConvolutionGeometry(
            inputChannels: 1, outputChannels: 20, inputHeight: 280, inputWidth: 280, kernel: 5)
        #expect(small.parameterCount == 520)
        #expect(large.parameterCount == 520)
        let second = ConvolutionGeometry(
            inputChannels: 20, outputChannels: 40, inputHeight: 12, inputWidth: 12, kernel: 5)
        #expect(second.parameterCount == 20_040)
    }

    @Test("im2col followed by col2im counts how many receptive fields hold each pixel")
    func col2imIsTheAdjoint() {
        let g = ConvolutionGeometry(
            inputChannels: 2, outputChannels: 1, inputHeight: 5, inputWidth: 6, kernel: 3, stride: 2, padding: 1)
        var generator = SeededGenerator(seed: 18)
        let x = FeatureMaps(
            channels: 2, batch: 2, height: 5, width: 6, values: Matrix.gaussian(2, 60, using: &generator))
        let patches = Im2Col.patches(x, geometry: g)
        let u = Matrix.gaussian(patches.rows, patches.columns, using: &generator)
        var back = FeatureMaps.empty
        Im2Col.accumulate(u, geometry: g, batch: 2, into: &back)
        // ⟨im2col(x), u⟩ = ⟨x, col2im(u)⟩: col2im is the transpose of im2col.
        expectClose(patches.dot(u), x.values.dot(back.values), tolerance: Tolerance.exactArithmetic)
    }
}

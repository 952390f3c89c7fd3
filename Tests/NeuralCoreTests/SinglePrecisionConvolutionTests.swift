// Single-precision convolution products: the Float patch matrix is the Double one rounded, col2im
// from Float adds exactly what the widened values would, and the layer's z, gradients and
// ∂C/∂x agree with the Double layer to Float's precision. The gradient checks stay in Double.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Single-precision convolution products")
struct SinglePrecisionConvolutionTests {
    /// Float carries 24 bits: sums of a few hundred products agree with Double to about 1e-6 of
    /// their scale.
    static let floatTolerance = 2e-5

    static func geometry() -> ConvolutionGeometry {
        ConvolutionGeometry(
            inputChannels: 3, outputChannels: 4, inputHeight: 9, inputWidth: 7, kernel: 3, stride: 2, padding: 1)
    }

    @Test("sgemm through SingleMatrix: every transpose agrees with the Double product")
    func singleProducts() {
        var generator = SeededGenerator(seed: 3)
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = Matrix.gaussian(ta ? 30 : 17, ta ? 17 : 30, using: &generator)
            let b = Matrix.gaussian(tb ? 11 : 30, tb ? 30 : 11, using: &generator)
            var c = SingleMatrix(rows: 17, columns: 11)
            c.addProduct(SingleMatrix(a), SingleMatrix(b), transposeA: ta, transposeB: tb, beta: 0)
            let expected = Matrix.product(a, b, transposeA: ta, transposeB: tb)
            expectClose(Matrix(widening: c), expected, tolerance: Self.floatTolerance, "op(a)ᵀ=\(ta) op(b)ᵀ=\(tb)")
        }
    }

    @Test(
        "Eq. 6.5 — the Float patch matrix is the Double one rounded; col2im from Float adds the widened values exactly")
    func patchesAndAccumulate() {
        var generator = SeededGenerator(seed: 4)
        let g = Self.geometry()
        let x = FeatureMaps(
            channels: 3, batch: 2, height: 9, width: 7, values: Matrix.gaussian(3, 2 * 63, using: &generator))
        var single = SingleMatrix.empty
        Im2Col.patches(x, geometry: g, into: &single)
        #expect(single == SingleMatrix(Im2Col.patches(x, geometry: g)))
        let columns = SingleMatrix(Matrix.gaussian(g.patchSize, 2 * g.outputHeight * g.outputWidth, using: &generator))
        var fromSingle = FeatureMaps.empty
        Im2Col.accumulate(columns, geometry: g, batch: 2, into: &fromSingle)
        var fromDouble = FeatureMaps.empty
        Im2Col.accumulate(Matrix(widening: columns), geometry: g, batch: 2, into: &fromDouble)
        #expect(fromSingle == fromDouble)
    }

    @Test("Eq. 6.5, Eq. 6.7, Eq. 6.8 — z, ∂C/∂w, ∂C/∂b and ∂C/∂x in single precision agree with Double")
    func layerAgreesWithDouble() {
        var generator = SeededGenerator(seed: 5)
        let g = Self.geometry()
        var double = Convolution2D(geometry: g, using: &generator)
        double.biases = Matrix.gaussian(4, 1, using: &generator)
        var single = double
        single.precision = .single
        let x = FeatureMaps(
            channels: 3, batch: 2, height: 9, width: 7, values: Matrix.gaussian(3, 2 * 63, using: &generator))
        let (zDouble, cacheDouble) = double.forward(x)
        let (zSingle, cacheSingle) = single.forward(x)
        expectClose(zSingle.values, zDouble.values, tolerance: Self.floatTolerance, "z")
        let delta = FeatureMaps(
            channels: 4, batch: 2, height: g.outputHeight, width: g.outputWidth,
            values: Matrix.gaussian(4, 2 * g.outputHeight * g.outputWidth, using: &generator))
        let gradientsDouble = double.gradients(delta: delta, cache: cacheDouble, scale: 0.5)
        let gradientsSingle = single.gradients(delta: delta, cache: cacheSingle, scale: 0.5)
        expectClose(gradientsSingle.weights, gradientsDouble.weights, tolerance: Self.floatTolerance, "∂C/∂w")
        // The bias gradient is a sum of δ alone, never a product: the same in both precisions.
        #expect(gradientsSingle.biases == gradientsDouble.biases)
        let below = single.propagate(delta: delta, cache: cacheSingle)
        expectClose(
            below.values, double.propagate(delta: delta, cache: cacheDouble).values, tolerance: Self.floatTolerance,
            "∂C/∂x")
        // Rounding to Float did happen: the two are close, not equal.
        #expect(zSingle.values != zDouble.values)
    }

    @Test("A network's convolutions switch precision together; dense layers and the weights are untouched")
    func networkPrecision() throws {
        var (network, x, y) = ConvolutionalNetworkTests.setUp(seed: 31)
        #expect(network.convolutionPrecision == .double)
        let before = network.parameters
        var single = network
        single.setConvolutionPrecision(.single)
        #expect(single.convolutionPrecision == .single)
        #expect(single.parameters == before)
        var generator = SeededGenerator(seed: 0)
        var workspace = network.makeWorkspace()
        let exact = network.backpropagate(
            x, y, cost: LogLikelihoodCost(), generator: &generator, workspace: &workspace)
        var singleWorkspace = single.makeWorkspace()
        let rounded = single.backpropagate(
            x, y, cost: LogLikelihoodCost(), generator: &generator, workspace: &singleWorkspace)
        for (a, b) in zip(rounded.gradients, exact.gradients) {
            expectClose(a, b, tolerance: 1e-4)
        }
        expectClose(rounded.cost, exact.cost, tolerance: 1e-5)
        // A saved network is a model, not a way of computing: it loads back in Double.
        let loaded = try ModelFile.decode(ModelFile.encode(single))
        #expect(loaded.convolutionPrecision == .double)
    }
}

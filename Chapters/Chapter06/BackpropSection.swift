// Section 6.4: backpropagation through a convolutional layer and through pooling, on a small
// example printed in full and checked against central differences.

import ChapterRunner
import NeuralCore

/// The small example of section 6.4: a 4×4 input, a 2×2 kernel, bias, and targets for a
/// quadratic cost C = ½ Σ (z − t)², so that δ = ∂C/∂z = z − t.
enum BackpropExample {
    static let input = Matrix([[1, 2, 0, 1], [0, 1, 3, 2], [2, 0, 1, 0], [1, 1, 0, 2]])
    static let kernel = Matrix([[1, -1], [2, 0.5]])
    static let bias = 0.5
    static let target = Matrix([[1, 2, 0], [3, 1, 2], [0, 1, 1]])

    static var layer: Convolution2D {
        let geometry = ConvolutionGeometry(
            inputChannels: 1, outputChannels: 1, inputHeight: 4, inputWidth: 4, kernel: 2)
        return Convolution2D(geometry: geometry, weights: Matrix(row: kernel.elements), biases: Matrix(column: [bias]))
    }

    static func cost(_ layer: Convolution2D, _ x: Matrix) -> Double {
        let z = layer.forward(FeatureMaps(image: x)).z.map(channel: 0, example: 0)
        let difference = z - target
        return 0.5 * difference.dot(difference)
    }

    /// The largest relative error of the layer's ∂C/∂w, ∂C/∂b and ∂C/∂x against central differences.
    static func finiteDifferenceError() -> Double {
        let layer = self.layer
        let (z, cache) = layer.forward(FeatureMaps(image: input))
        let delta = FeatureMaps(image: z.map(channel: 0, example: 0) - target)
        let g = layer.gradients(delta: delta, cache: cache)
        let dx = layer.propagate(delta: delta, cache: cache).map(channel: 0, example: 0)
        let numericW = GradientCheck.numericGradient(
            of: { w in
                var probe = layer
                probe.weights = w
                return cost(probe, input)
            }, at: layer.weights)
        let numericB = GradientCheck.numericGradient(
            of: { b in
                var probe = layer
                probe.biases = b
                return cost(probe, input)
            }, at: layer.biases)
        let numericX = GradientCheck.numericGradient(of: { cost(layer, $0) }, at: input)
        return [
            GradientCheck.compare(analytic: g.weights, numeric: numericW, floor: 1e-3),
            GradientCheck.compare(analytic: g.biases, numeric: numericB, floor: 1e-3),
            GradientCheck.compare(analytic: dx, numeric: numericX, floor: 1e-3),
        ].map(\.maxRelativeError).max() ?? .nan
    }
}

/// 6.4 — δ, ∂C/∂w, ∂C/∂b and δ below for a convolution; the backward passes of pooling.
func convolutionBackpropagation(_ session: ChapterSession) throws {
    let layer = BackpropExample.layer
    let x = BackpropExample.input
    let z =
        DirectConvolution.crossCorrelate(x, BackpropExample.kernel)
        + Matrix(rows: 3, columns: 3, repeating: BackpropExample.bias)
    let delta = z - BackpropExample.target
    session.say(
        """
        One channel, input x = \(rowsText(x)), kernel w = \(rowsText(BackpropExample.kernel)), bias \
        b = \(BackpropExample.bias), and a quadratic cost C = ½ Σ (z − t)² with targets t = \
        \(rowsText(BackpropExample.target)), so that δ = ∂C/∂z = z − t:
        """)
    session.table(["z = x ⋆ w + b", "δ = z − t"], (0..<3).map { [rowText(z.row($0)), rowText(delta.row($0))] })
    let dW = DirectConvolution.crossCorrelate(x, delta)
    let db = delta.sum()
    let dx = DirectConvolution.fullConvolutionWithRotatedKernel(delta, BackpropExample.kernel)
    session.say(
        """
        Each weight touches every output, once per position, so its gradient adds up δ times the \
        pixel it met there: ∂C/∂w = x ⋆ δ, the input correlated with δ (Eq. 6.8) = \(rowsText(dW)). \
        The bias touches every output with weight 1: ∂C/∂b = Σ δ (Eq. 6.9) = \(formatted(db, significant: 6)). \
        Each pixel feeds up to four outputs, through the four weights; collecting them is the "full" \
        convolution of δ (padded with F − 1 zeros) with the kernel turned by 180° (Eq. 6.7):
        """)
    session.table(["∂C/∂x = pad(δ) ⋆ rot180(w)"], (0..<4).map { [rowText(dx.row($0))] })
    session.say(
        """
        In a network, the layer below then multiplies by its own σ′(z) entry by entry, as BP2 does \
        for dense layers: δ below = (pad(δ) ⋆ rot180(w)) ⊙ σ′(z below). The im2col layer computes \
        the same three results as matrix products, ∂C/∂w = δ·X_colᵀ and ∂C/∂x = col2im(wᵀδ).
        """)
    let (_, cache) = layer.forward(FeatureMaps(image: x))
    let maps = FeatureMaps(image: delta)
    let fromLayer = layer.gradients(delta: maps, cache: cache)
    let dxLayer = layer.propagate(delta: maps, cache: cache).map(channel: 0, example: 0)
    let agreement = max(
        (fromLayer.weights - Matrix(row: dW.elements)).maxAbs(), abs(fromLayer.biases[0, 0] - db),
        (dxLayer - dx).maxAbs())
    let fdError = BackpropExample.finiteDifferenceError()
    session.table(
        ["check", "largest difference"],
        [
            ["im2col layer vs the formulas above (absolute)", formatted(agreement, significant: 3)],
            ["layer vs central differences (relative)", formatted(fdError, significant: 3)],
        ])
    session.record("backprop.layerVersusFormulas", .number(agreement))
    session.record(
        "backprop.finiteDifferenceError", .number(fdError),
        summary: "conv backward vs central differences: relative error \(formatted(fdError, significant: 2))")

    let pooled = Matrix([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 2], [6, 2, 3, 3]])
    let upstream = Matrix([[10, 20], [30, 40]])
    let maxPool = Pooling2D(.max, size: 2)
    let averagePool = Pooling2D(.average, size: 2)
    let (maxOut, maxCache) = maxPool.forward(FeatureMaps(image: pooled))
    let (averageOut, averageCache) = averagePool.forward(FeatureMaps(image: pooled))
    let maxBack = maxPool.backward(FeatureMaps(image: upstream), cache: maxCache).map(channel: 0, example: 0)
    let averageBack = averagePool.backward(FeatureMaps(image: upstream), cache: averageCache).map(
        channel: 0, example: 0)
    session.say(
        """
        Pooling has no parameters; it only routes gradients. On x = \(rowsText(pooled)) with 2×2 \
        windows, max pooling gives \(rowsText(maxOut.map(channel: 0, example: 0))) and average \
        pooling \(rowsText(averageOut.map(channel: 0, example: 0))). With g = ∂C/∂(pooled) = \
        \(rowsText(upstream)), max pooling sends each g whole to the pixel that won its window and \
        0 to the others (Eq. 6.10); average pooling gives each of the four pixels g/4 (Eq. 6.11):
        """)
    session.table(
        ["max-pool ∂C/∂x", "average-pool ∂C/∂x"],
        (0..<4).map { [rowText(maxBack.row($0)), rowText(averageBack.row($0))] })
    session.say(
        """
        Flatten (Eq. 6.12) only reorders numbers, so its backward pass reorders them back. The \
        tests check every one of these backward passes against central differences on random \
        shapes with several channels, strides and paddings.
        """)
}

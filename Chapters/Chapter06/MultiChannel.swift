// Section 6.3: convolution over several input channels, and why sharing one small kernel
// across the image cuts the parameter count.

import ChapterRunner
import NeuralCore

/// 6.3 — a 3-channel example and the parameter counts of dense and convolutional layers.
func multiChannel(_ session: ChapterSession) throws {
    session.say(
        """
        With several input channels (the red, green and blue of a colour image, or the maps of the \
        layer below), each output map has one kernel per input channel; the per-channel \
        correlations are added, plus one bias (Eq. 6.4). A 3-channel 3×3 input, one output \
        channel with 2×2 kernels and bias 1:
        """)
    let channels = [
        Matrix([[1, 0, 2], [3, 1, 0], [0, 2, 1]]),
        Matrix([[0, 1, 1], [2, 0, 1], [1, 1, 0]]),
        Matrix([[2, 1, 0], [0, 1, 3], [1, 0, 1]]),
    ]
    let kernels = [Matrix([[1, 0], [0, 1]]), Matrix([[0, 1], [1, 0]]), Matrix([[1, -1], [0, 1]])]
    var rows: [[String]] = []
    var sum = Matrix(rows: 2, columns: 2, repeating: 1)
    for c in 0..<3 {
        let part = DirectConvolution.crossCorrelate(channels[c], kernels[c])
        sum += part
        rows.append(["channel \(c)", rowsText(channels[c]), rowsText(kernels[c]), rowsText(part)])
    }
    session.table(["", "input", "kernel", "input ⋆ kernel"], rows)
    let geometry = ConvolutionGeometry(inputChannels: 3, outputChannels: 1, inputHeight: 3, inputWidth: 3, kernel: 2)
    let layer = Convolution2D(
        geometry: geometry, weights: Matrix(row: kernels.flatMap(\.elements)), biases: Matrix(column: [1]))
    let input = FeatureMaps(channels: 3, batch: 1, height: 3, width: 3) { c, _, y, x in channels[c][y, x] }
    let z = layer.forward(input).z.map(channel: 0, example: 0)
    session.say(
        "Sum of the three plus the bias: \(rowsText(sum)); the layer computes \(rowsText(z)) in one product.")
    session.record("multiChannel.layerMatches", .bool(z == sum))

    session.say(
        """
        Weight sharing and local connectivity: a dense layer connects every input pixel to every \
        output unit; a convolution connects each output to a small window only, and every position \
        uses the same kernel. The count (Eq. 6.6) is Cout·Cin·F² + Cout, whatever the image size.
        """)
    let layers = [
        (
            ConvolutionGeometry(inputChannels: 1, outputChannels: 20, inputHeight: 28, inputWidth: 28, kernel: 5),
            "conv 1"
        ),
        (
            ConvolutionGeometry(inputChannels: 20, outputChannels: 40, inputHeight: 12, inputWidth: 12, kernel: 5),
            "conv 2"
        ),
    ]
    session.table(
        ["layer", "input", "output", "dense weights + biases", "convolution", "ratio"],
        layers.map { g, name in
            let inputs = g.inputChannels * g.inputHeight * g.inputWidth
            let outputs = g.outputChannels * g.outputHeight * g.outputWidth
            let dense = inputs * outputs + outputs
            return [
                name, "\(g.inputChannels)×\(g.inputHeight)×\(g.inputWidth)",
                "\(g.outputChannels)×\(g.outputHeight)×\(g.outputWidth)", "\(dense)", "\(g.parameterCount)",
                "\(dense / g.parameterCount)×",
            ]
        })
    let first = layers[0].0
    let denseFirst = 784 * 11_520 + 11_520
    session.record("multiChannel.denseParameters", .integer(denseFirst))
    session.record(
        "multiChannel.convolutionParameters", .integer(first.parameterCount),
        summary: "28×28 → 20×24×24: dense \(denseFirst) parameters, convolution \(first.parameterCount)")
}

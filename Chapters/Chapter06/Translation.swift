// Section 6.8: how much of LeNet's accuracy survives when the test digits are moved by a few
// pixels, against a dense network's.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

enum Translation {
    /// The shifts measured, in pixels.
    static let shifts = Array(0...4)

    /// Eq. 6.16 — the image moved `dx` pixels right and `dy` pixels down (negative: left, up),
    /// with zeros where nothing moved in: x′(i, j) = x(i − dy, j − dx) inside the image, else 0.
    static func shifted(_ image: [Double], height: Int, width: Int, dx: Int, dy: Int) -> [Double] {
        precondition(image.count == height * width, "a \(height)×\(width) image has \(height * width) pixels")
        var out = [Double](repeating: 0, count: image.count)
        for i in 0..<height {
            let source = i - dy
            guard source >= 0 && source < height else { continue }
            for j in 0..<width {
                let column = j - dx
                guard column >= 0 && column < width else { continue }
                out[i * width + j] = image[source * width + column]
            }
        }
        return out
    }

    /// Every image of `data` shifted by (dx, dy).
    static func shifted(_ data: LabeledData, height: Int, width: Int, dx: Int, dy: Int) -> LabeledData {
        var elements = [Double]()
        elements.reserveCapacity(data.examples.count)
        for row in 0..<data.count {
            elements += shifted(data.examples.row(row), height: height, width: width, dx: dx, dy: dy)
        }
        return LabeledData(
            examples: Matrix(rows: data.count, columns: data.features, elements: elements), labels: data.labels,
            classes: data.classes)
    }

    /// The four moves by `s` pixels: right, down, left, up (0 is the unshifted image once).
    static func directions(_ s: Int) -> [(dx: Int, dy: Int)] {
        s == 0 ? [(0, 0)] : [(s, 0), (0, s), (-s, 0), (0, -s)]
    }

    /// The accuracy of `network` on `data` shifted by `s` pixels, averaged over the four directions.
    static func accuracy(_ network: Network, on data: LabeledData, height: Int, width: Int, shift s: Int) -> Double {
        let moves = directions(s)
        let total = moves.reduce(0.0) { sum, move in
            sum
                + Evaluation.accuracy(
                    network, on: shifted(data, height: height, width: width, dx: move.dx, dy: move.dy))
        }
        return total / Double(moves.count)
    }
}

/// 6.8 — LeNet of 6.6 and the chapter's dense baseline on shifted test images.
func translationSection(_ session: ChapterSession, data: ChapterImages, lenet: LeNet.Run) throws {
    let name = data.dataset.displayName
    var generator = session.generator.fork()
    let epochs = session.options.quick ? DenseBaseline.quickEpochs : DenseBaseline.fullEpochs
    var dense = Network(
        sizes: DenseBaseline.sizes, hidden: .sigmoid, output: .sigmoid, initialization: .scaledNormal,
        using: &generator)
    var optimizer = SGD(learningRate: DenseBaseline.learningRate)
    _ = try Trainer.train(
        &dense, on: data.training,
        options: TrainingOptions(
            epochs: epochs, batchSize: DenseBaseline.batchSize, cost: CrossEntropyCost(),
            regularization: .l2(lambda: DenseBaseline.lambda)),
        optimizer: &optimizer, generator: &generator)
    let networks = [("LeNet (6.6)", lenet.network), ("dense [784, 100, 10] of Chapter 05", dense)]
    let accuracies = networks.map { _, network in
        Translation.shifts.map {
            Translation.accuracy(network, on: data.test, height: data.height, width: data.width, shift: $0)
        }
    }
    session.say(
        """
        Every test image moved by 1 to 4 pixels right, down, left and up (zeros fill what moves in; \
        Eq. 6.16), the accuracy averaged over the four directions. LeNet is the network 6.6 trained; the \
        dense network is Chapter 05's (sigmoid, cross-entropy, SGD η = \(DenseBaseline.learningRate), \
        L2 λ = \(DenseBaseline.lambda), batches of \(DenseBaseline.batchSize), \(epochs) epoch\(epochs == 1 ? "" : "s")), \
        trained here on the same \(data.training.count) images:
        """)
    session.table(
        ["shift (pixels)"] + networks.map(\.0),
        Translation.shifts.indices.map { index in
            ["\(Translation.shifts[index])"] + accuracies.map { percent($0[index]) }
        })
    session.record("translation.shifts", .array(Translation.shifts.map { .integer($0) }))
    session.record("translation.lenetAccuracy", .array(accuracies[0].map { .number($0) }))
    session.record("translation.denseAccuracy", .array(accuracies[1].map { .number($0) }))
    // Shares of the unshifted accuracy kept: the networks start from different accuracies.
    let kept = accuracies.map { row in row.map { $0 / max(row[0], 1e-12) } }
    let moreTolerant = kept[0][2] > kept[1][2]
    session.say(
        """
        Shifted by 2 pixels, LeNet keeps \(percent(kept[0][2])) of its unshifted accuracy and the dense \
        network \(percent(kept[1][2])); by 4 pixels, \(percent(kept[0][4])) and \(percent(kept[1][4])). \
        \(moreTolerant ? "The convolutional network is the more tolerant, as weight sharing and pooling promise, but it is far from invariant: each convolution moves its maps along with the image (equivariance), each 2×2 max-pooling forgives at most a pixel, and the dense layers at the top see positions again." : "Here the convolutional network was not the more tolerant of the two: with this little training, neither has learned much that survives a move.")
        """)
    session.record("translation.lenetKeptAt2", .number(kept[0][2]))
    session.record("translation.denseKeptAt2", .number(kept[1][2]))

    let colours = [Colour(hex: 0xD55E00), Colour(hex: 0x0072B2)]
    var plot = LinePlot(
        title: "Test accuracy on shifted test images (\(name))",
        xLabel: "shift (pixels, mean of right, down, left, up)",
        yLabel: "test accuracy (%)",
        series: networks.indices.map { index in
            LineSeries(
                name: networks[index].0, ys: accuracies[index].map { 100 * $0 },
                xs: Translation.shifts.map(Double.init), colour: colours[index], markers: true)
        })
    plot.xWholeNumbers = true
    plot.yRange = 0...100
    plot.legend = .bottomLeft
    try session.writeFile("lenet-shift.png") { url in
        try plot.write(
            to: url, metadata: session.metadata(title: "Accuracy on shifted digits"), width: 720, height: 460)
    }
}

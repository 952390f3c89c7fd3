// Section 6.5's figures: learned first-layer kernels, the feature maps of one test image at
// every stage, the confusion matrix, misclassified images and learning curves.

import ChapterRunner
import Figures
import NeuralCore

/// Writes the figures of section 6.5.
func networkFigures(
    _ session: ChapterSession, data: ChapterImages, network: Network, runs: [RunSummary]
) throws {
    let name = data.dataset.displayName
    // Learned kernels of the first convolution, on one signed colour scale.
    let stages = network.layers.compactMap { $0 as? ConvolutionStage }
    let first = stages[0].convolution
    let kernels = (0..<first.geometry.outputChannels).map { first.kernel(output: $0, input: 0) }
    let limit = kernels.map { $0.maxAbs() }.max() ?? 1
    try session.writeFile("conv-filters.png") { url in
        var grid = ImageGrid(
            title: "The 20 learned 5×5 kernels of the first convolution (\(name))",
            images: kernels.enumerated().map { index, k in
                GridImage(width: k.columns, height: k.rows, values: k.elements, caption: "kernel \(index + 1)")
            }, mode: .signed, columns: 10)
        grid.signedLimit = limit
        grid.colourBarLabel = "weight"
        try grid.write(to: url, metadata: session.metadata(title: "First-layer kernels"))
    }

    // Feature maps of the first test image after each stage.
    let x = network.input(data.test, indices: [0])
    var maps: [(String, FeatureMaps)] = []
    var current = x
    for (index, stage) in stages.enumerated() {
        let cache = stage.forward(current)
        maps.append(("conv \(index + 1) + ReLU", cache.a))
        if stage.pooling != nil { maps.append(("max-pool \(index + 1)", cache.output)) }
        current = cache.output
    }
    let label = data.classNames[data.test.labels[0]]
    let digit = data.image(data.test, 0)
    let panels: [any Chart] = maps.enumerated().map { panelIndex, entry in
        let (stageName, m) = entry
        var images = (0..<m.channels).map { c in
            GridImage(
                width: m.width, height: m.height, values: displayScaled(m.map(channel: c, example: 0)),
                caption: "\(c + 1)")
        }
        if panelIndex == 0 {
            images.insert(
                GridImage(width: digit.columns, height: digit.rows, values: digit.elements, caption: "input"), at: 0)
        }
        return ImageGrid(
            title: "\(stageName): \(m.channels) maps of \(m.height)×\(m.width)", images: images, mode: .greyscale,
            columns: 10)
    }
    try session.writeFile("feature-maps.png") { url in
        let grid = FigureGrid(
            title:
                "Feature maps of test image 0 (\(label)), each map scaled from its minimum (black) to maximum (white)",
            columns: 2, panels: panels, panelWidth: 900, panelHeight: 520)
        try grid.write(to: url, metadata: session.metadata(title: "Feature maps"))
    }

    // Confusion matrix of the test set (correct answers on the diagonal left out of the colours).
    let predicted = Evaluation.predictions(network, on: data.test)
    let classes = data.classNames.count
    var counts = Array(repeating: Array(repeating: 0.0, count: classes), count: classes)
    for (index, p) in predicted.enumerated() { counts[data.test.labels[index]][p] += 1 }
    var mistakes = counts
    for c in 0..<classes { mistakes[c][c] = 0 }
    // "T-shirt/top" → "T-shirt": short enough for axis labels and captions.
    let shortNames = data.classNames.map { String($0.split(separator: "/").first ?? Substring($0)) }
    try session.writeFile("confusion.png") { url in
        var heat = HeatMap(
            title:
                "Test mistakes of the convolutional network (\(name)), correct answers omitted",
            values: mistakes, rowLabels: shortNames, columnLabels: shortNames, colormap: .viridis)
        heat.xLabel = "predicted class"
        heat.yLabel = "true class"
        heat.showValues = true
        heat.decimals = 0
        heat.colourBarLabel = "test images"
        try heat.write(to: url, metadata: session.metadata(title: "Confusion matrix"))
    }
    let perClass = (0..<classes).map { c in counts[c][c] / max(1, counts[c].reduce(0, +)) }
    session.table(
        ["class", "test accuracy", "most often mistaken for"],
        (0..<classes).map { c in
            let worst = (0..<classes).filter { $0 != c }.max { mistakes[c][$0] < mistakes[c][$1] } ?? c
            return [data.classNames[c], percent(perClass[c]), "\(data.classNames[worst]) (\(Int(mistakes[c][worst])))"]
        })

    // Misclassified test images.
    let wrong = predicted.indices.filter { predicted[$0] != data.test.labels[$0] }.prefix(30)
    try session.writeFile("mistakes.png") { url in
        let images = wrong.map { index in
            GridImage(
                width: data.width, height: data.height, values: data.test.examples.row(index),
                caption: "\(shortNames[data.test.labels[index]]) → \(shortNames[predicted[index]])", isMistake: true)
        }
        let grid = ImageGrid(
            title: "The first \(images.count) misclassified test images (\(name)): true → predicted", images: images,
            mode: .greyscale, columns: 10)
        try grid.write(to: url, metadata: session.metadata(title: "Misclassified test images"))
    }
    session.record(
        "network.testMistakes", .integer(predicted.indices.filter { predicted[$0] != data.test.labels[$0] }.count))

    // Learning curves.
    // Short names for the legends: the full labels would push the legend outside the panel.
    let names = ["convolutional", "dense, same recipe", "dense of Ch. 05 (cross-entropy)"]
    func legendName(_ index: Int) -> String { index < names.count ? names[index] : runs[index].label }
    var accuracy = LinePlot(
        title: "Test accuracy after each epoch", xLabel: "epoch", yLabel: "test accuracy (%)",
        series: runs.enumerated().map { index, run in
            LineSeries(
                name: legendName(index), ys: run.testAccuracy.map { 100 * $0 },
                xs: run.testAccuracy.indices.map { Double($0 + 1) },
                markers: true)
        })
    var cost = LinePlot(
        title: "Mean training cost per mini-batch in each epoch", xLabel: "epoch", yLabel: "cost (log scale)",
        series: runs.enumerated().map { index, run in
            LineSeries(
                name: legendName(index), ys: run.trainingCost, xs: run.trainingCost.indices.map { Double($0 + 1) },
                markers: true)
        }, yScale: .log10)
    cost.legend = .topRight
    accuracy.legend = .bottomRight
    try session.writeFile("learning-curves.png") { url in
        let grid = FigureGrid(
            title: "Learning curves on \(name): convolutional versus dense networks", columns: 2,
            panels: [accuracy, cost], panelWidth: 640, panelHeight: 460)
        try grid.write(to: url, metadata: session.metadata(title: "Learning curves"))
    }
}

// Section 6.5's figures: learned first-layer kernels, the feature maps of one test image at
// every stage, the confusion matrix, misclassified images and learning curves.

import ChapterRunner
import Figures
import NeuralCore

/// Writes the figures of section 6.5.
func networkFigures(
    _ session: ChapterSession, data: ChapterImages, network: Network, runs: [RunSummary],
    recipe: NetworkRecipe = .notes
) throws {
    let name = data.dataset.displayName
    // Learned kernels of the first convolution, on one signed colour scale.
    let stages = network.layers.compactMap { $0 as? ConvolutionStage }
    let first = stages[0].convolution
    let kernels = (0..<first.geometry.outputChannels).map { first.kernel(output: $0, input: 0) }
    let limit = kernels.map { $0.maxAbs() }.max() ?? 1
    try session.writeFile("conv-filters.png") { url in
        var grid = ImageGrid(
            title:
                "The \(kernels.count) learned \(first.geometry.kernelHeight)×\(first.geometry.kernelWidth) kernels of the first convolution (\(name))",
            images: kernels.enumerated().map { index, k in
                GridImage(width: k.columns, height: k.rows, values: k.elements, caption: "kernel \(index + 1)")
            }, mode: .signed, columns: 10)
        grid.signedLimit = limit
        grid.colourBarLabel = "weight"
        try grid.write(
            to: url, metadata: session.metadata(title: "First-layer kernels"), width: Legibility.maximumDisplayWidth,
            height: grid.preferredSize.height)
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
    try session.writeFile("feature-maps.png") { url in
        let stack = MapFigures.featureMaps(
            title: "Feature maps of test image 0 (\(label)); one colour scale per stage, white = 0",
            input: digit, inputCaption: label, stages: maps)
        try stack.write(to: url, metadata: session.metadata(title: "Feature maps"))
    }

    // Confusion matrix of the test set (correct answers on the diagonal grey, off the colour scale).
    let predicted = Evaluation.predictions(network, on: data.test)
    let classes = data.classNames.count
    var counts = Array(repeating: Array(repeating: 0.0, count: classes), count: classes)
    for (index, p) in predicted.enumerated() { counts[data.test.labels[index]][p] += 1 }
    var mistakes = counts
    for c in 0..<classes { mistakes[c][c] = 0 }
    // "T-shirt/top" → "T-shirt": short enough for axis labels and captions.
    let shortNames = data.classNames.map { String($0.split(separator: "/").first ?? Substring($0)) }
    try session.writeFile("confusion.png") { url in
        // Chapter 04's convention: the diagonal grey and off the scale, which spans the mistakes.
        var heat = HeatMap(
            title: "Test-set confusion matrix of the convolutional network (\(name))",
            values: counts, rowLabels: shortNames, columnLabels: shortNames, colormap: .viridis)
        heat.xLabel = "predicted class"
        heat.yLabel = "true class"
        heat.showValues = true
        heat.decimals = 0
        heat.neutralDiagonal = true
        heat.blankZeros = true
        heat.range = 0...max(1, mistakes.joined().max() ?? 1)
        heat.colourBarLabel = "mistakes (the grey diagonal: correct answers)"
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
        // As many columns as the longest caption leaves room for (bold 12.5 px, about 7.5 px a
        // character): 8 for "9 → 4", 5 for "Ankle boot → Sneaker".
        let longest = Double(images.map(\.caption.count).max() ?? 5)
        let columns = min(8, max(4, Int(860 / (longest * 7.5 + 20))))
        let grid = ImageGrid(
            title: "The first \(images.count) misclassified test images (\(name)): true → predicted", images: images,
            mode: .greyscale, columns: columns)
        try grid.write(
            to: url, metadata: session.metadata(title: "Misclassified test images"),
            width: Legibility.maximumDisplayWidth, height: grid.preferredSize.height)
    }
    session.record(
        "network.testMistakes", .integer(predicted.indices.filter { predicted[$0] != data.test.labels[$0] }.count))

    // Learning curves: the two networks trained with the same recipe over their epochs, the
    // Chapter 05 network (30 epochs, another cost) as its final accuracy only; η × decay marked.
    let colours = [Colour(hex: 0xD55E00), Colour(hex: 0x0072B2)]
    let names = ["convolutional", "dense, same recipe"]
    let trained = Array(runs.prefix(2))
    let lastEpoch = trained.map(\.epochs).max() ?? 1
    let decayEpochs = Array(stride(from: recipe.decayEvery, to: lastEpoch, by: recipe.decayEvery))
    let decays = decayEpochs.map { ReferenceLine.vertical(Double($0) + 0.5, colour: Colour(hex: 0x444444)) }
    // The dashed lines are named in the legend, not labelled on the plot.
    let decayLegend =
        decays.isEmpty
        ? []
        : [
            LineSeries(
                name: "η × \(formatted(recipe.decay, significant: 2)) after epoch "
                    + decayEpochs.map(String.init).joined(separator: ", "), points: [],
                colour: Colour(hex: 0x444444), dashed: true)
        ]
    var accuracy = LinePlot(
        title: "Test accuracy after each epoch", xLabel: "epoch", yLabel: "test accuracy (%)",
        series: trained.enumerated().map { index, run in
            LineSeries(
                name: names[index], ys: run.testAccuracy.map { 100 * $0 },
                xs: run.testAccuracy.indices.map { Double($0 + 1) }, colour: colours[index], markers: true)
        })
    accuracy.references = decays
    accuracy.series += decayLegend
    if let chapter05 = runs.dropFirst(2).first {
        // The Chapter 05 network trains longer on another cost: its final accuracy as a flat line.
        let final = 100 * chapter05.finalAccuracy
        accuracy.series.append(
            LineSeries(
                name: "Ch. 05 dense after \(chapter05.epochs) epoch\(chapter05.epochs == 1 ? "" : "s")",
                ys: [final, final], xs: [1, Double(lastEpoch)], colour: Colour(hex: 0x009E73)))
    }
    accuracy.xWholeNumbers = true
    accuracy.legend = .bottomRight
    var cost = LinePlot(
        title: "Training cost (log-likelihood)", xLabel: "epoch", yLabel: "cost (log scale)",
        series: trained.enumerated().map { index, run in
            LineSeries(
                name: names[index], ys: run.trainingCost, xs: run.trainingCost.indices.map { Double($0 + 1) },
                colour: colours[index], dashed: true, markers: true)
        }, yScale: .log10)
    cost.references = decays
    cost.xWholeNumbers = true
    cost.legend = .topRight
    try session.writeFile("learning-curves.png") { url in
        let grid = FigureGrid(
            title: "Learning curves on \(name): convolutional versus dense", columns: 2,
            panels: [accuracy, cost], panelWidth: 440, panelHeight: 420)
        try grid.write(to: url, metadata: session.metadata(title: "Learning curves"))
    }
}

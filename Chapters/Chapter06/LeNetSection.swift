// Sections 6.6 and 6.7: Caffe's LeNet trained as its tutorial specifies, its shape table, initial
// loss, learning curves and first gradients; then the ten scores of eight test images over training.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// One blob or parameter of the shape table: Caffe's name and its dimensions.
struct BlobShape: Equatable {
    var name: String
    var dimensions: [Int]

    var text: String { dimensions.map(String.init).joined(separator: "×") }
}

extension LeNet {
    /// The shape of every blob for one batch (data, conv1, pool1, conv2, pool2, ip1, ip2), read from
    /// the maps the network computes on `batch`, and of every parameter (weights as Caffe stores
    /// kernels, C_out × C_in × F_h × F_w, then biases).
    static func shapeTable(_ network: Network, batch: FeatureMaps) -> (blobs: [BlobShape], parameters: [BlobShape]) {
        func dims(_ maps: FeatureMaps) -> [Int] {
            maps.height == 1 && maps.width == 1
                ? [maps.batch, maps.channels] : [maps.batch, maps.channels, maps.height, maps.width]
        }
        var blobs = [BlobShape(name: "data", dimensions: dims(batch))]
        var parameters: [BlobShape] = []
        var current = batch
        var convolutions = 0
        var dense = 0
        for (index, layer) in network.layers.enumerated() {
            if let stage = layer as? ConvolutionStage {
                convolutions += 1
                let cache = stage.forward(current)
                blobs.append(BlobShape(name: "conv\(convolutions)", dimensions: dims(cache.z)))
                if stage.pooling != nil {
                    blobs.append(BlobShape(name: "pool\(convolutions)", dimensions: dims(cache.output)))
                }
                current = cache.output
                let g = stage.convolution.geometry
                parameters.append(
                    BlobShape(
                        name: "conv\(convolutions) weights",
                        dimensions: [g.outputChannels, g.inputChannels, g.kernelHeight, g.kernelWidth]))
                parameters.append(
                    BlobShape(name: "conv\(convolutions) biases", dimensions: [stage.convolution.biases.count]))
            } else if let layer = layer as? DenseLayer {
                dense += 1
                let prefix = Network(input: network.inputShape, layers: Array(network.layers.prefix(index + 1)))
                blobs.append(BlobShape(name: "ip\(dense)", dimensions: dims(prefix.feedforward(batch))))
                parameters.append(
                    BlobShape(name: "ip\(dense) weights", dimensions: [layer.weights.rows, layer.weights.columns]))
                parameters.append(BlobShape(name: "ip\(dense) biases", dimensions: [layer.biases.count]))
            }
        }
        return (blobs, parameters)
    }
}

/// 6.6 — Caffe's LeNet trained by iterations; returns the run for 6.7–6.9.
func lenetSection(_ session: ChapterSession, data: ChapterImages, knobs: LeNetKnobs, speed: SpeedKnobs) throws
    -> LeNet.Run
{
    var solver = knobs.solver(quick: session.options.quick)
    solver.shards = speed.shards
    solver.precision = speed.precision
    let name = data.dataset.displayName
    var generator = session.generator.fork()
    let network = LeNet.network(
        height: data.height, width: data.width, classes: data.classNames.count, using: &generator)
    let n = data.training.count
    let lambda = LeNet.equivalentLambda(decay: solver.weightDecay, trainingCount: n)
    let epochs = Double(solver.iterations * solver.batchSize) / Double(n)
    let finalRate = solver.learningRate(afterUpdates: solver.iterations)
    session.say(
        """
        Caffe's LeNet: conv 5×5 ×20 → max-pool 2 (stride 2) → conv 5×5 ×50 → max-pool 2 → dense 500 \
        (ReLU) → \(data.classNames.count) scores → softmax with the log-likelihood cost. As in Caffe's net \
        there is no activation after the convolutions (each is followed by max-pooling directly); pixels \
        are scaled to [0, 1]; every weight starts uniform in ±√(3/n_in) (Caffe's "xavier" filler, \
        Eq. 6.13), every bias at 0. The solver: SGD with momentum μ = \(solver.momentum) in Caffe's form \
        v ← μv − η∇, θ ← θ + v (Eq. 5.10 exactly), weight decay d = \(solver.weightDecay.settingText) on every \
        parameter (Eq. 6.15), the "inv" policy η(t) = η₀(1 + γt)^(−power) with η₀ = \
        \(solver.learningRate.settingText), γ = \(solver.gamma.settingText), power \(solver.power.settingText) \
        (Eq. 6.14), batches of \(solver.batchSize) read in the stored order, \(solver.iterations) \
        iterations (\(formatted(epochs, decimals: 2)) passes over \(n) training images; the tutorial's \
        solver runs \(LeNetRecipe.solverIterations)), testing every \(solver.testInterval) iterations.
        """)

    // The shape table of one batch, read from the network's own maps.
    let batchIndices = LeNet.batchIndices(iteration: 0, batchSize: solver.batchSize, count: n)
    let table = LeNet.shapeTable(network, batch: network.input(data.training, indices: batchIndices))
    session.say(
        "Every blob for a batch of \(solver.batchSize) (batch × channels × height × width), and every parameter:")
    session.table(
        ["blob", "shape", "parameter", "shape"],
        (0..<max(table.blobs.count, table.parameters.count)).map { row in
            let blob = row < table.blobs.count ? table.blobs[row] : nil
            let parameter = row < table.parameters.count ? table.parameters[row] : nil
            return [blob?.name ?? "", blob?.text ?? "", parameter?.name ?? "", parameter?.text ?? ""]
        })
    session.record("lenet.blobShapes", .array(table.blobs.map { .string("\($0.name) \($0.text)") }))
    session.record("lenet.parameterShapes", .array(table.parameters.map { .string("\($0.name) \($0.text)") }))
    session.record("lenet.parameters", .integer(network.parameterCount))
    let ip1 = network.denseLayers.first.map { $0.weights.count + $0.biases.count } ?? 0
    session.say(
        """
        \(network.parameterCount) parameters, \(Int((100 * Double(ip1) / Double(network.parameterCount)).rounded()))% \
        of them in ip1's weights and biases. Caffe's weight decay adds d·θ to the gradient of the \
        mean batch loss; Nielsen's L2 (Eq. 5.1) adds (λ/n)·w. They agree on the weights when d = λ/n, so \
        d = \(solver.weightDecay.settingText) with n = \(n) is λ = d·n = \(formatted(lambda, significant: 4)) \
        (30 for 60,000 training images). Unlike Eq. 5.1 Caffe decays the biases too (its decay_mult is 1 \
        unless a layer says otherwise, and this net says nothing), and so does this run.
        """)
    session.record("lenet.equivalentLambda", .number(lambda))

    session.say(
        "Training (each line: iterations done, η for the next update, mean batch loss since the last test, test accuracy):"
    )
    let run = try LeNet.train(
        network, training: data.training, test: data.test, solver: solver, traced: LeNetRecipe.tracedImages,
        generator: &generator,
        report: { point, loss, eta in
            session.show(
                "iteration \(point.iteration): η = \(formatted(eta, significant: 3)), batch loss \(loss.isNaN ? "—" : formatted(loss, significant: 4)), test loss \(formatted(point.loss, significant: 4)), test accuracy \(percent(point.accuracy))"
            )
        })
    let ln10 = log(Double(data.classNames.count))
    let initialTest = run.tests[0].loss
    let initialBatchLoss = run.losses[0]
    let closeToChance = abs(initialBatchLoss - ln10) < 0.2
    session.say(
        """
        Before any update the first batch's loss is \(formatted(initialBatchLoss, decimals: 3)) and the \
        test loss \(formatted(initialTest, decimals: 3)), against ln \(data.classNames.count) = \
        \(formatted(ln10, decimals: 3)) for a classifier that gives every class the same probability \
        (the tutorial prints about 2.36 for its own random start). \
        \(closeToChance ? "Xavier's scale keeps the ten scores small and close together, so the softmax starts nearly uniform." : "The scores do not start close together here, so the loss starts away from ln 10.")
        """)
    session.record("lenet.initialBatchLoss", .number(initialBatchLoss))
    session.record("lenet.initialTestLoss", .number(initialTest))
    session.record("lenet.iterations", .integer(solver.iterations))
    session.record("lenet.testIterations", .array(run.tests.map { .integer($0.iteration) }))
    session.record("lenet.testAccuracyPerTest", .array(run.tests.map { .number($0.accuracy) }))
    session.record("lenet.finalLearningRate", .number(finalRate))
    session.record(
        "lenet.testAccuracy", .number(run.finalAccuracy),
        summary:
            "\(name) test accuracy, Caffe's LeNet after \(solver.iterations) iterations: \(percent(run.finalAccuracy))")
    let mistakes = Int(((1 - run.finalAccuracy) * Double(data.test.count)).rounded())
    session.say(
        """
        After \(solver.iterations) iterations η has fallen to \(formatted(finalRate, significant: 3)) \
        (\(formatted(finalRate / solver.learningRate, decimals: 2)) of η₀) and the network classifies \
        \(percent(run.finalAccuracy)) of the \(data.test.count) test images correctly (\(mistakes) mistakes). \
        On this machine an iteration took \(formatted(1_000 * run.secondsPerIteration, decimals: 1)) ms \
        (the tutorial's \(LeNetRecipe.solverIterations) would train for about \
        \(formatted(run.secondsPerIteration * Double(LeNetRecipe.solverIterations) / 60, decimals: 1)) minutes, \
        tests aside; `--lenet-iterations \(LeNetRecipe.solverIterations)` runs them).
        """)
    try lenetFigures(session, data: data, run: run)
    return run
}

/// 6.6's figures: learning curves on one iteration axis, and the first update's conv-1 gradients.
func lenetFigures(_ session: ChapterSession, data: ChapterImages, run: LeNet.Run) throws {
    let name = data.dataset.displayName
    let iterations = Double(run.solver.iterations)
    let tests = run.tests
    // The batch losses are noisy; their mean over windows of a fortieth of the run shows the trend.
    let window = max(1, run.losses.count / 40)
    let means = stride(from: 0, to: run.losses.count, by: window).map { start -> (x: Double, y: Double) in
        let chunk = run.losses[start..<min(start + window, run.losses.count)]
        return (Double(start) + Double(chunk.count + 1) / 2, chunk.reduce(0, +) / Double(chunk.count))
    }
    var loss = LinePlot(
        title: "Training loss of every batch, and the test loss", xLabel: "iteration", yLabel: "loss (log scale)",
        series: [
            LineSeries(
                name: "batch loss", ys: run.losses, xs: run.losses.indices.map { Double($0 + 1) },
                colour: Colour(hex: 0x9FC5E8)),
            LineSeries(
                name: "test loss", ys: tests.map(\.loss), xs: tests.map { Double($0.iteration) },
                colour: Colour(hex: 0xD55E00), markers: true),
        ], yScale: .log10)
    if window > 1 {
        loss.series.insert(
            LineSeries(
                name: "mean of every \(window) batches", ys: means.map(\.y), xs: means.map(\.x),
                colour: Colour(hex: 0x3D6FA0)), at: 1)
    }
    loss.xRange = 0...iterations
    let chance = log(Double(data.classNames.count))
    loss.series.append(
        LineSeries(
            name: "ln \(data.classNames.count): equal probabilities", ys: [chance, chance], xs: [0, iterations],
            colour: Colour(hex: 0x666666), dashed: true))
    // A decade below the lowest batch loss stays empty for the legend.
    let lowest = run.losses.filter { $0 > 0 }.min() ?? 1e-3
    loss.yRange = pow(10, floor(log10(lowest)) - 1)...4
    loss.legend = .bottomLeft
    // The test before training is at chance, far below the rest: named in the title, not drawn.
    let drawn = tests.dropFirst()
    var accuracy = LinePlot(
        title: "Test accuracy at every test (\(percent(tests[0].accuracy)) before training, not drawn)",
        xLabel: "iteration", yLabel: "test accuracy (%)",
        series: [
            LineSeries(
                name: "test accuracy", ys: drawn.map { 100 * $0.accuracy }, xs: drawn.map { Double($0.iteration) },
                colour: Colour(hex: 0xD55E00), markers: true)
        ])
    accuracy.xRange = 0...iterations
    // The axis follows the run: a point of room below its lowest test and above its highest.
    let percents = drawn.map { 100 * $0.accuracy }
    if let low = percents.min(), let high = percents.max() {
        accuracy.yRange = (floor(low) - 1)...min(100, ceil(high) + 1)
    }
    accuracy.yWholeNumbers = true
    accuracy.legend = .bottomRight
    try session.writeFile("lenet-training.png") { url in
        let stack = FigureStack(
            title: "Caffe's LeNet on \(name): loss and test accuracy against iterations",
            bands: [FigureStack.Band([loss], height: 330), FigureStack.Band([accuracy], height: 300)])
        try stack.write(to: url, metadata: session.metadata(title: "LeNet learning curves"))
    }

    // conv-1's gradient in the first update: 20 kernels of 5×5 as a 4×5 grid.
    guard let stage = run.network.layers.first as? ConvolutionStage else { return }
    let g = stage.convolution.geometry
    let gradient = run.firstGradients[0]
    let kernels = (0..<g.outputChannels).map { co in
        Matrix(rows: g.kernelHeight, columns: g.kernelWidth) { ky, kx in gradient[co, ky * g.kernelWidth + kx] }
    }
    try session.writeFile("lenet-gradients.png") { url in
        var grid = ImageGrid(
            title:
                "conv-1's gradient ∂C/∂w in the first update: \(kernels.count) kernels of \(g.kernelHeight)×\(g.kernelWidth) (\(name))",
            images: kernels.enumerated().map { index, k in
                GridImage(width: k.columns, height: k.rows, values: k.elements, caption: "kernel \(index + 1)")
            }, mode: .signed, columns: 5)
        grid.signedLimit = kernels.map { $0.maxAbs() }.max() ?? 1
        grid.colourBarLabel = "∂C/∂w"
        try grid.write(
            to: url, metadata: session.metadata(title: "LeNet conv-1 gradients after one step"), width: 700,
            height: grid.preferredSize.height)
    }
}

/// 6.7 — the scores of the traced test images at every test point of 6.6's run (no training).
func lenetScores(_ session: ChapterSession, data: ChapterImages, run: LeNet.Run) throws {
    let name = data.dataset.displayName
    let records = run.scores
    let traced = records.first?.scores.columns ?? 0
    guard traced > 0 else { return }
    // The figure shows the first 500 iterations (where the probabilities settle); the table the end.
    let window = min(run.solver.iterations, 500)
    let shown = records.filter { $0.iteration <= window }
    let xs = shown.map { Double($0.iteration) }
    let probabilities = records.map { LeNet.probabilities($0.scores) }
    let labels = (0..<traced).map { data.test.labels[$0] }
    let shortNames = data.classNames.map { String($0.split(separator: "/").first ?? Substring($0)) }
    let tests = records
    session.say(
        """
        The first \(traced) test images are \(labels.map { shortNames[$0] }.joined(separator: ", ")). \
        Every \(LeNet.scoreInterval(iterations: run.solver.iterations)) iterations of 6.6 their \
        \(data.classNames.count) raw scores z (the output layer's weighted inputs) were recorded, \
        \(records.count) times in all; from iteration 0 to the last:
        """)
    let last = tests.count - 1
    session.table(
        [
            "image", "true class", "z of the true class: iteration 0 → last", "highest other z at the end",
            "p(true) at the end",
        ],
        (0..<traced).map { image in
            let z = tests[last].scores
            let rival = (0..<z.rows).filter { $0 != labels[image] }.max { z[$0, image] < z[$1, image] } ?? 0
            return [
                "\(image)", shortNames[labels[image]],
                "\(formatted(tests[0].scores[labels[image], image], decimals: 2)) → \(formatted(z[labels[image], image], decimals: 2))",
                "\(shortNames[rival]): \(formatted(z[rival, image], decimals: 2))",
                percent(probabilities[last][labels[image], image]),
            ]
        })
    let finalTrue = (0..<traced).map { probabilities[last][labels[$0], $0] }
    session.record("scores.tracedLabels", .array(labels.map { .integer($0) }))
    session.record("scores.finalTrueProbability", .array(finalTrue.map { .number($0) }))
    session.record(
        "scores.finalRawScores",
        .array(
            (0..<traced).map { image in
                .array((0..<tests[last].scores.rows).map { .number(tests[last].scores[$0, image]) })
            }))
    let confident = finalTrue.filter { $0 > 0.9 }.count
    let gaps = (0..<traced).map { image -> Double in
        let z = tests[last].scores
        let rival = (0..<z.rows).filter { $0 != labels[image] }.map { z[$0, image] }.max() ?? 0
        return z[labels[image], image] - rival
    }
    let meanGap = gaps.reduce(0, +) / Double(traced)
    let saturated = finalTrue.allSatisfy { $0 > 0.95 }
    session.say(
        """
        After the last iteration \(confident) of the \(traced) give their true class a probability above 90%; \
        the true class's score leads the highest other by \(formatted(meanGap, decimals: 1)) on average. \
        The softmax only sees differences of scores: a lead of Δz is odds of e^Δz to 1 over the rival (and more over every other class), \
        so \(saturated ? "a few units of lead already pin the probabilities near 0 and 1 while the raw scores keep spreading apart" : "the probabilities move fastest while the leads are a few units and flatten as they grow").
        """)
    session.record("scores.meanLead", .number(meanGap))

    let trueColour = Colour(hex: 0xD55E00)
    let rivalColour = Colour(hex: 0x0072B2)
    let otherColour = Colour(hex: 0xBBBBBB)
    func panel(_ image: Int, softmax: Bool, bottom: Bool) -> LinePlot {
        let values = Array((softmax ? probabilities : tests.map(\.scores)).prefix(shown.count))
        // The rival is the other class that peaks highest within the iterations drawn, so the blue
        // line is the one a reader sees challenge the true class.
        let classes = values[0].rows
        func peak(_ digit: Int) -> Double { values.map { $0[digit, image] }.max() ?? -.infinity }
        let rival = (0..<classes).filter { $0 != labels[image] }.max { peak($0) < peak($1) } ?? 0
        let order = (0..<classes).filter { $0 != labels[image] && $0 != rival } + [rival, labels[image]]
        var plot = LinePlot(
            title: "\(image): \(shortNames[labels[image]]), \(softmax ? "softmax" : "raw z")",
            xLabel: bottom ? "iteration" : "",
            yLabel: softmax ? "probability" : "score z",
            series: order.map { digit in
                let isTrue = digit == labels[image]
                let isRival = digit == rival
                return LineSeries(
                    name: "", ys: values.map { $0[digit, image] }, xs: xs,
                    colour: isTrue ? trueColour : isRival ? rivalColour : otherColour)
            })
        plot.xRange = 0...Double(window)
        if softmax { plot.yRange = 0...1 }
        plot.legend = .hidden
        return plot
    }
    // Raw scores and probabilities in two figures of 2 × 4 panels each, one image per panel.
    for softmax in [false, true] {
        let panels: [any Chart] = (0..<traced).map { image in
            panel(image, softmax: softmax, bottom: image + 4 >= traced)
        }
        let file = softmax ? "lenet-probabilities.png" : "lenet-scores.png"
        let what = softmax ? "softmax probabilities" : "raw scores z"
        try session.writeFile(file) { url in
            let grid = FigureGrid(
                title:
                    "\(name), test images 0–\(traced - 1), \(what), iterations 0–\(window): orange true class, blue the other class that peaks highest",
                columns: 4, panels: panels, panelWidth: 220, panelHeight: 200)
            try grid.write(
                to: url,
                metadata: session.metadata(
                    title: softmax ? "LeNet probabilities over training" : "LeNet scores over training"))
        }
    }
}

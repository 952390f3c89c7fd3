// Sections 3.5–3.6 of Chapter 03: backpropagation training real (small) networks — moons with
// a growing hidden layer, and a deeper ReLU network on circles watched as it learns.

import ChapterRunner
import Figures
import NeuralCore

/// The data points of a toy dataset, for plotting.
func labelledPoints(_ data: PointDataset) -> [LabelledPoint] {
    (0..<data.count).map { i in LabelledPoint(x: data.inputs[0, i], y: data.inputs[1, i], label: data.labels[i]) }
}

/// A square-ish window around the data with a margin.
func window(_ data: PointDataset, margin: Double = 0.4) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    let x = data.bounds(feature: 0)
    let y = data.bounds(feature: 1)
    return ((x.lowerBound - margin)...(x.upperBound + margin), (y.lowerBound - margin)...(y.upperBound + margin))
}

/// 3.5 — [2, h, 2] on moons for h = 1 … 50.
func moonsHiddenUnits(_ session: ChapterSession, knobs: MoonsKnobs) throws {
    var generator = session.generator.fork()
    let points = MoonsExperiment.data(using: &generator)
    let epochs = session.options.quick ? MoonsExperiment.quickEpochs : MoonsExperiment.epochs
    session.say(
        """
        \(MoonsExperiment.count) points of two interleaving half-moons, noise \(MoonsExperiment.noise). A [2, h, 2] \
        network — tanh hidden units, softmax output, log-likelihood cost — trained by \
        backpropagation and mini-batch SGD (Eq. 3.7, η = \(knobs.eta), m = \(MoonsExperiment.batchSize), \
        \(epochs) epochs) for h = \(knobs.hiddenSizes.map(String.init).joined(separator: ", ")) hidden units:
        """)
    let (xRange, yRange) = window(points)
    var panels: [any Chart] = []
    var rows: [[String]] = []
    var accuracies: [(hidden: Int, accuracy: Double)] = []
    for hidden in knobs.hiddenSizes {
        var g = generator.fork()
        let (network, accuracy) = try MoonsExperiment.train(
            hidden: hidden, on: points, epochs: epochs, eta: knobs.eta, using: &g)
        accuracies.append((hidden, accuracy))
        rows.append(["\(hidden)", "\(network.parameterCount)", percent(accuracy, decimals: 1)])
        session.record("moons.h\(hidden).trainingAccuracy", .number(accuracy))
        let field = GridField(network, xRange: xRange, yRange: yRange, samples: 160)
        var panel = DecisionRegions(
            title: "h = \(hidden): \(percent(accuracy, decimals: 1))",
            field: .probability(field.probability), xRange: xRange, yRange: yRange,
            points: labelledPoints(points), classNames: points.classNames, xLabel: "", yLabel: "")
        panel.resolution = 160
        panel.showColourBar = false
        panel.legend = .hidden
        panels.append(panel)
    }
    panels.append(
        LegendPanel(
            classNames: points.classNames,
            notes: ["shading: p(lower moon)", "blue 0 · white ½ · red 1", "line: p = ½"]))
    session.table(["hidden units h", "parameters", "training accuracy"], rows)
    let one = accuracies.min { $0.hidden < $1.hidden }!
    let best = accuracies.max { $0.accuracy < $1.accuracy }!
    let last = accuracies.last!
    session.say(
        """
        \(one.hidden == 1 ? "With h = 1 the network squeezes the plane through one tanh unit, so its boundary is a single straight line" : "The smallest network tried, h = \(one.hidden), fits"): \
        \(percent(one.accuracy, decimals: 1)) of the training points. The best of the \
        sizes tried is h = \(best.hidden) at \(percent(best.accuracy, decimals: 1)); h = \(last.hidden) reaches \
        \(percent(last.accuracy, decimals: 1)). Each extra hidden unit can add one more bend to the boundary, \
        and backpropagation finds where to put it.
        """)
    session.record(
        "moons.h\(one.hidden).summary", .number(one.accuracy),
        summary:
            "moons: h = \(one.hidden) fits \(percent(one.accuracy, decimals: 1)), h = \(last.hidden) fits \(percent(last.accuracy, decimals: 1)) of the training points"
    )
    session.configure("moons.epochs", .integer(epochs))
    try session.writeFile("moons-hidden-units.png") { url in
        let grid = FigureGrid(
            title:
                "Moons: [2, h, 2] after \(epochs) epochs, training accuracy per h",
            columns: 4, panels: panels, panelWidth: 220, panelHeight: 200)
        try grid.write(to: url, metadata: session.metadata(title: "Moons decision regions by hidden-layer size"))
    }
}

/// 3.6 — a deeper ReLU network with a sigmoid output and cross-entropy on circles.
func circlesDeepNetwork(_ session: ChapterSession, knobs: CirclesKnobs) throws {
    var generator = session.generator.fork()
    let points = CirclesExperiment.data(using: &generator)
    let snapshots = session.options.quick ? CirclesExperiment.quickSnapshots : CirclesExperiment.snapshots
    let sizes = knobs.sizes
    let architecture = "[\(sizes.map(String.init).joined(separator: ", "))]"
    session.say(
        """
        Nothing in BP1–BP4 depends on depth or on σ: BP2 simply runs through more layers, with \
        f′ of whatever activation each layer uses. A \(architecture) network with ReLU \
        hidden layers (He initialization), one sigmoid output and the cross-entropy cost \
        C = −[y ln a + (1 − y) ln(1 − a)] (for which BP1 gives δᴸ = a − y, Chapter 04), trained on \
        \(CirclesExperiment.count) points of two concentric circles (noise \(CirclesExperiment.noise)) with η = \
        \(knobs.eta), m = \(CirclesExperiment.batchSize), for \(snapshots.last!) epochs:
        """)
    let frameEpochs = session.options.quick ? CirclesExperiment.quickFrames : CirclesExperiment.frames
    let (networks, records) = try CirclesExperiment.train(
        on: points, snapshots: snapshots, frames: frameEpochs, sizes: sizes, eta: knobs.eta, using: &generator)
    let (xRange, yRange) = window(points)
    var panels: [any Chart] = []
    var rows: [[String]] = []
    for (epoch, network) in networks where snapshots.contains(epoch) {
        let record = records[epoch - 1]
        let accuracy = record.trainingAccuracy ?? 0
        rows.append([
            "\(epoch)", formatted(record.trainingCost ?? .nan, decimals: 4), percent(accuracy, decimals: 1),
        ])
        let field = GridField(network, xRange: xRange, yRange: yRange, samples: 160)
        var panel = DecisionRegions(
            title: "epoch \(epoch): \(percent(accuracy, decimals: 1))",
            field: .probability(field.probability), xRange: xRange, yRange: yRange,
            points: labelledPoints(points), classNames: points.classNames, xLabel: "", yLabel: "")
        panel.resolution = 160
        panel.showColourBar = false
        panel.legend = .hidden
        panels.append(panel)
    }
    panels.append(
        LegendPanel(
            classNames: points.classNames,
            notes: ["shading: p(inner circle)", "blue 0 · white ½ · red 1", "line: p = ½"]))
    session.table(["epoch", "training cost", "training accuracy"], rows)
    let final = records.last!
    let firstAbove = records.first { ($0.trainingAccuracy ?? 0) >= 0.95 }
    session.say(
        """
        After \(final.epoch) epochs the cost is \(formatted(final.trainingCost ?? .nan, decimals: 4)) and \
        \(percent(final.trainingAccuracy ?? 0, decimals: 1)) of the points are classified correctly\
        \(firstAbove.map { "; accuracy first reached 95% in epoch \($0.epoch)" } ?? "; accuracy never reached 95%"). \
        \((final.trainingAccuracy ?? 0) >= 0.95 ? "The small multiples show the boundary (the black p = ½ line) closing from a rough cut into a ring." : "The small multiples show how far the boundary (the black p = ½ line) got: it has not closed into a ring that separates the circles.")
        """)
    session.record(
        "circles.finalAccuracy", .number(final.trainingAccuracy ?? 0),
        summary:
            "circles, \(architecture) ReLU: \(percent(final.trainingAccuracy ?? 0, decimals: 1)) after \(final.epoch) epochs"
    )
    session.record("circles.finalCost", .number(final.trainingCost ?? .nan))
    try session.writeFile("circles-epochs.png") { url in
        let grid = FigureGrid(
            title: "Circles: the \(architecture) ReLU network by epoch, training accuracy",
            columns: 4, panels: panels, panelWidth: 220, panelHeight: 200)
        try grid.write(to: url, metadata: session.metadata(title: "Circles decision regions by epoch"))
    }
    try writeCirclesForming(
        session, frames: networks.filter { frameEpochs.contains($0.epoch) }, records: records, points: points,
        architecture: architecture)
    try session.writeFile("circles-curves.png") { url in
        let epochs = records.map { Double($0.epoch) }
        // The snapshot epochs of circles-epochs.png, dashed in both panels so the two figures link.
        let marks = snapshots.map { ReferenceLine(.vertical(x: Double($0))) }
        var cost = LinePlot(
            title: "Training cost (cross-entropy, log scale)", xLabel: "epoch", yLabel: "mean cost per point",
            series: [
                LineSeries(
                    name: "cost", ys: records.map { $0.trainingCost ?? .nan }, xs: epochs,
                    colour: Palette.categorical(0))
            ], yScale: .log10, references: marks)
        cost.legend = .hidden
        var accuracy = LinePlot(
            title: "Training accuracy", xLabel: "epoch", yLabel: "accuracy (%)",
            series: [
                LineSeries(
                    name: "accuracy", ys: records.map { 100 * ($0.trainingAccuracy ?? 0) }, xs: epochs,
                    colour: Palette.categorical(0))
            ], references: marks)
        accuracy.legend = .hidden
        let grid = FigureGrid(
            title: "Circles: learning curves of the \(architecture) ReLU network (dashed: the snapshot epochs)",
            columns: 2, panels: [cost, accuracy], panelWidth: 440, panelHeight: 340)
        try grid.write(to: url, metadata: session.metadata(title: "Circles learning curves"))
    }
}

/// The animation of 3.6: the decision region of the circles network at each frame epoch beside
/// its training accuracy so far, as `circles-forming.gif`, and its last frame as
/// `circles-forming.png` (at twice the pixels, for print).
func writeCirclesForming(
    _ session: ChapterSession, frames: [(epoch: Int, network: Network)], records: [EpochRecord],
    points: PointDataset, architecture: String
) throws {
    let (xRange, yRange) = window(points)
    let lastEpoch = records.count
    let accuracies = records.map { 100 * ($0.trainingAccuracy ?? 0) }
    let lowest = ((accuracies.min() ?? 50) / 10).rounded(.down) * 10
    func frame(_ epoch: Int, _ network: Network) -> any Chart {
        let accuracy = accuracies[epoch - 1]
        let fraction = records[epoch - 1].trainingAccuracy ?? 0
        let field = GridField(network, xRange: xRange, yRange: yRange, samples: 120)
        var regions = DecisionRegions(
            title: "epoch \(epoch): accuracy \(percent(fraction, decimals: 1))",
            field: .probability(field.probability), xRange: xRange, yRange: yRange,
            points: labelledPoints(points), classNames: points.classNames)
        regions.resolution = 120
        regions.legend = .hidden
        regions.colourBarLabel = "p(inner circle)"
        let epochs = (1...epoch).map(Double.init)
        var curve = LinePlot(
            title: "Training accuracy so far", xLabel: "epoch", yLabel: "accuracy (%)",
            series: [
                LineSeries(
                    name: "accuracy", ys: Array(accuracies[0..<epoch]), xs: epochs, colour: Palette.categorical(0)),
                LineSeries(
                    name: "now", points: [(x: Double(epoch), y: accuracy)], colour: Palette.categorical(0),
                    markers: true),
            ])
        // A little room beyond the last epoch, so the dot marking "now" is not cut at the end.
        curve.xRange = 0...Double(lastEpoch + max(1, lastEpoch / 20))
        curve.yRange = lowest...100
        curve.xWholeNumbers = true
        curve.legend = .hidden
        return FigureGrid(
            title: "Circles: the \(architecture) ReLU network learning the ring", columns: 2,
            panels: [regions, curve], panelWidth: 400, panelHeight: 360)
    }
    let charts = frames.map { frame($0.epoch, $0.network) }
    let size = charts[0].preferredSize
    let metadata = session.metadata(title: "Circles: the decision region forming over the epochs")
    try session.writeFile("circles-forming.gif") { url in
        try AnimatedGIF.write(
            charts: charts, width: size.width, height: size.height, frameDelay: .milliseconds(200),
            finalHold: .seconds(3), metadata: metadata, to: url)
    }
    try session.writeFile("circles-forming.png") { url in
        try charts[charts.count - 1].write(to: url, metadata: metadata)
    }
}

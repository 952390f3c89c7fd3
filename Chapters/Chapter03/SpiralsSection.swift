// Section 3.10 of Chapter 03: three spiral arms, a [2, h, 3] softmax network with four hidden
// activations, and the identity network collapsing into one linear map.

import ChapterRunner
import Figures
import NeuralCore

/// Spirals: which hidden activation a [2, h, 3] softmax network needs.
enum SpiralsExperiment {
    static let countPerClass = 100
    static let noise = 0.2
    static let hidden = 50
    static let learningRate = 0.5
    static let batchSize = 10
    static let epochs = 500
    static let quickEpochs = 40
    /// The hidden activations compared, in the order of the table and the figure.
    static let activations: [Activation] = [.tanh, .sigmoid, .relu, .identity]

    static func data(using generator: inout SeededGenerator) -> PointDataset {
        ToyDatasets.spirals(countPerClass: countPerClass, classes: 3, noise: noise, using: &generator)
    }

    /// Trains [2, h, 3] with `activation` hidden units (or, with `activation` nil, the linear
    /// softmax classifier [2, 3]) by mini-batch SGD on the log-likelihood, Xavier weights for all.
    static func train(
        activation: Activation?, hidden: Int = hidden, on points: PointDataset, epochs: Int,
        eta: Double = learningRate, using generator: inout SeededGenerator
    ) throws -> (network: Network, accuracy: Double, cost: Double) {
        let sizes = activation == nil ? [2, 3] : [2, hidden, 3]
        var network = Network(
            sizes: sizes, hidden: activation ?? .identity, output: .softmax, initialization: .xavier,
            using: &generator)
        let data = LabeledData(points)
        var sgd = SGD(learningRate: eta)
        _ = try Trainer.train(
            &network, on: data,
            options: TrainingOptions(epochs: epochs, batchSize: batchSize, cost: LogLikelihoodCost()),
            optimizer: &sgd, generator: &generator)
        let measured = Evaluation.measure(network, on: data, cost: LogLikelihoodCost(), trainingCount: data.count)
        return (network, measured.accuracy, measured.cost)
    }

    /// Eq. 3.16 — a [2, h, k] network with identity hidden units is one layer:
    /// z³ = w³(w²x + b²) + b³ = (w³w²)x + (w³b² + b³). Returns that single softmax layer.
    static func collapsed(_ network: Network) -> Network {
        let layers = network.denseLayers
        precondition(
            layers.count == 2 && layers[0].activation == .identity, "collapse needs [n, h, k], identity hidden")
        let w = layers[1].weights * layers[0].weights
        let b = layers[1].weights * layers[0].biases + layers[1].biases
        return Network(layers: [DenseLayer(weights: w, biases: b, activation: layers[1].activation)])
    }

    /// How a hidden activation is named in the table, the figure and results.json.
    static func name(_ activation: Activation?) -> String {
        switch activation {
        case nil: "linear softmax"
        case .relu?: "ReLU"
        case let other?: other.description
        }
    }

    static func key(_ activation: Activation?) -> String {
        switch activation {
        case nil: "linear"
        case .relu?: "relu"
        case let other?: other.description
        }
    }
}

/// 3.10 — three spiral arms with tanh, sigmoid, ReLU and identity hidden units, and the linear
/// classifier the identity network collapses to.
func spiralsActivations(_ session: ChapterSession, knobs: SpiralsKnobs) throws {
    var generator = session.generator.fork()
    let points = SpiralsExperiment.data(using: &generator)
    let epochs = session.options.quick ? min(knobs.epochs, SpiralsExperiment.quickEpochs) : knobs.epochs
    session.say(
        """
        \(points.count) points on three interleaved spiral arms (\(SpiralsExperiment.countPerClass) each, \
        angle noise \(SpiralsExperiment.noise)). A [2, \(knobs.hidden), 3] network with a softmax output and \
        the log-likelihood cost, trained by Eq. 3.7 (η = \(knobs.eta.settingText), \
        m = \(SpiralsExperiment.batchSize), \(epochs) epochs, Xavier weights) with each hidden activation in \
        turn, and the linear softmax classifier [2, 3] beside them:
        """)
    let candidates: [Activation?] = SpiralsExperiment.activations.map { $0 } + [nil]
    var results: [(activation: Activation?, network: Network, accuracy: Double, cost: Double)] = []
    for activation in candidates {
        var g = generator.fork()
        let run = try SpiralsExperiment.train(
            activation: activation, hidden: knobs.hidden, on: points, epochs: epochs, eta: knobs.eta, using: &g)
        results.append((activation, run.network, run.accuracy, run.cost))
        session.record("spirals.\(SpiralsExperiment.key(activation)).trainingAccuracy", .number(run.accuracy))
    }
    session.table(
        ["hidden activation", "parameters", "training cost", "training accuracy"],
        results.map {
            [
                SpiralsExperiment.name($0.activation), "\($0.network.parameterCount)", formatted($0.cost, decimals: 4),
                percent($0.accuracy, decimals: 1),
            ]
        })
    // The identity network is one linear map: its collapsed single layer gives the same outputs.
    let identity = results.first { $0.activation == .identity }!
    let linear = results.first { $0.activation == nil }!
    let data = LabeledData(points)
    let x = data.inputs(Array(0..<data.count))
    let collapse = (identity.network.feedforward(x) - SpiralsExperiment.collapsed(identity.network).feedforward(x))
        .maxAbs()
    let best = results.max { $0.accuracy < $1.accuracy }!
    session.say(
        """
        With identity hidden units, z³ = w³(w²x + b²) + b³ = (w³w²)x + (w³b² + b³) (Eq. 3.16): the \
        \(knobs.hidden) hidden units add parameters but no bends. The single layer (w³w², w³b² + b³) gives \
        the identity network's outputs to \(formatted(collapse, significant: 2)) on every point, and its \
        \(percent(identity.accuracy, decimals: 1)) sits next to the linear classifier's \
        \(percent(linear.accuracy, decimals: 1)): three straight boundaries meeting at a point. The best \
        non-linear network here is \(SpiralsExperiment.name(best.activation)) at \
        \(percent(best.accuracy, decimals: 1)).
        """)
    session.record(
        "spirals.identity.collapseDifference", .number(collapse),
        summary:
            "spirals: \(results.map { "\(SpiralsExperiment.name($0.activation)) \(percent($0.accuracy, decimals: 1))" }.joined(separator: ", "))"
    )
    session.configure("spirals.epochs", .integer(epochs))
    let (xRange, yRange) = window(points, margin: 0.25)
    var panels: [any Chart] = results.map { run in
        let field = GridField(run.network, xRange: xRange, yRange: yRange, samples: 160)
        var panel = DecisionRegions(
            title: "\(SpiralsExperiment.name(run.activation)): \(percent(run.accuracy, decimals: 1))",
            field: .classes(field.predictedClass), xRange: xRange, yRange: yRange, points: labelledPoints(points),
            classNames: points.classNames, xLabel: "", yLabel: "")
        panel.resolution = 160
        panel.legend = .hidden
        return panel
    }
    panels.append(
        LegendPanel(
            classNames: points.classNames,
            notes: ["shading: predicted arm", "[2, \(knobs.hidden), 3] + softmax", "linear: [2, 3] + softmax"]))
    try session.writeFile("spirals-activations.png") { url in
        let grid = FigureGrid(
            title: "Spirals: [2, \(knobs.hidden), 3] by hidden activation after \(epochs) epochs, training accuracy",
            columns: 3, panels: panels, panelWidth: 280, panelHeight: 250)
        try grid.write(to: url, metadata: session.metadata(title: "Spirals decision regions by hidden activation"))
    }
}

// Section 3.4 of Chapter 03: backpropagation as reverse-mode differentiation of a computation
// graph — the tiny tanh–softmax network on the tape, against the matrix backpropagation — and
// the architecture of the MNIST network trained in section 3.7.

import ChapterRunner
import Diagrams
import NeuralCore

/// The worked example's weights with tanh hidden units and a softmax output.
func tanhSoftmaxExample() -> Network {
    var layers = WorkedExample.network.denseLayers
    layers[0].activation = .tanh
    layers[1].activation = .softmax
    return Network(layers: layers)
}

/// The true class of the tape example (the one-hot target is y = e₁).
let tapeLabel = 0

/// The tape of one example through `network` with C = −ln aᵧ for class `label`, differentiated.
func tapeExample(_ network: Network, input x: [Double], label: Int) -> (
    tape: TapeNetwork, layers: [TapeNetwork.LayerNodes], cost: Value
) {
    let tape = TapeNetwork(network)
    let layers = tape.forward(x)
    let target = (0..<network.sizes.last!).map { $0 == label ? 1.0 : 0 }
    let cost = TapeNetwork.cost(layers.last!.a, target: target, cost: LogLikelihoodCost()).named("C")
    cost.backward()
    return (tape, layers, cost)
}

/// 3.4 — the tape's gradients equal BP1–BP4's; the graph and the MNIST architecture drawn.
func computationGraph(_ session: ChapterSession) throws {
    let network = tanhSoftmaxExample()
    let x = WorkedExample.input
    let (tape, layers, cost) = tapeExample(network, input: x, label: tapeLabel)
    let (z3, a3) = (layers[1].z, layers[1].a)
    session.say(
        """
        Keep the worked example's weights, but give the hidden layer tanh units and the output a \
        softmax, aⱼ = e^zⱼ / Σₖ e^zₖ, with the log-likelihood cost C = −ln aᵧ for the true class \
        y = 1 (one-hot target (1, 0)). Built on the tape from ×, Σ, tanh, exp and ÷ nodes, the \
        graph has \(cost.topologicalOrder().count) nodes; one backward sweep fills in \
        ∂C/∂(node) for all of them.
        """)
    var generator = session.generator.fork()
    let y = Matrix(column: [1, 0])
    let matrix = network.backpropagate(
        Matrix(column: x), y, cost: LogLikelihoodCost(), generator: &generator)
    let difference = zip(tape.gradients, matrix.gradients).map { ($0 - $1).maxAbs() }.max()!
    let zGradients = z3.map(\.grad)
    let aMinusY = zip(a3.map(\.data), [1.0, 0]).map { $0 - $1 }
    session.show(
        "a³ = softmax(z³) = \(vector(a3.map(\.data))),  C = −ln a³₁ = \(formatted(cost.data, decimals: 6))")
    session.show("tape ∂C/∂z³ = \(vector(zGradients, decimals: 6))   a³ − y = \(vector(aMinusY, decimals: 6))")
    session.show(
        "tape ∂C/∂w³₁₁ = \(formatted(tape.weights[1][0, 0].grad, decimals: 8))   matrix backprop: \(formatted(matrix.gradients[2][0, 0], decimals: 8))"
    )
    session.say(
        """
        The tape's δ³ = ∂C/∂z³ is exactly a³ − y: for a softmax with log-likelihood, BP1's \
        ∇ₐC ⊙ f′ collapses to that difference (Chapter 04 derives it). Over all 17 parameters the \
        tape and the matrix backpropagation (Network.backpropagate with LogLikelihoodCost) agree \
        \(agreement(difference)). Backpropagation is this graph sweep \
        with the nodes of a layer grouped into one matrix operation.
        """)
    session.record(
        "tape.maxDifference", .number(difference),
        summary: "tape gradients of the tanh–softmax network = matrix backprop \(agreement(difference))")
    session.record("tape.cost", .number(cost.data))
    // The 45-node tape in two pictures that each fit the page: the hidden layer x → a², then the
    // softmax head a² → C, where the a²ⱼ reappear as inputs carrying the same values and gradients.
    let graph = cost.computationGraph()
    let hiddenOutputs = layers[0].a.compactMap { graph.node(named: $0.label) }
    try session.writeFile("tiny-network-hidden.png") { url in
        var diagram = ComputationGraphDiagram(
            graph.portion(computing: hiddenOutputs),
            title: "[2, 3, 2] network, hidden layer: x → a² = tanh(z²), values and ∂C/∂node")
        diagram.significantDigits = 3
        try diagram.render(
            to: url, metadata: session.metadata(title: "Computation graph of a tiny network: hidden layer"))
    }
    try session.writeFile("tiny-network-head.png") { url in
        var diagram = ComputationGraphDiagram(
            graph.portion(computing: [graph.nodes.count - 1], from: Set(hiddenOutputs)),
            title: "[2, 3, 2] network, softmax head: a² → C = −ln a³₁, values and ∂C/∂node")
        diagram.significantDigits = 3
        try diagram.render(
            to: url, metadata: session.metadata(title: "Computation graph of a tiny network: softmax head"))
    }
    try session.writeFile("mnist-architecture.png") { url in
        var diagram = ArchitectureDiagram(
            layerSizes: [784, 30, 10], names: ["input: 28 × 28 pixels", "hidden layer", "output: digit 0–9"],
            activations: [nil, "σ", "σ"], title: "The MNIST network of section 3.7: [784, 30, 10]")
        // Each output is labelled with the digit it stands for; a fully connected drawing reads
        // left to right without arrowheads, and pale edges keep the units in front.
        diagram.outputNames = (0...9).map { "\($0)" }
        diagram.arrowheads = false
        diagram.edgeColour = "#94a3b8"
        try diagram.render(to: url, metadata: session.metadata(title: "MNIST network architecture"))
    }
}

// Writes one sample of every kind of diagram to $DIAGRAM_SAMPLES (a folder), for looking at.
// Skipped unless that variable is set: `DIAGRAM_SAMPLES=/tmp/diagram-samples swift test …`.

import Diagrams
import Foundation
import NeuralCore
import Testing

@Suite("Sample diagrams")
struct SampleDiagrams {
    static let folder = ProcessInfo.processInfo.environment["DIAGRAM_SAMPLES"]

    func url(_ name: String) throws -> URL {
        URL(fileURLWithPath: try #require(Self.folder)).appendingPathComponent(name)
    }

    @Test(
        "writes sample diagrams for a visual check",
        .enabled(if: folder != nil, "set DIAGRAM_SAMPLES=folder to write sample diagrams"))
    func writeSamples() throws {
        let metadata = [("Software", "Neural Workbook"), ("Title", "sample")]

        try ArchitectureDiagram(layerSizes: [2, 3, 1], activations: [nil, "σ", "σ"], title: "A 2-3-1 network")
            .render(to: url("architecture-231.png"), metadata: metadata)

        try ArchitectureDiagram(
            layerSizes: [784, 30, 10], activations: [nil, "σ", "σ"], title: "The MNIST network"
        )
        .render(to: url("architecture-mnist.png"), metadata: metadata)

        var perceptron = ArchitectureDiagram(
            layerSizes: [2, 1], activations: [nil, "step"], title: "A NAND perceptron")
        perceptron.weights = [[[-2, -2]]]
        perceptron.biases = [[3]]
        try perceptron.render(to: url("architecture-perceptron.png"), metadata: metadata)

        var dropout = ArchitectureDiagram(
            layerSizes: [4, 6, 6, 2], activations: [nil, "ReLU", "ReLU", "softmax"],
            title: "Dropout (p = 0.5) on the hidden layers")
        dropout.activeUnits = [
            [true, true, true, true], [true, false, true, false, false, true],
            [false, true, true, true, false, true], [true, true],
        ]
        try dropout.render(to: url("architecture-dropout.png"), metadata: metadata)
        try dropout.render(to: url("architecture-dropout.svg"), format: .svg, metadata: metadata)

        let w = Value(-3, label: "w"), x = Value(2, label: "x"), b = Value(6.881373587019543, label: "b")
        let L = (w * x + b).named("n").tanh().named("L")
        L.backward()
        try ComputationGraphDiagram(L.computationGraph(), title: "L = tanh(w·x + b)")
            .render(to: url("computation-neuron.png"), metadata: metadata)

        // A two-input, two-hidden-unit network and a squared error: about 40 nodes.
        let x1 = Value(0.5, label: "x1"), x2 = Value(-1.2, label: "x2")
        var hidden: [Value] = []
        for j in 1...2 {
            let wa = Value(0.3 * Double(j), label: "w\(j)1"), wb = Value(-0.4, label: "w\(j)2")
            let bias = Value(0.1, label: "b\(j)")
            hidden.append(Value.sum([wa * x1, wb * x2, bias]).named("z\(j)").sigmoid().named("h\(j)"))
        }
        let v1 = Value(0.7, label: "v1"), v2 = Value(-0.5, label: "v2"), c = Value(0.05, label: "c")
        let out = (v1 * hidden[0] + v2 * hidden[1] + c).named("y").tanh().named("ŷ")
        let target = Value(0.25, label: "t")
        let loss = ((out - target).power(2) * 0.5).named("C")
        loss.backward()
        let graph = loss.computationGraph()
        print("big computation graph: \(graph.nodes.count) nodes")
        let hiddenIDs = ["h1", "h2"].compactMap { graph.node(named: $0) }
        try ComputationGraphDiagram(graph.portion(computing: hiddenIDs), title: "A 2-2-1 network: hidden layer")
            .render(to: url("computation-network-hidden.png"), metadata: metadata)
        try ComputationGraphDiagram(
            graph.portion(computing: [try #require(graph.node(named: "ŷ"))], from: Set(hiddenIDs)),
            title: "A 2-2-1 network: output ŷ = tanh(v·h + c)"
        )
        .render(to: url("computation-network-output.png"), metadata: metadata)

        var demo = DOTGraph(
            name: "demo",
            graphAttributes: [
                .rankDirection(.topToBottom), .fontName("DejaVu Sans"), .label("DOTGraph features"),
            ])
        demo.edgeDefaults = [.fontName("DejaVu Sans")]
        demo.nodeDefaults = [
            .fontName("DejaVu Sans"), .shape(.box), .style(.filled, .rounded), .fillColor("#f1f5f9"),
        ]
        demo.add(
            DOTCluster(
                "a", [.label("a cluster"), .style(.rounded)], nodes: [DOTNode("p"), DOTNode("q")],
                sameRank: [["p", "q"]]))
        demo.add(
            DOTNode(
                "rec",
                [
                    .shape(.record), .style(.filled),
                    .label(
                        .record([
                            .text("left", port: "l"), .group([.text("top"), .text("{braces}")]),
                            .text("right", port: "r"),
                        ])),
                ]))
        demo.add(DOTNode("quote", [.label("say \"hi\"\nsecond line")]))
        demo.connect("p", "rec", [.headPort(DOTPort("l")), .label("to port l")])
        demo.connect("q", "rec", [.headPort(DOTPort("r")), .style(.dashed), .color("#dc2626")])
        demo.connect("rec", "quote")
        try GraphvizRenderer().render(demo, to: url("dotgraph-demo.png"))

        // Written even when illegible (so that they can be looked at), then checked.
        let lenient = GraphvizRenderer(checksLegibility: false)
        let recurrent: [(String, any Diagram)] = [
            ("lstm-cell.png", LSTMCellDiagram()), ("gru-cell.png", GRUCellDiagram()),
            (
                "rnn-folded-unrolled.png",
                RecurrentNetworkDiagram(steps: 4, title: "A recurrent network, folded and unrolled over four steps")
            ),
            ("bptt.png", BackpropagationThroughTimeDiagram(steps: 4)),
        ]
        for (name, diagram) in recurrent {
            try diagram.render(to: url(name), metadata: metadata, renderer: lenient)
            let problem = try GraphvizRenderer().legibility(of: diagram.graph).problem
            #expect(problem == nil, "\(name): \(problem ?? "")")
        }
    }
}

// Diagrams of Chapter 01: the NAND perceptron, and circuits made of NAND perceptrons.

import Diagrams
import Foundation

enum CircuitDiagram {
    /// Eq. 1.2 — the NAND perceptron: weights −2, −2 on the edges, bias 3 in the unit.
    static func nandPerceptron(to url: URL, metadata: [(String, String)]) throws {
        var diagram = ArchitectureDiagram(
            layerSizes: [2, 1], names: ["inputs", "NAND"], activations: [nil, "step"],
            title: "A NAND perceptron: output = step(−2x₁ − 2x₂ + 3)")
        diagram.weights = [[NANDCircuit.nand.weights]]
        diagram.biases = [[NANDCircuit.nand.bias]]
        try diagram.render(to: url, metadata: metadata)
    }

    /// Every gate of `circuit` as a perceptron node, inputs on the left, outputs on the right.
    static func render(_ circuit: NANDCircuit, title: String, to url: URL, metadata: [(String, String)]) throws {
        var graph = DOTGraph(
            name: "circuit",
            graphAttributes: [
                .rankDirection(.leftToRight), .fontName(DiagramStyle.fontName), .dpi(DiagramStyle.dpi),
                .pad(0.25), .backgroundColor("white"), .label(title), .labelLocation("t"), .fontSize(16),
                .nodeSeparation(0.3), .rankSeparation(0.55), .splines(.curved),
            ],
            nodeDefaults: [.fontName(DiagramStyle.fontName), .fontSize(12), .style(.filled), .penWidth(1.4)],
            edgeDefaults: [
                .fontName(DiagramStyle.fontName), .fontSize(10), .color(DiagramStyle.edge),
                .fontColor(DiagramStyle.caption), .arrowSize(0.7),
            ])
        for input in circuit.inputs {
            graph.add(DOTNode(input, nodeStyle(DiagramStyle.input, label: subscripted(input), shape: .circle)))
        }
        for (index, gate) in circuit.gates.enumerated() {
            let label = "\(gate.name)\nb = 3"
            graph.add(DOTNode("g\(index)", nodeStyle(DiagramStyle.hidden, label: label, shape: .circle)))
            let sources = [gate.a, gate.b]
            if sources[0] == sources[1] {
                // The same wire read twice: one edge carrying weight −2 − 2 = −4.
                graph.connect(id(sources[0]), "g\(index)", [.label("−4")])
            } else {
                for source in sources { graph.connect(id(source), "g\(index)", [.label("−2")]) }
            }
        }
        for output in circuit.outputs {
            let node = "out_\(output.name)"
            graph.add(DOTNode(node, nodeStyle(DiagramStyle.output, label: subscripted(output.name), shape: .box)))
            graph.connect("g\(output.gate)", node, [.style(.dashed)])
        }
        graph.keepOnSameRank(circuit.inputs)
        graph.order(circuit.inputs)
        graph.keepOnSameRank(circuit.outputs.map { "out_\($0.name)" })
        try GraphvizRenderer().render(graph, to: url, metadata: metadata)
    }

    private static func id(_ wire: Wire) -> String {
        switch wire {
        case .input(let name): name
        case .gate(let index): "g\(index)"
        }
    }

    private static func nodeStyle(_ palette: DiagramStyle.Palette, label: String, shape: NodeShape) -> [DOTAttribute] {
        [
            .label(label), .shape(shape), .fillColor(palette.fill), .color(palette.outline),
            .fontColor(palette.text), .margin(0.04),
        ]
    }

    /// "x1" → "x₁", "a0" → "a₀", "s2" → "s₂": names as the notes write them.
    static func subscripted(_ name: String) -> String {
        let digits: [Character: Character] = ["0": "₀", "1": "₁", "2": "₂", "3": "₃"]
        return String(name.map { digits[$0] ?? $0 })
    }
}

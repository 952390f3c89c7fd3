// Diagrams of Chapter 01: the NAND perceptron, and circuits made of NAND perceptrons.

import Diagrams
import Foundation

enum CircuitDiagram {
    /// Eq. 1.2 — the NAND perceptron: weights −2, −2 on the edges, bias 3 in the unit.
    static func nandPerceptron(to url: URL, metadata: [(String, String)]) throws {
        var diagram = ArchitectureDiagram(
            layerSizes: [2, 1], names: ["inputs", "NAND"], activations: [nil, "step"],
            title: "A NAND perceptron: output = step(−2x₁ − 2x₂ + 3)")
        diagram.captionsShowSizes = false
        diagram.weights = [[NANDCircuit.nand.weights]]
        diagram.biases = [[NANDCircuit.nand.bias]]
        try diagram.render(to: url, metadata: metadata)
    }

    /// Every gate of `circuit` as a perceptron node, inputs on the left, outputs on the right.
    /// Every gate has weights −2, −2 and bias 3 (Eq. 1.2), said once under the title; only the
    /// exception is written on an edge: a wire read twice carries −2 − 2 = −4. Gates whose names
    /// start with a key of `groups` are boxed together under its caption (a half adder, a full
    /// adder), and the edges leaving a gate named in `wireNames` carry that name (the carry c₀).
    static func render(
        _ circuit: NANDCircuit, title: String, groups: [(prefix: String, caption: String)] = [],
        wireNames: [String: String] = [:], to url: URL, metadata: [(String, String)]
    ) throws {
        var graph = DOTGraph(
            name: "circuit",
            graphAttributes: [
                .rankDirection(.leftToRight), .fontName(DiagramStyle.fontName),
                .pad(0.2), .backgroundColor("white"), .labelLocation("t"), .fontSize(15),
                .label(
                    .html(
                        "<b>\(HTML.escape(title))</b><br/><font point-size=\"12\" color=\"\(DiagramStyle.caption)\">"
                            + "every gate is the NAND perceptron: weights −2, −2, bias 3; −4 where one wire is read twice</font>"
                    )),
                .nodeSeparation(0.22), .rankSeparation(0.4), .splines(.curved),
            ],
            nodeDefaults: [.fontName(DiagramStyle.fontName), .fontSize(13), .style(.filled), .penWidth(1.4)],
            edgeDefaults: [
                .fontName(DiagramStyle.fontName), .fontSize(12), .color(DiagramStyle.edge),
                .fontColor(DiagramStyle.caption), .arrowSize(0.7),
            ])
        for input in circuit.inputs {
            graph.add(DOTNode(input, nodeStyle(DiagramStyle.input, label: subscripted(input), shape: .circle)))
        }
        var clusters = groups.map { group in
            DOTCluster(
                group.prefix,
                [
                    .label(group.caption), .style(.rounded, .filled), .fillColor(DiagramStyle.clusterFill),
                    .color(DiagramStyle.clusterOutline), .fontColor(DiagramStyle.caption), .fontSize(13),
                ])
        }
        for (index, gate) in circuit.gates.enumerated() {
            let node = DOTNode(
                "g\(index)", nodeStyle(DiagramStyle.hidden, label: subscripted(gate.name), shape: .circle))
            if let group = groups.firstIndex(where: { gate.name.hasPrefix($0.prefix) }) {
                clusters[group].nodes.append(node)
            } else {
                graph.add(node)
            }
            let sources = [gate.a, gate.b]
            func label(_ source: Wire) -> [DOTAttribute] {
                guard case .gate(let tail) = source, let name = wireNames[circuit.gates[tail].name] else { return [] }
                return [.label(name), .fontColor(DiagramStyle.hidden.text)]
            }
            if sources[0] == sources[1] {
                // The same wire read twice: one edge carrying weight −2 − 2 = −4.
                graph.connect(
                    id(sources[0]), "g\(index)",
                    [
                        .headLabel("−4"), .labelDistance(2.4), .init("labelangle", .number(25)),
                        .fontColor(DiagramStyle.operation.outline), .color(DiagramStyle.operation.outline),
                        .penWidth(1.6),
                    ])
            } else {
                for source in sources { graph.connect(id(source), "g\(index)", label(source)) }
            }
        }
        for cluster in clusters { graph.add(cluster) }
        for output in circuit.outputs {
            let node = "out_\(output.name)"
            graph.add(DOTNode(node, nodeStyle(DiagramStyle.output, label: subscripted(output.name), shape: .box)))
            graph.connect("g\(output.gate)", node, [.style(.dashed)])
        }
        graph.keepOnSameRank(circuit.inputs)
        graph.order(circuit.inputs)
        graph.keepOnSameRank(circuit.outputs.map { "out_\($0.name)" })
        graph.order(circuit.outputs.map { "out_\($0.name)" })
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
        let digits: [Character: Character] = [
            "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        ]
        return String(name.map { digits[$0] ?? $0 })
    }
}

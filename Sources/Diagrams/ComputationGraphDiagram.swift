// A computation graph (a snapshot of the scalar tape) drawn left to right: one card per
// value, showing its name or operation, its forward value and its gradient. Inputs are
// rounded blue cards; operations are square cards with an amber header; the final output
// has an orange header. Edges run from operand to result.

import Foundation
import NeuralCore

/// A diagram of a `ComputationGraph` after a forward (and usually a backward) pass.
///
/// ```swift
/// let w = Value(-3, label: "w"), x = Value(2, label: "x"), b = Value(6.8814, label: "b")
/// let L = (w * x + b).tanh().named("L")
/// L.backward()
/// try ComputationGraphDiagram(L.computationGraph(), title: "L = tanh(w·x + b)")
///     .render(to: URL(fileURLWithPath: "out/neuron-graph.png"))
/// ```
public struct ComputationGraphDiagram: Diagram, Sendable {
    public var computation: ComputationGraph
    public var title: String?
    /// Significant digits of values and gradients.
    public var significantDigits = 4
    /// Whether to show gradients (turn off for a forward-pass-only picture).
    public var showsGradients = true

    public init(_ computation: ComputationGraph, title: String? = nil) {
        self.computation = computation
        self.title = title
    }

    /// The diagram as a `DOTGraph`.
    public var graph: DOTGraph {
        var graph = DOTGraph(name: "computation", graphAttributes: DiagramStyle.graphAttributes(title: title))
        graph.graphAttributes += [.nodeSeparation(0.22), .rankSeparation(0.5)]
        graph.nodeDefaults = [.shape(.plain), .fontName(DiagramStyle.fontName), .fontSize(12)]
        graph.edgeDefaults = [
            .color(DiagramStyle.edge), .penWidth(1.1), .arrowSize(0.7), .arrowHead(.vee),
        ]
        let results = Set(computation.edges.map(\.from))
        for node in computation.nodes {
            let isOutput = !results.contains(node.id) && !node.isInput
            graph.add(DOTNode(nodeID(node.id), [.label(.html(card(for: node, isOutput: isOutput)))]))
        }
        // Operands of "−" and "÷" are told apart: the edge labels a and b match the header "a − b".
        var operandsSeen: [Int: Int] = [:]
        for edge in computation.edges {
            let position = operandsSeen[edge.to, default: 0]
            operandsSeen[edge.to] = position + 1
            var attributes: [DOTAttribute] = []
            if Self.orderedOperations.contains(computation.nodes[edge.to].operation), position < 2 {
                attributes = [
                    .headLabel(position == 0 ? "a" : "b"), .fontName(DiagramStyle.fontName), .fontSize(10),
                    .fontColor(DiagramStyle.caption), .labelDistance(1.4),
                ]
            }
            graph.connect(nodeID(edge.from), nodeID(edge.to), attributes)
        }
        return graph
    }

    /// Operations whose operands cannot be swapped.
    private static let orderedOperations: Set<String> = ["−", "÷"]

    private func nodeID(_ id: Int) -> String { "v\(id)" }

    /// The header text: the name for inputs, the operation (and name, if any) for results.
    private func heading(for node: ComputationNode) -> String {
        let name = HTML.escape(node.label)
        if node.isInput { return "<b>" + (name.isEmpty ? "constant" : name) + "</b>" }
        let symbol = HTML.escape(node.operation)
        let operation = Self.orderedOperations.contains(node.operation) ? "a <b>\(symbol)</b> b" : "<b>\(symbol)</b>"
        return name.isEmpty ? operation : "<b>\(name)</b> = " + operation
    }

    /// An HTML-like table: header, then "value …" and "grad …" rows.
    private func card(for node: ComputationNode, isOutput: Bool) -> String {
        let palette = node.isInput ? DiagramStyle.input : (isOutput ? DiagramStyle.output : DiagramStyle.operation)
        let rows = [("value", node.value)] + (showsGradients ? [("grad", node.gradient)] : [])
        let body = rows.map { tag, number in
            "<tr><td align=\"left\"><font color=\"\(DiagramStyle.caption)\" point-size=\"10\">\(tag)</font></td>"
                + "<td align=\"right\">\(DiagramNumber.format(number, significantDigits: significantDigits))</td></tr>"
        }.joined()
        // Inputs: a rounded card filled with the input colour. Results: a square card, white
        // below a coloured header.
        let table: String
        let header: String
        if node.isInput {
            table =
                "<table border=\"1\" style=\"rounded\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\""
                + " bgcolor=\"\(palette.fill)\" color=\"\(palette.outline)\">"
            header = "<tr><td colspan=\"2\"><font color=\"\(palette.text)\">\(heading(for: node))</font></td></tr>"
        } else {
            table =
                "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\""
                + " bgcolor=\"white\" color=\"\(palette.outline)\">"
            header =
                "<tr><td colspan=\"2\" bgcolor=\"\(palette.fill)\"><font color=\"\(palette.text)\">"
                + heading(for: node) + "</font></td></tr>"
        }
        return table + header + body + "</table>"
    }
}

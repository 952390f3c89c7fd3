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
        graph.graphAttributes += [.nodeSeparation(0.18), .rankSeparation(0.28)]
        graph.nodeDefaults = [.shape(.plain), .fontName(DiagramStyle.fontName), .fontSize(12)]
        graph.edgeDefaults = [
            .color(DiagramStyle.edge), .penWidth(1.1), .arrowSize(0.7), .arrowHead(.vee),
        ]
        let results = Set(computation.edges.map(\.from))
        let operations = Dictionary(
            computation.nodes.map { ($0.id, $0.operation) }, uniquingKeysWith: { first, _ in first })
        for node in computation.nodes {
            let isOutput = !results.contains(node.id) && !node.isInput
            graph.add(DOTNode(nodeID(node.id), [.label(.html(card(for: node, isOutput: isOutput)))]))
        }
        // The second operand of "−" and "÷" is the one subtracted or divided by: its edge carries
        // the operation's sign (no operand letters, which would read as the notes' a and b).
        var operandsSeen: [Int: Int] = [:]
        for edge in computation.edges {
            let position = operandsSeen[edge.to, default: 0]
            operandsSeen[edge.to] = position + 1
            var attributes: [DOTAttribute] = []
            if let operation = operations[edge.to], Self.orderedOperations.contains(operation), position == 1 {
                attributes = [
                    .headLabel(operation), .fontName(DiagramStyle.fontName), .fontSize(14),
                    .fontColor(DiagramStyle.operation.text), .labelDistance(1.3), .init("labelangle", .number(-35)),
                ]
            }
            graph.connect(nodeID(edge.from), nodeID(edge.to), attributes)
        }
        return graph
    }

    /// Operations whose operands cannot be swapped.
    private static let orderedOperations: Set<String> = ["−", "÷"]

    private func nodeID(_ id: Int) -> String { "v\(id)" }

    /// The header text: the name for inputs, the operation (and name, if any) for results. A
    /// name that already shows its operation ("a − y", "(a − y)²") stands alone.
    private func heading(for node: ComputationNode) -> String {
        let name = Self.markup(node.label)
        if node.isInput { return "<b>" + (name.isEmpty ? "constant" : name) + "</b>" }
        let symbol = Self.markup(node.operation)
        if name.isEmpty { return "<b>\(symbol)</b>" }
        let shown = Self.prettyOperation(node.operation)
        if !shown.isEmpty, node.label.contains(shown) { return "<b>\(name)</b>" }
        return "<b>\(name)</b> = <b>\(symbol)</b>"
    }

    /// "^2" → "²": how an operation's symbol appears inside a name.
    private static func prettyOperation(_ operation: String) -> String {
        let superscripts: [Character: Character] = ["2": "²", "3": "³", "-": "⁻", "1": "¹"]
        guard operation.hasPrefix("^") else { return operation }
        return String(operation.dropFirst().compactMap { superscripts[$0] })
    }

    /// Text as HTML markup, with caret notation raised: "e^z³₁" → e<sup>z³₁</sup>, "^2" → "x²"-style.
    static func markup(_ text: String) -> String {
        guard let caret = text.firstIndex(of: "^") else { return HTML.escape(text) }
        let head = HTML.escape(String(text[..<caret]))
        let rest = text[text.index(after: caret)...]
        let exponentEnd = rest.firstIndex { $0 == " " || $0 == ")" } ?? rest.endIndex
        let exponent = String(rest[..<exponentEnd])
        if head.isEmpty, exponent.allSatisfy(\.isNumber) { return "( )" + prettyOperation("^" + exponent) }
        return head + "<sup>" + HTML.escape(exponent) + "</sup>" + markup(String(rest[exponentEnd...]))
    }

    /// An HTML-like table: header, then "value …" and "grad …" rows.
    private func card(for node: ComputationNode, isOutput: Bool) -> String {
        let palette = node.isInput ? DiagramStyle.input : (isOutput ? DiagramStyle.output : DiagramStyle.operation)
        let rows = [("value", node.value)] + (showsGradients ? [("grad", node.gradient)] : [])
        let body = rows.map { tag, number in
            "<tr><td align=\"left\"><font color=\"\(DiagramStyle.caption)\" point-size=\"11\">\(tag)</font></td>"
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

extension ComputationGraph {
    /// The identifier of the first node named `label`, if any.
    public func node(named label: String) -> Int? {
        nodes.first { $0.label == label }?.id
    }

    /// The part of the graph that computes `outputs`, cut at `boundary`: a boundary node keeps
    /// its value and gradient but is drawn as an input, its own operands left out. A graph too
    /// large to read in one picture is drawn in pieces this way (a layer, then the next).
    /// Identifiers are renumbered 0, 1, … in the original order.
    public func portion(computing outputs: [Int], from boundary: Set<Int> = []) -> ComputationGraph {
        var operands: [Int: [Int]] = [:]
        for edge in edges { operands[edge.to, default: []].append(edge.from) }
        var kept = Set<Int>()
        var pending = outputs
        while let id = pending.popLast() {
            guard kept.insert(id).inserted, !boundary.contains(id) else { continue }
            pending += operands[id] ?? []
        }
        let order = nodes.map(\.id).filter(kept.contains)
        let renumbered = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let portionNodes = order.map { id -> ComputationNode in
            var node = byID[id]!
            node.id = renumbered[id]!
            if boundary.contains(id) { node.operation = "" }
            return node
        }
        let portionEdges = edges.compactMap { edge -> (from: Int, to: Int)? in
            guard let from = renumbered[edge.from], let to = renumbered[edge.to], !boundary.contains(edge.to) else {
                return nil
            }
            return (from, to)
        }
        return ComputationGraph(nodes: portionNodes, edges: portionEdges)
    }
}

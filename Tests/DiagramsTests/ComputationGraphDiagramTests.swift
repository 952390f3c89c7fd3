// Computation-graph diagrams of the scalar tape, and number formatting.

import Diagrams
import Foundation
import NeuralCore
import Testing

@Suite("Computation graph diagrams")
struct ComputationGraphDiagramTests {
    /// L = tanh(w·x + b) with w = −3, x = 2, b = 6.88137…, chosen so that w·x + b = atanh(1/√2):
    /// L = 1/√2 ≈ 0.7071 and dL/d(w·x + b) = 1 − ½ = 0.5, hence dL/dw = 0.5·x = 1,
    /// dL/dx = 0.5·w = −1.5 and dL/db = 0.5.
    static func neuron() -> ComputationGraph {
        let w = Value(-3, label: "w"), x = Value(2, label: "x")
        let b = Value(atanh(1 / 2.0.squareRoot()) + 6, label: "b")
        let L = (w * x + b).named("n").tanh().named("L")
        L.backward()
        return L.computationGraph()
    }

    /// The DOT line of the node whose header shows `heading`.
    func card(_ source: String, heading: String) throws -> Substring {
        try #require(source.split(separator: "\n").first { $0.contains("<b>\(heading)</b>") && !$0.contains("->") })
    }

    func row(_ tag: String, _ number: String) -> String {
        "\(tag)</font></td><td align=\"right\">\(number)</td>"
    }

    @Test("each value shows its name or operation, forward value and gradient")
    func neuronCards() throws {
        let source = ComputationGraphDiagram(Self.neuron()).dotSource
        let w = try card(source, heading: "w")
        #expect(w.contains(row("value", "−3")) && w.contains(row("grad", "1")))
        let x = try card(source, heading: "x")
        #expect(x.contains(row("value", "2")) && x.contains(row("grad", "−1.5")))
        let b = try card(source, heading: "b")
        #expect(b.contains(row("value", "6.881")) && b.contains(row("grad", "0.5")))
        let product = try card(source, heading: "×")
        #expect(product.contains(row("value", "−6")) && product.contains(row("grad", "0.5")))
        let n = try card(source, heading: "n")
        #expect(n.contains("<b>n</b> = <b>+</b>"))
        #expect(n.contains(row("value", "0.8814")) && n.contains(row("grad", "0.5")))
        let L = try card(source, heading: "L")
        #expect(L.contains("<b>tanh</b>"))
        #expect(L.contains(row("value", "0.7071")) && L.contains(row("grad", "1")))
    }

    @Test("inputs are rounded cards, operations square ones with a coloured header")
    func shapes() throws {
        let source = ComputationGraphDiagram(Self.neuron()).dotSource
        for input in ["w", "x", "b"] {
            #expect(try card(source, heading: input).contains("style=\"rounded\""))
        }
        for operation in ["×", "n"] {
            let line = try card(source, heading: operation)
            #expect(!line.contains("style=\"rounded\""))
            #expect(line.contains(DiagramStyle.operation.fill))
        }
        #expect(try card(source, heading: "L").contains(DiagramStyle.output.fill))
    }

    @Test("edges run from operand to result, left to right")
    func edges() throws {
        let graph = Self.neuron()
        let source = ComputationGraphDiagram(graph).dotSource
        #expect(source.contains("rankdir=\"LR\""))
        let edges = source.split(separator: "\n").filter { $0.contains(" -> ") }
        #expect(edges.count == 5)
        for edge in graph.edges {
            #expect(source.contains("\"v\(edge.from)\" -> \"v\(edge.to)\";"))
        }
        #expect(source.split(separator: "\n").filter { $0.contains("[label=<<table") }.count == 6)
    }

    @Test("a forward-only picture leaves gradients out; text in labels is escaped")
    func options() throws {
        let a = Value(1, label: "a<b"), c = Value(2)
        let graph = (a * c).computationGraph()
        var diagram = ComputationGraphDiagram(graph)
        diagram.showsGradients = false
        let source = diagram.dotSource
        #expect(!source.contains(">grad<"))
        #expect(source.contains("<b>a&lt;b</b>"))
        #expect(source.contains("<b>constant</b>"))
        try GraphvizRenderer().layoutCheck(dot: source)
    }

    @Test("the operands of a subtraction are told apart by the sign on the subtrahend's edge, not by letters")
    func orderedOperands() throws {
        let p = Value(5, label: "p"), q = Value(3, label: "q")
        let d = (p - q).named("d")
        let graph = d.computationGraph()
        let source = ComputationGraphDiagram(graph).dotSource
        let pID = try #require(graph.nodes.first { $0.label == "p" }).id
        let qID = try #require(graph.nodes.first { $0.label == "q" }).id
        let dID = try #require(graph.nodes.first { $0.label == "d" }).id
        #expect(source.contains("\"v\(pID)\" -> \"v\(dID)\";"))
        #expect(source.contains("\"v\(qID)\" -> \"v\(dID)\" [headlabel=\"−\""))
        #expect(source.contains("<b>d</b> = <b>−</b>"))
        #expect(!source.contains("headlabel=\"a\"") && !source.contains("headlabel=\"b\""))
        // A name that already shows its operation stands alone in the header.
        let named = ComputationGraphDiagram((p - q).named("p − q").power(2).named("(p − q)²").computationGraph())
        #expect(named.dotSource.contains("<b>p − q</b></font>"))
        #expect(named.dotSource.contains("<b>(p − q)²</b></font>"))
        #expect(try card(source, heading: "d").contains(row("value", "2")))
    }

    /// A 27-node graph: six weighted inputs summed, a sigmoid, and a two-term loss.
    static func fortyNodeGraph() -> ComputationGraph {
        let inputs = (1...6).map { Value(Double($0) / 7, label: "x\($0)") }
        let weights = (1...6).map { Value(Double($0 % 3) - 1, label: "w\($0)") }
        let products = zip(inputs, weights).map { $0 * $1 }
        let z = Value.sum(products + [Value(0.1, label: "b")]).named("z")
        let a = z.sigmoid().named("a")
        let loss = ((a - 0.3).power(2) + (a.relu() * 2).exp().log()).named("C")
        loss.backward()
        return loss.computationGraph()
    }

    @Test("a graph cut at a node: the piece before it ends there, the piece after it starts from it as an input")
    func portions() throws {
        let graph = Self.fortyNodeGraph()
        let z = try #require(graph.node(named: "z"))
        let before = graph.portion(computing: [z])
        let after = graph.portion(computing: [graph.nodes.count - 1], from: [z])
        // 6 x, 6 w, 6 ×, b and z; then z (again, as an input) and everything after it.
        #expect(before.nodes.count == 20)
        #expect(before.nodes.count + after.nodes.count == graph.nodes.count + 1)
        let zAfter = try #require(after.nodes.first { $0.label == "z" })
        #expect(zAfter.isInput)
        #expect(zAfter.value == graph.nodes[z].value && zAfter.gradient == graph.nodes[z].gradient)
        #expect(!after.edges.contains { $0.to == zAfter.id })
        // Identifiers are positions again, and every edge joins two nodes of the piece.
        for piece in [before, after] {
            #expect(piece.nodes.map(\.id) == Array(piece.nodes.indices))
            #expect(
                piece.edges.allSatisfy { piece.nodes.indices.contains($0.from) && piece.nodes.indices.contains($0.to) })
        }
    }

    @Test("a forty-node graph drawn in two pieces renders legibly")
    func larger() throws {
        let graph = Self.fortyNodeGraph()
        #expect(graph.nodes.count >= 25)
        let z = try #require(graph.node(named: "z"))
        let whole = try GraphvizRenderer().legibility(of: ComputationGraphDiagram(graph).graph)
        #expect(whole.problem != nil, "in one picture it is too wide to read")
        for piece in [graph.portion(computing: [z]), graph.portion(computing: [graph.nodes.count - 1], from: [z])] {
            let png = try GraphvizRenderer().renderToBytes(ComputationGraphDiagram(piece).graph)
            #expect(try pngSize(png).width <= 1760)
            #expect(png.count < 400_000)
        }
    }
}

@Suite("Number formatting")
struct DiagramNumberTests {
    @Test("four significant digits, a true minus sign, no negative zero")
    func format() {
        #expect(DiagramNumber.format(0.881373587) == "0.8814")
        #expect(DiagramNumber.format(-0.31514) == "−0.3151")
        #expect(DiagramNumber.format(2.0) == "2")
        #expect(DiagramNumber.format(-0.0) == "0")
        #expect(DiagramNumber.format(123_456) == "1.235e5")
        #expect(DiagramNumber.format(0.000012345) == "1.234e−5" || DiagramNumber.format(0.000012345) == "1.235e−5")
        #expect(DiagramNumber.format(2.0 / 3, significantDigits: 2) == "0.67")
        #expect(DiagramNumber.subscripted(784) == "₇₈₄")
    }
}

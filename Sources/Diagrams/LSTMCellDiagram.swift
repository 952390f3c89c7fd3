// One LSTM cell drawn as its data flow: the four gates computed from [hₜ₋₁, xₜ], the cell state
// running straight through along the top with only a multiplication and an addition on it (the
// additive path of Eq. 8.3), and the output hₜ read from it through tanh and the output gate.
// `GRUCellDiagram` draws the GRU in the same visual language.

/// A diagram of one LSTM step (Eqs. 8.1–8.4).
///
/// ```swift
/// try LSTMCellDiagram().render(to: URL(fileURLWithPath: "out/lstm-cell.png"))
/// ```
public struct LSTMCellDiagram: Diagram, Sendable {
    /// A title above the drawing.
    public var title: String?
    /// Colour of the cell-state path cₜ₋₁ → ⊙ → + → cₜ.
    public var cellPathColour = GatedCellStyle.statePath

    public init(title: String? = "One LSTM step: the cell state cₜ₋₁ → cₜ runs straight through (red)") {
        self.title = title
    }

    public var graph: DOTGraph {
        var graph = GatedCellStyle.graph(name: "lstm_cell", title: title)
        typealias S = GatedCellStyle

        // Inputs, gates, operations, outputs.
        graph.add(S.value("cPrevious", "c<sub>t−1</sub>", DiagramStyle.input))
        graph.add(S.value("hPrevious", "h<sub>t−1</sub>", DiagramStyle.input))
        graph.add(S.value("x", "x<sub>t</sub>", DiagramStyle.input))
        graph.add(
            S.value(
                "z",
                "z<sub>t</sub> = U x<sub>t</sub> + W h<sub>t−1</sub> + b<br/>"
                    + S.note("one product, 4H rows"), DiagramStyle.operation))
        graph.add(S.gate("f", "forget", "f<sub>t</sub> = σ(z<sub>f</sub>)"))
        graph.add(S.gate("i", "input", "i<sub>t</sub> = σ(z<sub>i</sub>)"))
        graph.add(S.gate("g", "candidate", "g<sub>t</sub> = tanh(z<sub>g</sub>)"))
        graph.add(S.gate("o", "output", "o<sub>t</sub> = σ(z<sub>o</sub>)"))
        graph.add(S.operation("forgetProduct", "⊙"))
        graph.add(S.operation("inputProduct", "⊙"))
        graph.add(S.operation("sum", "+"))
        graph.add(S.operation("squash", "tanh", wide: true))
        graph.add(S.operation("outputProduct", "⊙"))
        graph.add(S.value("c", "c<sub>t</sub>", DiagramStyle.output))
        graph.add(S.value("h", "h<sub>t</sub>", DiagramStyle.output))

        // The additive cell path, drawn bold and coloured.
        let path: [DOTAttribute] = [.color(cellPathColour), .penWidth(2.6), .weight(8)]
        graph.connect("cPrevious", "forgetProduct", path)
        graph.connect("forgetProduct", "sum", path + [.label(.html(" f<sub>t</sub> ⊙ c<sub>t−1</sub>"))])
        graph.connect("sum", "c", path)

        graph.connect("hPrevious", "z")
        graph.connect("x", "z")
        for gateID in ["f", "i", "g", "o"] { graph.connect("z", gateID) }
        graph.connect("f", "forgetProduct")
        graph.connect("i", "inputProduct")
        graph.connect("g", "inputProduct")
        graph.connect("inputProduct", "sum", [.headLabel(.html("i<sub>t</sub> ⊙ g<sub>t</sub>")), .labelDistance(3.2)])
        graph.connect("sum", "squash")
        graph.connect("squash", "outputProduct")
        graph.connect("o", "outputProduct")
        graph.connect("outputProduct", "h")
        graph.add(S.nextStep(from: "h", to: "hPrevious", side: "s"))
        graph.add(S.nextStep(from: "c", to: "cPrevious", side: "n"))

        // Flat invisible edges fix the order inside a rank: the cell state on top.
        graph.keepOnSameRank(["cPrevious", "hPrevious", "x"])
        graph.order(["cPrevious", "hPrevious", "x"])
        graph.keepOnSameRank(["c", "h"])
        graph.order(["c", "h"])
        return graph
    }
}

/// A diagram of one GRU step (Eqs. 8.8–8.11) in the LSTM diagram's visual language: the state
/// hₜ₋₁ → hₜ runs straight through in red, met by the keep product (1 − zₜ) ⊙ hₜ₋₁ and the sum with
/// the written candidate zₜ ⊙ nₜ; the gates hang below it, fed by the two stacked products
/// pₜ = U xₜ + b and qₜ = W hₜ₋₁, with the reset gate applied after the recurrent product.
///
/// ```swift
/// try GRUCellDiagram().render(to: URL(fileURLWithPath: "out/gru-cell.png"))
/// ```
public struct GRUCellDiagram: Diagram, Sendable {
    public var title: String?
    /// Colour of the state path hₜ₋₁ → ⊙ → + → hₜ.
    public var statePathColour = GatedCellStyle.statePath

    public init(title: String? = "One GRU step: the state hₜ₋₁ → hₜ runs straight through (red)") {
        self.title = title
    }

    public var graph: DOTGraph {
        var graph = GatedCellStyle.graph(name: "gru_cell", title: title)
        typealias S = GatedCellStyle

        graph.add(S.value("hPrevious", "h<sub>t−1</sub>", DiagramStyle.input))
        graph.add(S.value("x", "x<sub>t</sub>", DiagramStyle.input))
        graph.add(
            S.value("q", "q<sub>t</sub> = W h<sub>t−1</sub><br/>" + S.note("3H rows: z, r, n"), DiagramStyle.operation))
        graph.add(
            S.value(
                "p", "p<sub>t</sub> = U x<sub>t</sub> + b<br/>" + S.note("3H rows: z, r, n"), DiagramStyle.operation))
        graph.add(S.gate("z", "update", "z<sub>t</sub> = σ(p<sub>z</sub> + q<sub>z</sub>)"))
        graph.add(S.gate("r", "reset", "r<sub>t</sub> = σ(p<sub>r</sub> + q<sub>r</sub>)"))
        graph.add(S.operation("resetProduct", "⊙"))
        graph.add(S.gate("n", "candidate", "n<sub>t</sub> = tanh(p<sub>n</sub> + r<sub>t</sub> ⊙ q<sub>n</sub>)"))
        graph.add(S.operation("complement", "1 −", wide: true))
        graph.add(S.operation("keepProduct", "⊙"))
        graph.add(S.operation("writeProduct", "⊙"))
        graph.add(S.operation("sum", "+"))
        graph.add(S.value("h", "h<sub>t</sub>", DiagramStyle.output))

        // The state path, bold and coloured, as the LSTM's cell state.
        let path: [DOTAttribute] = [.color(statePathColour), .penWidth(2.6), .weight(8)]
        graph.connect("hPrevious", "keepProduct", path)
        graph.connect("keepProduct", "sum", path)
        graph.connect("sum", "h", path)

        graph.connect("hPrevious", "q")
        graph.connect("x", "p")
        graph.connect("p", "z")
        graph.connect("q", "z")
        graph.connect("p", "r")
        graph.connect("q", "r")
        graph.connect("q", "resetProduct", [.label(.html("q<sub>n</sub>"))])
        graph.connect("r", "resetProduct")
        graph.connect("resetProduct", "n")
        graph.connect("p", "n", [.label(.html("p<sub>n</sub>"))])
        graph.connect("z", "complement")
        graph.connect("complement", "keepProduct")
        graph.connect("z", "writeProduct")
        graph.connect("n", "writeProduct")
        graph.connect("writeProduct", "sum", [.headLabel(.html("z<sub>t</sub> ⊙ n<sub>t</sub>")), .labelDistance(3.2)])
        graph.add(S.nextStep(from: "h", to: "hPrevious", side: "s"))

        graph.keepOnSameRank(["hPrevious", "x"])
        graph.order(["hPrevious", "x"])
        graph.keepOnSameRank(["q", "p"])
        graph.order(["q", "p"])
        return graph
    }
}

/// The shared look of the gated-cell diagrams: rounded value boxes, square gate boxes with the
/// gate's name over its equation, small round operation nodes, and the red state path.
public enum GatedCellStyle {
    /// Colour of the state path that carries the memory from step to step.
    public static let statePath = "#dc2626"

    static func graph(name: String, title: String?) -> DOTGraph {
        DOTGraph(
            name: name,
            graphAttributes: DiagramStyle.graphAttributes(title: title) + [
                .nodeSeparation(0.22), .rankSeparation(0.28), .splines(.curved),
            ],
            nodeDefaults: [.fontName(DiagramStyle.fontName), .fontSize(13), .margin(horizontal: 0.08, vertical: 0.04)],
            edgeDefaults: [
                .color(DiagramStyle.edge), .arrowSize(0.7), .fontName(DiagramStyle.fontName), .fontSize(12),
                .fontColor("#334155"),
            ])
    }

    /// A caption line in smaller grey type inside an HTML label.
    static func note(_ text: String) -> String {
        "<font point-size=\"11\" color=\"\(DiagramStyle.caption)\">\(HTML.escape(text))</font>"
    }

    static func value(_ id: String, _ markup: String, _ palette: DiagramStyle.Palette) -> DOTNode {
        DOTNode(
            id,
            [
                .label(.html(markup)), .shape(.box), .style(.filled, .rounded), .fillColor(palette.fill),
                .color(palette.outline), .fontColor(palette.text),
            ])
    }

    static func gate(_ id: String, _ name: String, _ equation: String) -> DOTNode {
        DOTNode(
            id,
            [
                .label(.html(note(name) + "<br/>" + equation)), .shape(.box), .style(.filled),
                .fillColor(DiagramStyle.hidden.fill), .color(DiagramStyle.hidden.outline),
                .fontColor(DiagramStyle.hidden.text),
            ])
    }

    /// A round operation node, wide enough for its symbol ("tanh" and "1 −" get an ellipse).
    static func operation(_ id: String, _ symbol: String, wide: Bool = false) -> DOTNode {
        DOTNode(
            id,
            [
                .label(symbol), .shape(wide ? .ellipse : .circle), .style(.filled),
                .fillColor(DiagramStyle.operation.fill), .color(DiagramStyle.operation.outline),
                .fontColor(DiagramStyle.operation.text), .width(wide ? 0.62 : 0.36), .height(0.36), .fixedSize(true),
            ])
    }

    /// The dashed arrow of a state becoming the next step's input.
    static func nextStep(from: String, to: String, side: String) -> DOTEdge {
        DOTEdge(
            from: from, to: to,
            [
                .style(.dashed), .constraint(false), .color("#94a3b8"), .fontColor("#64748b"),
                .label(" next step"), .tailPort(DOTPort(compass: side)), .headPort(DOTPort(compass: side)),
            ])
    }
}

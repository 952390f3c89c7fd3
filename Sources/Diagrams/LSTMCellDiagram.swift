// One LSTM cell drawn as its data flow: the four gates computed from [hₜ₋₁, xₜ], the cell state
// running straight through along the top with only a multiplication and an addition on it (the
// additive path of Eq. 8.3), and the output hₜ read from it through tanh and the output gate.

/// A diagram of one LSTM step (Eqs. 8.1–8.4).
///
/// ```swift
/// try LSTMCellDiagram().render(to: URL(fileURLWithPath: "out/lstm-cell.png"))
/// ```
public struct LSTMCellDiagram: Diagram, Sendable {
    /// A title above the drawing.
    public var title: String?
    /// Colour of the cell-state path cₜ₋₁ → ⊙ → + → cₜ.
    public var cellPathColour = "#dc2626"

    public init(title: String? = "One LSTM step: gates from [hₜ₋₁, xₜ], the cell state runs along the top") {
        self.title = title
    }

    public var graph: DOTGraph {
        var graph = DOTGraph(
            name: "lstm_cell",
            graphAttributes: DiagramStyle.graphAttributes(title: title) + [
                .nodeSeparation(0.35), .rankSeparation(0.45), .splines(.curved),
            ],
            nodeDefaults: [.fontName(DiagramStyle.fontName), .fontSize(13)],
            edgeDefaults: [.color(DiagramStyle.edge), .arrowSize(0.7), .fontName(DiagramStyle.fontName), .fontSize(12)])

        func value(_ id: String, _ label: String, _ palette: DiagramStyle.Palette) -> DOTNode {
            DOTNode(
                id,
                [
                    .label(label), .shape(.box), .style(.filled, .rounded), .fillColor(palette.fill),
                    .color(palette.outline), .fontColor(palette.text),
                ])
        }
        func gate(_ id: String, _ label: String) -> DOTNode {
            DOTNode(
                id,
                [
                    .label(label), .shape(.box), .style(.filled), .fillColor(DiagramStyle.hidden.fill),
                    .color(DiagramStyle.hidden.outline), .fontColor(DiagramStyle.hidden.text),
                ])
        }
        func operation(_ id: String, _ label: String) -> DOTNode {
            DOTNode(
                id,
                [
                    .label(label), .shape(.circle), .style(.filled), .fillColor(DiagramStyle.operation.fill),
                    .color(DiagramStyle.operation.outline), .fontColor(DiagramStyle.operation.text),
                    .width(0.42), .fixedSize(true),
                ])
        }

        // Inputs, gates, operations, outputs.
        graph.add(value("cPrevious", "cₜ₋₁", DiagramStyle.input))
        graph.add(value("hPrevious", "hₜ₋₁", DiagramStyle.input))
        graph.add(value("x", "xₜ", DiagramStyle.input))
        graph.add(value("z", "zₜ = U xₜ + W hₜ₋₁ + b\n(one product, 4H rows)", DiagramStyle.operation))
        graph.add(gate("f", "forget fₜ = σ(z_f)"))
        graph.add(gate("i", "input iₜ = σ(z_i)"))
        graph.add(gate("g", "candidate gₜ = tanh(z_g)"))
        graph.add(gate("o", "output oₜ = σ(z_o)"))
        graph.add(operation("forgetProduct", "⊙"))
        graph.add(operation("inputProduct", "⊙"))
        graph.add(operation("sum", "+"))
        graph.add(operation("squash", "tanh"))
        graph.add(operation("outputProduct", "⊙"))
        graph.add(value("c", "cₜ", DiagramStyle.output))
        graph.add(value("h", "hₜ", DiagramStyle.output))

        // The additive cell path, drawn bold and coloured.
        let path: [DOTAttribute] = [.color(cellPathColour), .penWidth(2.6)]
        graph.connect("cPrevious", "forgetProduct", path + [.weight(8)])
        graph.connect("forgetProduct", "sum", path + [.weight(8), .label(" fₜ ⊙ cₜ₋₁")])
        graph.connect("sum", "c", path + [.weight(8)])

        graph.connect("hPrevious", "z")
        graph.connect("x", "z")
        for gateID in ["f", "i", "g", "o"] { graph.connect("z", gateID) }
        graph.connect("f", "forgetProduct")
        graph.connect("i", "inputProduct")
        graph.connect("g", "inputProduct")
        graph.connect("inputProduct", "sum", [.label(" iₜ ⊙ gₜ")])
        graph.connect("sum", "squash")
        graph.connect("squash", "outputProduct")
        graph.connect("o", "outputProduct")
        graph.connect("outputProduct", "h")
        graph.connect("h", "hPrevious", [.style(.dashed), .constraint(false), .label("next step"), .color("#94a3b8")])

        graph.keepOnSameRank(["cPrevious", "hPrevious", "x"])
        graph.keepOnSameRank(["c", "h"])
        return graph
    }
}

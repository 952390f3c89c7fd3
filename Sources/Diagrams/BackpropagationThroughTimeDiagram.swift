// Backpropagation through time drawn on the unrolled network (Eqs. 7.4–7.5): the forward pass in
// thin grey arrows (x → h through U, h → h through W, h → ŷ through V), and the backward pass in
// red dashed arrows running the other way: from each loss Lₜ down to ŷₜ (ŷₜ − 𝟏_yₜ), through Vᵀ
// into hₜ, and from each step's δₜ₊₁ back through Wᵀ into the step before.

/// The unrolled recurrent network with the error δₜ flowing backwards (Eq. 7.5).
///
/// ```swift
/// try BackpropagationThroughTimeDiagram(steps: 4).render(to: URL(fileURLWithPath: "out/bptt.png"))
/// ```
public struct BackpropagationThroughTimeDiagram: Diagram, Sendable {
    /// Time steps drawn.
    public var steps: Int
    public var title: String?
    /// Colour of the backward pass.
    public var backwardColour = "#dc2626"

    public init(
        steps: Int, title: String? = "Backpropagation through time: δₜ flows back through Vᵀ and Wᵀ"
    ) {
        precondition(steps >= 1, "BackpropagationThroughTimeDiagram needs at least one step, got \(steps)")
        self.steps = steps
        self.title = title
    }

    public var graph: DOTGraph {
        var graph = DOTGraph(
            name: "bptt",
            graphAttributes: DiagramStyle.graphAttributes(
                title: title,
                subtitle:
                    "grey: the forward pass (U, W, V) · red, dashed: the backward pass, starting from δ\(subscriptDigits(steps + 1)) = 0"
            ))
        graph.graphAttributes = graph.graphAttributes.filter { $0.name != "rankdir" }
        graph.graphAttributes += [.rankDirection(.bottomToTop), .nodeSeparation(0.3), .rankSeparation(0.42)]
        graph.nodeDefaults = [.fontName(DiagramStyle.fontName), .fontSize(13), .style(.filled), .penWidth(1.2)]
        graph.edgeDefaults = [
            .color(DiagramStyle.edge), .penWidth(1), .arrowSize(0.6), .arrowHead(.vee),
            .fontName(DiagramStyle.fontName), .fontSize(12), .fontColor(DiagramStyle.caption),
        ]
        let backward: [DOTAttribute] = [
            .color(backwardColour), .fontColor(backwardColour), .style(.dashed), .penWidth(1.8), .arrowSize(0.7),
        ]
        func box(_ id: String, _ markup: String, _ palette: DiagramStyle.Palette, dashed: Bool = false) -> DOTNode {
            DOTNode(
                id,
                [
                    .label(.html(markup)), .shape(.box),
                    .style(dashed ? [.filled, .rounded, .dashed] : [.filled, .rounded]),
                    .fillColor(palette.fill), .color(palette.outline), .fontColor(dashed ? "#334155" : palette.text),
                    .margin(horizontal: 0.06, vertical: 0.03), .width(0.5), .height(0.4),
                ])
        }

        graph.add(
            DOTNode(
                "h0",
                [
                    .label("h₀"), .shape(.circle), .fillColor(DiagramStyle.inactive.fill),
                    .color(DiagramStyle.inactive.outline), .width(0.5), .fixedSize(true),
                ]))
        for t in 1...steps {
            let s = subscriptDigits(t)
            graph.add(box("x\(t)", "x\(s)", DiagramStyle.input))
            graph.add(
                DOTNode(
                    "h\(t)",
                    [
                        .label(.html("h\(s)<br/><font color=\"\(backwardColour)\">δ\(s)</font>")), .shape(.circle),
                        .fillColor(DiagramStyle.hidden.fill), .color(DiagramStyle.hidden.outline),
                        .fontColor(DiagramStyle.hidden.text), .width(0.62), .fixedSize(true),
                    ]))
            graph.add(box("o\(t)", "ŷ\(s)", DiagramStyle.output))
            graph.add(box("y\(t)", "y\(s)", DiagramStyle.inactive, dashed: true))
            graph.add(
                DOTNode(
                    "L\(t)",
                    [
                        .label("L\(s)"), .shape(.box), .style(.filled, .rounded), .fillColor("white"),
                        .color(DiagramStyle.output.outline), .fontColor(DiagramStyle.output.text),
                    ]))
            graph.keepOnSameRank(["o\(t)", "y\(t)"])

            // Forward.
            graph.connect("x\(t)", "h\(t)", [.label(" U")])
            graph.connect("h\(t)", "o\(t)", [.label(" V")])
            graph.connect("o\(t)", "L\(t)")
            graph.connect("y\(t)", "L\(t)", [.color(DiagramStyle.inactive.outline)])
            // Flat edges take external labels (see RecurrentNetworkDiagram).
            graph.connect("h\(t - 1)", "h\(t)")
            // Backward: the output error, then Vᵀ into hₜ, then Wᵀ into the step before.
            graph.connect(
                "o\(t)", "L\(t)", backward + [.init("dir", .text("back")), .label(.html(" ŷ\(s) − 𝟏<sub>y\(s)</sub>"))])
            graph.connect("h\(t)", "o\(t)", backward + [.init("dir", .text("back")), .label(" Vᵀ")])
            if t > 1 {
                graph.connect(
                    "h\(t - 1)", "h\(t)",
                    backward + [.init("dir", .text("back")), .externalLabel("Wᵀδ\(s)")])
            }
        }
        // The recursion starts from δ_{T+1} = 0: nothing arrives from the right of the last step.
        let end = "delta\(steps + 1)"
        graph.add(
            DOTNode(
                end,
                [
                    .label("δ\(subscriptDigits(steps + 1)) = 0"), .shape(.plaintext), .style(.solid),
                    .fontColor(backwardColour),
                ]))
        graph.keepOnSameRank(["h0"] + (1...steps).map { "h\($0)" } + [end])
        graph.order(["h0"] + (1...steps).map { "h\($0)" } + [end])
        return graph
    }
}

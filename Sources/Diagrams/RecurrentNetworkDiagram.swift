// A recurrent network drawn two ways side by side: folded (one cell with a loop through W) and
// unrolled in time (one copy of the cell per step, every copy sharing U, W and V). Inputs at the
// bottom, losses at the top, time running left to right.

import Foundation

/// The folded and the unrolled picture of a recurrent network with output and loss per step.
///
/// ```swift
/// try RecurrentNetworkDiagram(steps: 3, title: "A recurrent network, folded and unrolled")
///     .render(to: URL(fileURLWithPath: "out/rnn.png"))
/// ```
public struct RecurrentNetworkDiagram: Diagram, Sendable {
    /// Time steps drawn in the unrolled picture.
    public var steps: Int
    public var title: String?
    /// What the hidden node computes, shown under its name (e.g. "tanh(U x + W h + b)").
    public var cellCaption: String
    /// Names of the input, recurrent and output weights on the edges.
    public var weightNames: (input: String, recurrent: String, output: String) = ("U", "W", "V")
    /// Whether to draw the per-step losses Lₜ (each fed by its prediction ŷₜ and target yₜ) and
    /// their sum L.
    public var showsLoss = true

    public init(steps: Int, title: String? = nil, cellCaption: String = "tanh(U x + W h + b)") {
        precondition(steps >= 1, "RecurrentNetworkDiagram needs at least one step, got \(steps)")
        self.steps = steps
        self.title = title
        self.cellCaption = cellCaption
    }

    public var graph: DOTGraph {
        var graph = DOTGraph(name: "recurrent", graphAttributes: DiagramStyle.graphAttributes(title: title))
        graph.graphAttributes = graph.graphAttributes.filter { $0.name != "rankdir" }
        graph.graphAttributes += [.rankDirection(.topToBottom), .nodeSeparation(0.22), .rankSeparation(0.4)]
        graph.nodeDefaults = [
            .fontName(DiagramStyle.fontName), .fontSize(13), .style(.filled), .penWidth(1.2), .width(0.5), .height(0.4),
            .margin(horizontal: 0.06, vertical: 0.03),
        ]
        graph.edgeDefaults = [
            .color(DiagramStyle.edge), .penWidth(1.2), .arrowSize(0.7), .arrowHead(.vee),
            .fontName(DiagramStyle.fontName), .fontSize(12), .fontColor(DiagramStyle.caption),
        ]

        // Folded: one of each node, the recurrence a loop on h.
        var folded = DOTCluster(
            "folded",
            [
                .label("folded"), .style(.rounded, .filled), .fillColor(DiagramStyle.clusterFill),
                .color(DiagramStyle.clusterOutline), .fontColor(DiagramStyle.caption),
            ])
        folded.nodes = nodes(suffix: "", time: "ₜ", caption: true)
        graph.add(folded)
        // Ranks run from the loss (top) down to the input; every upward edge is declared from its
        // head to its tail and drawn backwards, so arrows point the way the computation flows.
        graph.connect("h", "x", [.label(" \(weightNames.input)"), .backwards])
        graph.connect(
            "h", "h",
            [.label(" \(weightNames.recurrent)"), .tailPort(DOTPort(compass: "e")), .headPort(DOTPort(compass: "e"))])
        graph.connect("o", "h", [.label(" \(weightNames.output)"), .backwards])
        if showsLoss {
            graph.connect("L", "o", [.backwards])
            graph.connect("L", "y", [.backwards, .color(DiagramStyle.inactive.outline)])
        }

        // Unrolled: h₀ then one column per step.
        var unrolled = DOTCluster(
            "unrolled",
            [
                .label(
                    "unrolled in time (the same \(weightNames.input), \(weightNames.recurrent), \(weightNames.output) at every step)"
                ),
                .style(.rounded, .filled), .fillColor(DiagramStyle.clusterFill), .color(DiagramStyle.clusterOutline),
                .fontColor(DiagramStyle.caption),
            ])
        unrolled.nodes.append(
            DOTNode(
                "h0",
                [
                    .label("h₀"), .shape(.circle), .fillColor(DiagramStyle.inactive.fill),
                    .color(DiagramStyle.inactive.outline), .width(0.6), .fixedSize(true),
                ]))
        for t in 1...steps {
            unrolled.nodes += nodes(suffix: "\(t)", time: subscriptDigits(t), caption: false)
        }
        if showsLoss {
            unrolled.nodes.append(
                DOTNode(
                    "Ltotal",
                    [
                        .label("L = Σₜ Lₜ"), .shape(.box), .style(.filled, .rounded),
                        .fillColor(DiagramStyle.output.fill),
                        .color(DiagramStyle.output.outline),
                    ]))
        }
        graph.add(unrolled)
        for t in 1...steps {
            graph.connect("h\(t)", "x\(t)", [.label(" \(weightNames.input)"), .backwards])
            // A flat edge (within one rank) takes an external label: Graphviz's dot layout mishandles
            // ordinary labels on flat edges inside clusters (a double free in flat_edges).
            graph.connect("h\(t - 1)", "h\(t)", [.externalLabel(weightNames.recurrent)])
            graph.connect("o\(t)", "h\(t)", [.label(" \(weightNames.output)"), .backwards])
            if showsLoss {
                graph.connect("L\(t)", "o\(t)", [.backwards])
                graph.connect("L\(t)", "y\(t)", [.backwards, .color(DiagramStyle.inactive.outline)])
                graph.connect("Ltotal", "L\(t)", [.color(DiagramStyle.inactive.outline), .backwards])
            }
        }
        // h₀ … h_T share a rank (inside one cluster, where Graphviz honours it).
        graph.clusters[1].sameRank = [["h0"] + (1...steps).map { "h\($0)" }]
        return graph
    }

    /// xₜ, hₜ, oₜ (and Lₜ) for one step; ids "x", "h", … plus `suffix`.
    private func nodes(suffix: String, time: String, caption: Bool) -> [DOTNode] {
        let hiddenLabel =
            caption
            ? DOTLabel.html(
                "h\(time)<br/><font point-size=\"11\" color=\"\(DiagramStyle.caption)\">\(HTML.escape(cellCaption))</font>"
            )
            : DOTLabel.plain("h\(time)")
        var list = [
            DOTNode(
                "x\(suffix)",
                [
                    .label("x\(time)"), .shape(.box), .style(.filled, .rounded), .fillColor(DiagramStyle.input.fill),
                    .color(DiagramStyle.input.outline),
                ]),
            DOTNode(
                "h\(suffix)",
                [
                    .label(hiddenLabel), .shape(caption ? .ellipse : .circle), .fillColor(DiagramStyle.hidden.fill),
                    .color(DiagramStyle.hidden.outline),
                ]
                    + (caption ? [] : [.width(0.6), .fixedSize(true)])),
            DOTNode(
                "o\(suffix)",
                [
                    .label("ŷ\(time)"), .shape(.box), .style(.filled, .rounded), .fillColor(DiagramStyle.output.fill),
                    .color(DiagramStyle.output.outline),
                ]),
        ]
        if showsLoss {
            list.append(
                DOTNode(
                    "L\(suffix)",
                    [
                        .label("L\(time)"), .shape(.box), .style(.filled, .rounded), .fillColor("white"),
                        .color(DiagramStyle.output.outline), .fontColor(DiagramStyle.output.text),
                    ]))
            list.append(
                DOTNode(
                    "y\(suffix)",
                    [
                        .label("y\(time)"), .shape(.box), .style(.filled, .rounded, .dashed),
                        .fillColor(DiagramStyle.inactive.fill), .color(DiagramStyle.inactive.outline),
                        .fontColor("#334155"),
                    ]))
        }
        return list
    }
}

/// 12 → "₁₂".
func subscriptDigits(_ n: Int) -> String {
    let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
}

extension DOTAttribute {
    /// Draws the edge from its head to its tail (dir=back).
    static var backwards: DOTAttribute { .init("dir", .text("back")) }
}

// A feed-forward network drawn the way textbooks draw it: one column of neurons per layer,
// left to right, every neuron connected to every neuron of the next layer. Layers larger than
// `collapseAbove` show their first few neurons, a "⋮" and their last one, so an MNIST-sized
// network stays readable.

import Foundation

/// A diagram of a fully connected feed-forward network.
///
/// ```swift
/// var perceptron = ArchitectureDiagram(layerSizes: [2, 1], activations: [nil, "step"])
/// perceptron.weights = [[[-2, -2]]]
/// perceptron.biases = [[3]]
/// try perceptron.render(to: URL(fileURLWithPath: "out/nand.png"))
///
/// let mnist = ArchitectureDiagram(layerSizes: [784, 30, 10], activations: [nil, "σ", "σ"])
/// print(mnist.dotSource)  // 784 inputs collapse to x₁, x₂, x₃, ⋮, x₇₈₄
/// ```
public struct ArchitectureDiagram: Diagram, Sendable {
    /// One layer: how many units, and how to caption it.
    public struct Layer: Sendable, Equatable {
        public var size: Int
        /// Caption such as "hidden layer"; a default is chosen from the layer's position.
        public var name: String?
        /// Activation shown in the caption, e.g. "σ" or "ReLU".
        public var activation: String?

        public init(size: Int, name: String? = nil, activation: String? = nil) {
            precondition(size > 0, "a layer needs at least one unit")
            self.size = size
            self.name = name
            self.activation = activation
        }
    }

    public var layers: [Layer]
    /// A title above the drawing.
    public var title: String?
    /// Which units are active, per layer (`false` draws a dropped unit greyed and dashed, with
    /// faded edges), e.g. a dropout mask. `nil` means every unit is active.
    public var activeUnits: [[Bool]]?
    /// Weights to show on edges (tiny networks only): `weights[l][j][k]` is the weight from
    /// unit k of layer l to unit j of layer l + 1, as in the rows of a weight matrix.
    public var weights: [[[Double]]]?
    /// Biases to show inside units: `biases[l][j]` belongs to unit j of layer l + 1.
    public var biases: [[Double]]?
    /// Layers with more units than this are drawn collapsed.
    public var collapseAbove = 10
    /// How many leading units a collapsed layer shows before the "⋮" (the last unit follows it).
    public var leadingUnitsWhenCollapsed = 3
    /// The subscript of the first output unit: 1 (y₁, y₂, …) by default, 0 when output j stands
    /// for class j, as the MNIST network's y₀…y₉ stand for the digits 0–9.
    public var firstOutputSubscript = 1
    /// Names written in the output units instead of y₁, y₂, … (e.g. the digits "0" … "9", so
    /// that each output reads as the class it stands for).
    public var outputNames: [String]?
    /// Whether edges end in arrowheads (a dense drawing reads left to right without them).
    public var arrowheads = true
    /// Colour of the edges between active units (a lighter one calms a fully connected drawing).
    public var edgeColour = DiagramStyle.edge
    /// Whether a named layer's caption also gives its size ("inputs" over "2 inputs"); off, a
    /// named layer shows its name and activation only.
    public var captionsShowSizes = true

    public init(layers: [Layer], title: String? = nil) {
        precondition(layers.count >= 2, "a network needs at least an input and an output layer")
        self.layers = layers
        self.title = title
    }

    /// A network from its layer sizes, with optional captions and activations per layer
    /// (`nil` entries take the defaults).
    public init(layerSizes: [Int], names: [String?]? = nil, activations: [String?]? = nil, title: String? = nil) {
        let layers = layerSizes.enumerated().map { index, size in
            Layer(size: size, name: names?[safe: index] ?? nil, activation: activations?[safe: index] ?? nil)
        }
        self.init(layers: layers, title: title)
    }

    /// The diagram as a `DOTGraph`. Positions are computed here and pinned (the neato engine
    /// keeps them), so every column lists its units in order, top to bottom, and the layer
    /// panels sit behind their units.
    public var graph: DOTGraph {
        // neato puts the title flush against the panels; a blank second line makes room.
        let heading = title.map { $0 + "\n " }
        var graph = DOTGraph(name: "network", graphAttributes: DiagramStyle.graphAttributes(title: heading))
        graph.graphAttributes += [
            .layoutEngine("neato"), .splines(.straight), .overlap("true"), .outputOrder("nodesfirst"),
        ]
        graph.nodeDefaults = [
            .shape(.circle), .style(.filled), .fontName(DiagramStyle.fontName), .fontSize(13),
            .width(unitSize), .height(unitSize), .fixedSize(true), .penWidth(1.4),
        ]
        graph.edgeDefaults = [
            .color(edgeColour), .penWidth(0.75), .arrowSize(0.6), .arrowHead(arrowheads ? .vee : .none),
            .fontName(DiagramStyle.fontName), .fontSize(12), .fontColor("#334155"),
        ]

        // Panels first, so that (drawn in declaration order) they lie beneath the units.
        let columns = columnCentres()
        for index in layers.indices {
            graph.add(panel(for: index, x: columns[index]))
        }
        for index in layers.indices {
            for node in units(of: index, x: columns[index]) { graph.add(node) }
        }
        for index in layers.indices.dropLast() {
            for tail in shownUnits(of: index) {
                for head in shownUnits(of: index + 1) {
                    graph.add(edge(from: (index, tail), to: (index + 1, head)))
                }
            }
        }
        return graph
    }

    // MARK: Geometry (inches)

    private var unitSize: Double { hasBiasLabels ? 0.78 : 0.5 }
    /// Distance between the centres of neighbouring units in a column.
    private var unitSpacing: Double { unitSize + 0.16 }
    /// Space left between neighbouring panels (wider when weights are written on the edges).
    private var panelGap: Double { hasWeightLabels ? 1.5 : 0.85 }
    private let captionLineHeight = 0.21
    private let panelPadding = 0.16

    /// Slots of a column: units, with the "⋮" just before the last unit of a collapsed layer.
    private func slots(of index: Int) -> [Int?] {
        let shown = shownUnits(of: index)
        guard isCollapsed(index) else { return shown }
        return shown.dropLast() + [nil, shown.last]
    }

    /// The vertical position of slot `position` in a column of `count` slots, centred on 0.
    private func slotY(_ position: Int, of count: Int) -> Double {
        (Double(count - 1) / 2 - Double(position)) * unitSpacing
    }

    private func captionLines(of index: Int) -> [Substring] {
        caption(of: index).split(separator: "\n")
    }

    /// Wide enough for the units and for the caption (about 0.11 inch per character at 13 pt).
    private func panelWidth(of index: Int) -> Double {
        let longest = captionLines(of: index).map(\.count).max() ?? 0
        return max(unitSize + 0.5, Double(longest) * 0.11 + 0.3)
    }

    private func columnCentres() -> [Double] {
        var centres: [Double] = [0]
        for index in layers.indices.dropFirst() {
            centres.append(centres[index - 1] + panelWidth(of: index - 1) / 2 + panelGap + panelWidth(of: index) / 2)
        }
        return centres
    }

    /// The rounded panel behind a layer, its caption at the top.
    private func panel(for index: Int, x: Double) -> DOTNode {
        let count = slots(of: index).count
        let captionHeight = Double(captionLines(of: index).count) * captionLineHeight + 0.12
        let top = slotY(0, of: count) + unitSize / 2 + panelPadding + captionHeight
        let bottom = slotY(count - 1, of: count) - unitSize / 2 - panelPadding
        return DOTNode(
            "layer\(index)",
            [
                .label(caption(of: index)), .shape(.box), .style(.filled, .rounded),
                .fillColor(DiagramStyle.clusterFill), .color(DiagramStyle.clusterOutline), .penWidth(1),
                .fontColor(DiagramStyle.caption), .labelLocation("t"), .margin(horizontal: 0.1, vertical: 0.1),
                .width(panelWidth(of: index)), .height(top - bottom),
                .position(xInches: x, yInches: (top + bottom) / 2),
            ])
    }

    /// The units of a layer (and its "⋮"), placed in a column.
    private func units(of index: Int, x: Double) -> [DOTNode] {
        let column = slots(of: index)
        return column.enumerated().map { position, unit in
            let place = DOTAttribute.position(xInches: x, yInches: slotY(position, of: column.count))
            guard let unit else {
                return DOTNode(
                    "L\(index)_more",
                    [
                        .label("⋮"), .shape(.plaintext), .style(.solid), .fontSize(20),
                        .fontColor(DiagramStyle.caption), place,
                    ])
            }
            var node = unitNode(layer: index, unit: unit)
            node.attributes.append(place)
            return node
        }
    }

    // MARK: Layers

    private var hasWeightLabels: Bool { weights != nil }
    private var hasBiasLabels: Bool { biases != nil }

    private enum Role { case input, hidden, output }

    private func role(of index: Int) -> Role {
        index == 0 ? .input : (index == layers.count - 1 ? .output : .hidden)
    }

    private func palette(of index: Int) -> DiagramStyle.Palette {
        switch role(of: index) {
        case .input: DiagramStyle.input
        case .hidden: DiagramStyle.hidden
        case .output: DiagramStyle.output
        }
    }

    /// Whether the layer is drawn collapsed.
    private func isCollapsed(_ index: Int) -> Bool { layers[index].size > collapseAbove }

    /// The unit indices drawn for a layer (all of them, or the first few and the last).
    private func shownUnits(of index: Int) -> [Int] {
        let size = layers[index].size
        guard isCollapsed(index) else { return Array(0..<size) }
        let leading = max(1, min(leadingUnitsWhenCollapsed, size - 1))
        return Array(0..<leading) + [size - 1]
    }

    private func isActive(layer: Int, unit: Int) -> Bool {
        activeUnits?[safe: layer]?[safe: unit] ?? true
    }

    private func nodeID(layer: Int, unit: Int) -> String { "L\(layer)_\(unit)" }

    /// The caption above a layer: its name, then its size and activation.
    private func caption(of index: Int) -> String {
        let layer = layers[index]
        let hiddenCount = layers.count - 2
        let name: String
        switch role(of: index) {
        case .input: name = layer.name ?? "input layer"
        case .output: name = layer.name ?? "output layer"
        case .hidden: name = layer.name ?? (hiddenCount > 1 ? "hidden layer \(index)" : "hidden layer")
        }
        let noun: String
        switch role(of: index) {
        case .input: noun = layer.size == 1 ? "input" : "inputs"
        case .hidden: noun = layer.size == 1 ? "unit" : "units"
        case .output: noun = layer.size == 1 ? "output" : "outputs"
        }
        if !captionsShowSizes, layer.name != nil {
            return name + (layer.activation.map { $0.isEmpty ? "" : " · " + $0 } ?? "")
        }
        var size = "\(layer.size) \(noun)"
        if let activation = layer.activation, !activation.isEmpty { size += " · \(activation)" }
        if let mask = activeUnits?[safe: index] {
            let dropped = mask.prefix(layer.size).filter { !$0 }.count
            if dropped > 0 { size += "\n\(dropped) dropped" }
        }
        return name + "\n" + size
    }

    /// The name written in a unit: x₁ for inputs, h₁ for hidden units, y₁ (or y, or y₀) for outputs.
    private func unitName(layer index: Int, unit: Int) -> String {
        let letter: String
        switch role(of: index) {
        case .input: letter = "x"
        case .hidden: letter = "h"
        case .output: letter = "y"
        }
        if role(of: index) == .output, let names = outputNames, let name = names[safe: unit] { return name }
        if role(of: index) == .output, layers[index].size == 1 { return letter }
        let base = role(of: index) == .output ? firstOutputSubscript : 1
        return letter + DiagramNumber.subscripted(unit + base)
    }

    private func unitNode(layer index: Int, unit: Int) -> DOTNode {
        let active = isActive(layer: index, unit: unit)
        let colors = active ? palette(of: index) : DiagramStyle.inactive
        var attributes: [DOTAttribute] = [
            .fillColor(colors.fill), .color(colors.outline), .fontColor(colors.text),
        ]
        let name = unitName(layer: index, unit: unit)
        if index > 0, let bias = biases?[safe: index - 1]?[safe: unit] {
            let markup =
                HTML.escape(name) + "<br/><font point-size=\"11\">b = "
                + HTML.escape(DiagramNumber.format(bias)) + "</font>"
            attributes.insert(.label(.html(markup)), at: 0)
        } else {
            attributes.insert(.label(name), at: 0)
        }
        if !active { attributes.append(.style(.filled, .dashed)) }
        return DOTNode(nodeID(layer: index, unit: unit), attributes)
    }

    private func edge(from tail: (layer: Int, unit: Int), to head: (layer: Int, unit: Int)) -> DOTEdge {
        var attributes: [DOTAttribute] = []
        if let weight = weights?[safe: tail.layer]?[safe: head.unit]?[safe: tail.unit] {
            attributes.append(.label(DiagramNumber.format(weight)))
        }
        if !isActive(layer: tail.layer, unit: tail.unit) || !isActive(layer: head.layer, unit: head.unit) {
            // Dropped units pass nothing on: their edges are faint, dashed and without arrows.
            attributes += [.color(DiagramStyle.fadedEdge + "80"), .style(.dashed), .arrowHead(.none)]
        }
        return DOTEdge(
            from: nodeID(layer: tail.layer, unit: tail.unit), to: nodeID(layer: head.layer, unit: head.unit),
            attributes)
    }
}

extension Array {
    /// The element at `index`, or nil when out of range.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

// The tensor shapes of a convolutional network stage by stage, as a table and as a Graphviz
// diagram.

import ChapterRunner
import Diagrams
import NeuralCore

/// One row of the shape table.
struct StageShape {
    var name: String
    var shape: String
    var parameters: Int
}

enum NetworkShapes {
    /// Input, every convolution, pooling, the flatten and the dense layers, with output shapes.
    static func stages(of network: Network) -> [StageShape] {
        let input = network.inputShape
        var rows = [
            StageShape(name: "input", shape: "\(input.channels)×\(input.height)×\(input.width)", parameters: 0)
        ]
        let stages = network.layers.compactMap { $0 as? ConvolutionStage }
        for (index, stage) in stages.enumerated() {
            let g = stage.convolution.geometry
            rows.append(
                StageShape(
                    name:
                        "conv \(index + 1): \(g.outputChannels) kernels \(g.kernelHeight)×\(g.kernelWidth)×\(g.inputChannels), \(stage.activation)",
                    shape: "\(g.outputChannels)×\(g.outputHeight)×\(g.outputWidth)", parameters: g.parameterCount))
            if let pooling = stage.pooling {
                let out = stage.outputMaps
                rows.append(
                    StageShape(name: "\(pooling)", shape: "\(out.channels)×\(out.height)×\(out.width)", parameters: 0))
            }
        }
        let dense = network.denseLayers
        rows.append(StageShape(name: "flatten", shape: "\(dense[0].inputs)", parameters: 0))
        for layer in dense {
            rows.append(
                StageShape(
                    name: "dense \(layer.outputs), \(layer.activation)", shape: "\(layer.outputs)",
                    parameters: layer.weights.count + layer.biases.count))
        }
        return rows
    }

    /// A top-to-bottom chain of boxes, one per stage, each with its output shape and parameter
    /// count; the title gives the total.
    static func diagram(_ stages: [StageShape], title: String) -> some Diagram {
        StageChain(stages: stages, title: title)
    }
}

/// The chain diagram.
struct StageChain: Diagram {
    var stages: [StageShape]
    var title: String

    var graph: DOTGraph {
        var graph = DOTGraph(
            name: "convnet",
            graphAttributes: [
                .rankDirection(.topToBottom), .fontName(DiagramStyle.fontName), .pad(0.25),
                .backgroundColor("white"), .labelLocation("t"), .fontSize(15),
                .label(
                    .html(
                        "<b>\(HTML.escape(title))</b><br/><font point-size=\"13\" color=\"\(DiagramStyle.caption)\">"
                            + "\(grouped(stages.map(\.parameters).reduce(0, +))) parameters in all</font><br/> ")),
                .rankSeparation(0.3),
            ],
            nodeDefaults: [
                .shape(.box), .style(.filled, .rounded), .fontName(DiagramStyle.fontName), .fontSize(12),
                .penWidth(1.3), .margin(horizontal: 0.2, vertical: 0.06), .width(4.2),
            ],
            edgeDefaults: [.color(DiagramStyle.edge), .arrowSize(0.7), .penWidth(1.2)])
        for (index, stage) in stages.enumerated() {
            let palette =
                index == 0 ? DiagramStyle.input : index == stages.count - 1 ? DiagramStyle.output : DiagramStyle.hidden
            let parameters = stage.parameters > 0 ? "\n\(grouped(stage.parameters)) parameters" : ""
            // The input box holds the image itself, not an output.
            let shape = index == 0 ? "\(stage.name) \(stage.shape)" : "\(stage.name)\noutput \(stage.shape)"
            graph.add(
                DOTNode(
                    "s\(index)",
                    [
                        .label(shape + parameters), .fillColor(palette.fill),
                        .color(palette.outline), .fontColor(palette.text),
                    ]))
            if index > 0 { graph.connect("s\(index - 1)", "s\(index)") }
        }
        return graph
    }
}

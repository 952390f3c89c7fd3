// Network architecture diagrams: collapsing large layers, wiring, dropout masks, weights.

import Diagrams
import Figures
import Foundation
import Testing

/// The DOT statement lines declaring units (node ids "L<layer>_<unit>", not edges).
func unitStatements(_ source: String, layer: Int) -> [Substring] {
    source.split(separator: "\n").filter {
        $0.hasPrefix("  \"L\(layer)_") && !$0.contains("->") && !$0.contains("_more")
    }
}

func edgeStatements(_ source: String) -> [Substring] {
    source.split(separator: "\n").filter { $0.contains(" -> ") }
}

/// The y coordinate (inches) of a pinned node in the DOT text.
func pinnedY(_ source: String, node: String) throws -> Double {
    let line = try #require(source.split(separator: "\n").first { $0.hasPrefix("  \"\(node)\" [") })
    let range = try #require(line.range(of: "pos=\""))
    let coordinates = line[range.upperBound...].prefix { $0 != "!" && $0 != "\"" }
    let parts = coordinates.split(separator: ",")
    return try #require(Double(String(parts[1])))
}

@Suite("Architecture diagrams")
struct ArchitectureDiagramTests {
    @Test("class outputs can be numbered from 0, so yⱼ is digit j")
    func outputsFromZero() {
        var diagram = ArchitectureDiagram(layerSizes: [4, 3, 10])
        #expect(unitStatements(diagram.dotSource, layer: 2).first?.contains("y₁") == true)
        diagram.firstOutputSubscript = 0
        let outputs = unitStatements(diagram.dotSource, layer: 2)
        #expect(outputs.first?.contains("y₀") == true)
        #expect(outputs.last?.contains("y₉") == true)
        #expect(unitStatements(diagram.dotSource, layer: 1).first?.contains("h₁") == true)
    }

    @Test("an MNIST-sized network collapses its large layers")
    func collapses() throws {
        let source = ArchitectureDiagram(layerSizes: [784, 30, 10], activations: [nil, "σ", "σ"]).dotSource
        #expect(source.contains("784 inputs"))
        #expect(source.contains("30 units · σ"))
        #expect(source.contains("10 outputs · σ"))
        #expect(source.contains("⋮"))
        // First three inputs and the last one; never 784 statements.
        let inputs = unitStatements(source, layer: 0)
        #expect(inputs.count == 4)
        #expect(inputs.last?.contains("x₇₈₄") == true)
        #expect(unitStatements(source, layer: 1).count == 4)
        #expect(unitStatements(source, layer: 2).count == 10)
        #expect(edgeStatements(source).count == 4 * 4 + 4 * 10)
        try GraphvizRenderer().layoutCheck(dot: source)
    }

    @Test("small layers are drawn in full, fully connected, in order top to bottom")
    func smallNetwork() throws {
        let source = ArchitectureDiagram(layerSizes: [2, 3, 1]).dotSource
        #expect(unitStatements(source, layer: 0).count == 2)
        #expect(unitStatements(source, layer: 1).count == 3)
        #expect(unitStatements(source, layer: 2).count == 1)
        #expect(edgeStatements(source).count == 2 * 3 + 3 * 1)
        #expect(!source.contains("⋮"))
        #expect(try pinnedY(source, node: "L1_0") > pinnedY(source, node: "L1_1"))
        #expect(try pinnedY(source, node: "L1_1") > pinnedY(source, node: "L1_2"))
        // Input, hidden and output units have different fills.
        let fills = [0, 1, 2].map { layer in
            unitStatements(source, layer: layer).first.map { line in
                line.split(separator: ",").first { $0.contains("fillcolor") }.map(String.init) ?? ""
            } ?? ""
        }
        #expect(Set(fills).count == 3)
    }

    @Test("dropped units are greyed and dashed, and their edges faded")
    func dropout() throws {
        var diagram = ArchitectureDiagram(layerSizes: [2, 3, 1])
        diagram.activeUnits = [[true, true], [true, false, true], [true]]
        let source = diagram.dotSource
        let dropped = try #require(unitStatements(source, layer: 1).first { $0.hasPrefix("  \"L1_1\"") })
        #expect(dropped.contains("dashed"))
        #expect(dropped.contains(DiagramStyle.inactive.fill))
        let kept = try #require(unitStatements(source, layer: 1).first { $0.hasPrefix("  \"L1_0\"") })
        #expect(!kept.contains("dashed"))
        let faded = edgeStatements(source).filter { $0.contains(DiagramStyle.fadedEdge) }
        #expect(faded.count == 3)  // two into the dropped unit, one out of it
        #expect(faded.allSatisfy { $0.contains("\"L1_1\"") })
        #expect(source.contains("1 dropped"))
    }

    @Test("a perceptron shows its weights on the edges and its bias in the unit")
    func perceptronWeights() throws {
        var diagram = ArchitectureDiagram(layerSizes: [2, 1], activations: [nil, "step"])
        diagram.weights = [[[-2, -2.5]]]
        diagram.biases = [[3]]
        let source = diagram.dotSource
        #expect(source.contains(#""L0_0" -> "L1_0" [label="−2"]"#))
        #expect(source.contains(#""L0_1" -> "L1_0" [label="−2.5"]"#))
        #expect(source.contains("b = 3"))
        #expect(source.contains("1 output · step"))
        let png = try GraphvizRenderer().renderToBytes(diagram.graph)
        #expect(try pngSize(png).width > 0)
    }

    @Test("layer names replace the default captions")
    func names() {
        let source = ArchitectureDiagram(layerSizes: [3, 2], names: ["pixels", nil]).dotSource
        #expect(source.contains("pixels\\n3 inputs"))
        #expect(source.contains("output layer\\n2 outputs"))
    }

    @Test("the rendered MNIST diagram is a PNG under 400 KB")
    func fileSize() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("mnist.png")
        try ArchitectureDiagram(layerSizes: [784, 30, 10], title: "MNIST").render(to: url, metadata: [("Chapter", "1")])
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(bytes.count < 400_000)
        #expect(try PNGText.entries(in: bytes).first?.text == "1")
    }
}

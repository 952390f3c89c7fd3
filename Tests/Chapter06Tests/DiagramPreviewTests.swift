// The chapter's architecture diagram, drawn without a chapter run: it must be legible on the page
// and name every layer with its parameter count. With $DIAGRAM_SAMPLES set the PNG is kept there
// for looking at; otherwise it goes to a temporary folder.

import Figures
import Foundation
import NeuralCore
import Testing

@testable import Chapter06

@Test("the architecture diagram is drawn for the page and states the network's 85,670 parameters")
func architectureDiagramIsLegible() throws {
    let folder =
        ProcessInfo.processInfo.environment["DIAGRAM_SAMPLES"].map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("chapter06-diagram-\(UUID().uuidString)")
    let url = folder.appendingPathComponent("conv-architecture.png")
    var generator = SeededGenerator(seed: 0)
    let network = convolutionalNetwork(height: 28, width: 28, classes: 10, dropout: false, using: &generator)
    #expect(network.parameterCount == 85_670)
    let diagram = NetworkShapes.diagram(
        NetworkShapes.stages(of: network), title: "The convolutional network of section 6.5 (MNIST)")
    try diagram.render(to: url)
    let bytes = try [UInt8](Data(contentsOf: url))
    let entries = try PNGText.entries(in: bytes)
    let width = try #require(entries.first { $0.keyword == "Display width" }.flatMap { Double($0.text) })
    let smallest = try #require(entries.first { $0.keyword == "Smallest text" }.flatMap { Double($0.text) })
    #expect(width <= Double(Legibility.maximumDisplayWidth))
    #expect(smallest >= Legibility.smallestReadableText)
}

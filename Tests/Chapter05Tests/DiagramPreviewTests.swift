// The chapter's dropout diagram, drawn without a chapter run: it must be legible on the page
// (880 px at most, text of at least 11 px), as its PNG metadata records. With $DIAGRAM_SAMPLES set
// the PNG is kept there for looking at; otherwise it goes to a temporary folder.

import Figures
import Foundation
import NeuralCore
import Testing

@testable import Chapter05

@Test("the dropout diagram is drawn for the page: at most 880 px wide, text at least 11 px, stored at 2×")
func dropoutDiagramIsLegible() throws {
    let folder =
        ProcessInfo.processInfo.environment["DIAGRAM_SAMPLES"].map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("chapter05-diagram-\(UUID().uuidString)")
    let url = folder.appendingPathComponent("dropout-network.png")
    var generator = SeededGenerator(seed: 42)
    let pattern = sampledDropoutPattern(sizes: DropoutSetup.diagramSizes, keep: 0.5, generator: &generator)
    try ChapterFigures.dropoutDiagram(
        sizes: DropoutSetup.diagramSizes, pattern: pattern, keep: 0.5, to: url, metadata: [])
    let bytes = try [UInt8](Data(contentsOf: url))
    let entries = try PNGText.entries(in: bytes)
    let width = try #require(entries.first { $0.keyword == "Display width" }.flatMap { Double($0.text) })
    let smallest = try #require(entries.first { $0.keyword == "Smallest text" }.flatMap { Double($0.text) })
    #expect(width <= Double(Legibility.maximumDisplayWidth))
    #expect(smallest >= Legibility.smallestReadableText)
    #expect(Double(try PNGImage(data: bytes).width) == width * Double(Legibility.density))
}

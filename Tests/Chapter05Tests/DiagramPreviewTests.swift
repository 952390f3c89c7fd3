// Writes the chapter's diagram to $DIAGRAM_SAMPLES for looking at, without a chapter run.

import Foundation
import NeuralCore
import Testing

@testable import Chapter05

@Test(
    "writes the dropout diagram for a visual check",
    .enabled(if: ProcessInfo.processInfo.environment["DIAGRAM_SAMPLES"] != nil))
func writeDropoutDiagram() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["DIAGRAM_SAMPLES"]!)
    var generator = SeededGenerator(seed: 42)
    let pattern = sampledDropoutPattern(sizes: DropoutSetup.diagramSizes, keep: 0.5, generator: &generator)
    try ChapterFigures.dropoutDiagram(
        sizes: DropoutSetup.diagramSizes, pattern: pattern, keep: 0.5,
        to: folder.appendingPathComponent("dropout-network.png"), metadata: [])
}

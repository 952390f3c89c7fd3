// Writes the chapter's diagram to $DIAGRAM_SAMPLES for looking at, without a chapter run.

import Foundation
import NeuralCore
import Testing

@testable import Chapter06

@Test(
    "writes the architecture diagram for a visual check",
    .enabled(if: ProcessInfo.processInfo.environment["DIAGRAM_SAMPLES"] != nil))
func writeArchitectureDiagram() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["DIAGRAM_SAMPLES"]!)
    var generator = SeededGenerator(seed: 0)
    let network = convolutionalNetwork(height: 28, width: 28, classes: 10, dropout: false, using: &generator)
    try NetworkShapes.diagram(
        NetworkShapes.stages(of: network), title: "The convolutional network of section 6.5 (MNIST)"
    )
    .render(to: folder.appendingPathComponent("conv-architecture.png"))
}

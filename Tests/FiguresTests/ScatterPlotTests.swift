import Foundation
import NeuralCore
import Testing
@testable import Figures

/// Two Gaussian blobs, labels 0 and 1, for scatter and region tests.
func twoBlobs(count: Int = 60, seed: UInt64 = 7) -> [LabelledPoint] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { index in
        let label = index % 2
        let centre = label == 0 ? (-1.0, -0.6) : (1.0, 0.8)
        return LabelledPoint(
            x: centre.0 + 0.55 * generator.gaussian(), y: centre.1 + 0.55 * generator.gaussian(), label: label)
    }
}

@Suite("Scatter plots")
struct ScatterPlotTests {
    @Test("a scatter plot with perceptron lines (older lighter) is written")
    func perceptronLines() throws {
        let history: [(Double, Double, Double)] = [
            (0.2, 1.0, 0.5), (0.8, 0.9, 0.2), (1.1, 0.7, -0.1), (1.3, 1.0, -0.15),
        ]
        let lines = history.enumerated().map { index, w in
            StraightLine(
                w1: w.0, w2: w.1, b: w.2, colour: .ink, alpha: 0.25 + 0.75 * Double(index) / Double(history.count - 1),
                label: index == history.count - 1 ? "final line" : (index == 0 ? "after update 1" : ""),
                dashed: index < history.count - 1)
        }
        let plot = ScatterPlot(
            title: "Perceptron decision line after each update", points: twoBlobs(),
            classNames: ["class 0 (y = −1)", "class 1 (y = +1)"], lines: lines)
        try writeAndCheck(plot, name: "scatter-perceptron.png")
    }

    @Test("a vertical line w2 = 0 has endpoints at x = −b/w1")
    func verticalLine() throws {
        let line = StraightLine(w1: 2, w2: 0, b: -1)
        let ends = try #require(line.endpoints(x: -3...3, y: -2...2))
        #expect(ends.0.0 == 0.5 && ends.1.0 == 0.5)
        #expect(ends.0.1 == -2 && ends.1.1 == 2)
    }
}

// Figures of gradient descent on one neuron's cost surface, and its computation graph.

import Diagrams
import Figures
import Foundation
import NeuralCore

enum DescentFigures {
    static let wRange = -4.0...4.0
    static let bRange = -4.0...4.0

    /// One colour per learning rate, the same in both figures, each visible on the viridis map.
    static func colour(_ index: Int) -> Colour {
        [Colour(hex: 0xD55E00), Colour(hex: 0x56B4E9), Colour(hex: 0xE69F00), Colour(hex: 0xCC79A7)][index % 4]
    }

    static func name(_ eta: Double) -> String {
        "η = \(eta == eta.rounded() ? String(Int(eta)) : String(eta))"
    }

    /// Eq. 2.8, 2.10 — contours of C(w, b) with one descent path per learning rate.
    static func surface(
        _ surface: QuadraticCostSurface, paths: [(eta: Double, path: [(w: Double, b: Double)])], to url: URL,
        metadata: [(String, String)]
    ) throws {
        var plot = ContourPlot(
            title: "Gradient descent on C(w, b) = (1/2n) Σ (y − σ(wx + b))²",
            function: { w, b in surface.cost(w: w, b: b) }, xRange: wRange, yRange: bRange)
        plot.xLabel = "weight w"
        plot.yLabel = "bias b"
        plot.filled = true
        plot.levels = .automatic(count: 14)
        plot.colourBarLabel = "cost C"
        plot.paths = paths.enumerated().map { index, entry in
            ContourPath(name: name(entry.eta), points: entry.path.map { (x: $0.w, y: $0.b) }, colour: colour(index))
        }
        try plot.write(to: url, metadata: metadata, width: 900, height: 680)
    }

    /// The cost along each path, step by step.
    static func costCurves(
        _ surface: QuadraticCostSurface, paths: [(eta: Double, path: [(w: Double, b: Double)])], to url: URL,
        metadata: [(String, String)]
    ) throws {
        let series = paths.enumerated().map { index, entry in
            LineSeries(
                name: name(entry.eta), ys: entry.path.map { surface.cost(w: $0.w, b: $0.b) }, colour: colour(index))
        }
        let plot = LinePlot(
            title: "Cost C(w, b) along each descent path", xLabel: "step", yLabel: "cost C", series: series)
        try plot.write(to: url, metadata: metadata)
    }

    /// The tape of one example's cost, each node with its forward value and gradient.
    static func graph(of cost: Value, to url: URL, metadata: [(String, String)]) throws {
        let diagram = ComputationGraphDiagram(
            cost.computationGraph(), title: "C = ½(a − y)², a = σ(wx + b): forward values and gradients ∂C/∂node")
        try diagram.render(to: url, metadata: metadata)
    }
}

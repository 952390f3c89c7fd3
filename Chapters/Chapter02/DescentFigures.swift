// Figures of gradient descent on one neuron's cost surface, and its computation graph.

import Diagrams
import Figures
import Foundation
import NeuralCore

enum DescentFigures {
    static let wRange = -4.0...4.0
    static let bRange = -4.0...4.0

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
        plot.paths = paths.map { eta, path in
            ContourPath(name: name(eta), points: path.map { (x: $0.w, y: $0.b) })
        }
        try plot.write(to: url, metadata: metadata, width: 900, height: 680)
    }

    /// The cost along each path, step by step.
    static func costCurves(
        _ surface: QuadraticCostSurface, paths: [(eta: Double, path: [(w: Double, b: Double)])], to url: URL,
        metadata: [(String, String)]
    ) throws {
        let series = paths.map { eta, path in
            LineSeries(name: name(eta), ys: path.map { surface.cost(w: $0.w, b: $0.b) })
        }
        let plot = LinePlot(title: "Cost C(w, b) along each descent path", xLabel: "step", yLabel: "cost C", series: series)
        try plot.write(to: url, metadata: metadata)
    }
}

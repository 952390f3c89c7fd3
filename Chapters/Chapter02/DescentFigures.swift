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
            function: { w, b in surface.cost(w: w, b: b) },
            xRange: covering(wRange, paths.flatMap { $0.path.map(\.w) }),
            yRange: covering(bRange, paths.flatMap { $0.path.map(\.b) }))
        plot.xLabel = "weight w"
        plot.yLabel = "bias b"
        plot.filled = true
        plot.levels = .automatic(count: 14)
        plot.colourBarLabel = "cost C"
        plot.paths = paths.enumerated().map { index, entry in
            ContourPath(name: name(entry.eta), points: entry.path.map { (x: $0.w, y: $0.b) }, colour: colour(index))
        }
        // The lowest point any run reached: where the notes' "lowest cost" sits on the surface.
        let ends = paths.compactMap(\.path.last)
        if let lowest = ends.min(by: { surface.cost(w: $0.w, b: $0.b) < surface.cost(w: $1.w, b: $1.b) }) {
            let cost = surface.cost(w: lowest.w, b: lowest.b)
            plot.marks = [ContourMark("lowest C = \(String(format: "%.4f", cost))", x: lowest.w, y: lowest.b)]
        }
        try plot.write(to: url, metadata: metadata, width: 880, height: 660)
    }

    /// The cost along each path, step by step.
    static func costCurves(
        _ surface: QuadraticCostSurface, paths: [(eta: Double, path: [(w: Double, b: Double)])], to url: URL,
        metadata: [(String, String)]
    ) throws {
        let costs = paths.map { entry in entry.path.map { surface.cost(w: $0.w, b: $0.b) } }
        let series = paths.enumerated().map { index, entry in
            LineSeries(name: name(entry.eta), ys: costs[index], colour: colour(index))
        }
        let all = LinePlot(title: "All steps", xLabel: "step", yLabel: "cost C", series: series)
        // The valley floor, where the story of the large rates is: markers show each step, so the
        // steps of the largest η that raise the cost stand out from the smooth runs under them.
        let lowest = costs.joined().min() ?? 0
        var floor = LinePlot(
            title: "Zoom on the valley floor (markers: every step)", xLabel: "step", yLabel: "cost C",
            series: paths.indices.map { index in
                LineSeries(name: name(paths[index].eta), ys: costs[index], colour: colour(index), markers: true)
            })
        floor.yRange = (lowest - 0.0005)...(lowest + 0.006)
        floor.xRange = 0...Double(costs.map(\.count).max() ?? 1)
        let figure = FigureGrid(
            title: "Cost C(w, b) along each descent path", columns: 2, panels: [all, floor], panelWidth: 440,
            panelHeight: 400)
        try figure.write(to: url, metadata: metadata)
    }

    /// The tape of one example's cost, each node with its forward value and gradient.
    static func graph(of cost: Value, to url: URL, metadata: [(String, String)]) throws {
        let diagram = ComputationGraphDiagram(
            cost.computationGraph(), title: "C = ½(a − y)², a = σ(wx + b): forward values and gradients ∂C/∂node")
        try diagram.render(to: url, metadata: metadata)
    }
}

/// `range` widened to whole numbers that hold every value (a path that leaves the usual window
/// stays on the figure).
private func covering(_ range: ClosedRange<Double>, _ values: [Double]) -> ClosedRange<Double> {
    let finite = values.filter(\.isFinite)
    let low = min(range.lowerBound, (finite.min() ?? range.lowerBound).rounded(.down))
    let high = max(range.upperBound, (finite.max() ?? range.upperBound).rounded(.up))
    return low...high
}

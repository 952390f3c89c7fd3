// The chapter's explanatory figures: a network thinned by dropout, histograms of hidden z under
// two initializations, and optimizer paths on Rosenbrock's function.

import ChapterRunner
import Diagrams
import Figures
import Foundation
import NeuralCore

extension ChapterFigures {
    /// Eq. 5.7 — a small network with one sampled dropout mask; dropped units are greyed.
    static func dropoutDiagram(
        sizes: [Int], pattern: [[Bool]], keep: Double, to url: URL, metadata: [(String, String)]
    ) throws {
        var diagram = ArchitectureDiagram(
            layerSizes: sizes, activations: [nil] + Array(repeating: "σ", count: sizes.count - 1),
            title:
                "One dropout mask, p = \(keep): greyed hidden units are dropped for this example,\n"
                + "the kept ones are scaled by 1/p = \(DiagramNumber.format(1 / keep))")
        diagram.activeUnits = pattern
        try diagram.render(to: url, metadata: metadata)
    }

    /// Eq. 5.8 — histograms of z = wx + b for N(0, 1) and N(0, 1/nᵢₙ) weights, each with bins of
    /// its own (the scaled z spread over a few units only).
    static func preActivationHistograms(
        _ samples: [(String, [Double])], dataset: String = "MNIST", to url: URL, metadata: [(String, String)]
    ) throws {
        let panels: [any Chart] = samples.enumerated().map { index, entry in
            let saturated = InitializationStudy.saturatedFraction(entry.1)
            // At least ±5, so the threshold |z| = 4 is inside every panel; bins of a width that
            // divides 4 (0.25 … 4), so that ±4 falls on bin edges and the dark bars are exactly |z| > 4.
            let largest = max(5, (entry.1.map(abs).max() ?? 1).rounded(.up))
            let width = [0.25, 0.5, 1, 2, 4].first { 2 * largest / $0 <= 64 } ?? 4
            let reach = (largest / width).rounded(.up) * width
            var histogram = Histogram(
                title: "\(figureLabel(entry.0)): \(formatted(100 * saturated, decimals: 1))% have |z| > 4",
                xLabel: "weighted input z of a hidden unit",
                datasets: [
                    HistogramData(name: "all z", values: entry.1, colour: initializationColour(index)),
                    HistogramData(
                        name: "|z| > 4", values: entry.1.filter { abs($0) > 4 },
                        colour: Colour(hex: 0x333333)),
                ],
                binCount: Int((2 * reach / width).rounded()))
            histogram.range = -reach...reach
            histogram.yLabel = "count (units × images)"
            histogram.legend = .topLeft
            return histogram
        }
        let grid = FigureGrid(
            title: "Hidden weighted inputs z on \(dataset): σ′(z) < 0.018 beyond |z| = 4", columns: 2,
            panels: panels, panelWidth: 440, panelHeight: 400)
        try grid.write(to: url, metadata: metadata)
    }

    /// The points of a path at least `spacing` apart (about one px at the figure's scale), with its
    /// first and last: the line looks the same, and the steps crawling along the valley floor no
    /// longer pile up thousands of dots.
    static func thinned(_ points: [(x: Double, y: Double)], spacing: Double) -> [(x: Double, y: Double)] {
        guard var last = points.first else { return [] }
        var kept = [last]
        for point in points.dropFirst().dropLast() {
            let dx = point.x - last.x
            let dy = point.y - last.y
            if (dx * dx + dy * dy).squareRoot() >= spacing {
                kept.append(point)
                last = point
            }
        }
        if points.count > 1, let end = points.last { kept.append(end) }
        return kept
    }

    /// Eq. 5.10–5.14 — one panel per optimizer: its path, in the optimizer's colour, over
    /// log-spaced contours of f, with the minimum (1, 1) ringed in black.
    static func optimizerPaths(
        _ paths: [(String, [(x: Double, y: Double)], Colour)], function: some TestFunction, resolution: Int = 160,
        to url: URL, metadata: [(String, String)]
    ) throws {
        let panels: [any Chart] = paths.map { name, points, colour in
            var plot = ContourPlot(
                title: name, function: { x, y in function.value(x, y) }, xRange: -2...2, yRange: -1...3,
                xLabel: "x", yLabel: "y")
            plot.levels = .logarithmic(count: 8)
            plot.resolution = resolution
            plot.filled = true
            // The minimum first, so that an end point on it is drawn on top.
            plot.paths = [
                ContourPath(name: "minimum (1, 1)", points: [(x: 1, y: 1)], colour: .black),
                ContourPath(name: name, points: thinned(points, spacing: 0.01), colour: colour),
            ]
            plot.legend = .hidden
            return plot
        }
        let grid = FigureGrid(
            title: "\(function.name), log-spaced contours: ○ start (−1.2, 1), ● end, black ring: minimum (1, 1)",
            columns: 3, panels: panels, panelWidth: 293, panelHeight: 280)
        try grid.write(to: url, metadata: metadata)
    }
}

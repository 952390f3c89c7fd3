// The chapter's explanatory figures: a network thinned by dropout, histograms of hidden z under
// two initializations, and optimizer paths on Rosenbrock's function.

import ChapterRunner
import Diagrams
import Figures
import Foundation
import NeuralCore

extension ChapterFigures {
    /// Eq. 5.5 — a small network with one sampled dropout mask; dropped units are greyed.
    static func dropoutDiagram(
        sizes: [Int], pattern: [[Bool]], keep: Double, to url: URL, metadata: [(String, String)]
    ) throws {
        var diagram = ArchitectureDiagram(
            layerSizes: sizes, activations: [nil] + Array(repeating: "σ", count: sizes.count - 1),
            title:
                "One dropout mask, p = \(keep): greyed hidden units are dropped for this mini-batch,\n"
                + "the kept ones are scaled by 1/p = \(DiagramNumber.format(1 / keep))")
        diagram.activeUnits = pattern
        try diagram.render(to: url, metadata: metadata)
    }

    /// Eq. 5.6 — histograms of z = wx + b for N(0, 1) and N(0, 1/n_in) weights, same bins.
    static func preActivationHistograms(
        _ samples: [(String, [Double])], to url: URL, metadata: [(String, String)]
    ) throws {
        let reach = (samples.flatMap(\.1).map(abs).max() ?? 1).rounded(.up)
        let panels: [any Chart] = samples.enumerated().map { index, entry in
            let saturated = InitializationStudy.saturatedFraction(entry.1)
            var histogram = Histogram(
                title: "weights \(entry.0): \(formatted(100 * saturated, decimals: 1))% have |z| > 4",
                xLabel: "weighted input z of a hidden unit",
                datasets: [HistogramData(name: entry.0, values: entry.1, colour: Palette.categorical(index))],
                binCount: 60)
            histogram.range = -reach...reach
            histogram.yLabel = "count (units × images)"
            histogram.legend = .hidden
            return histogram
        }
        let grid = FigureGrid(
            title: "Hidden weighted inputs z on MNIST images: σ′(z) < 0.018 beyond |z| = 4", columns: 2,
            panels: panels, panelWidth: 560, panelHeight: 420)
        try grid.write(to: url, metadata: metadata)
    }

    /// Eq. 5.8–5.12 — one panel per optimizer: its path over log-spaced contours of f.
    static func optimizerPaths(
        _ paths: [(String, [(x: Double, y: Double)])], function: some TestFunction, resolution: Int = 160,
        to url: URL, metadata: [(String, String)]
    ) throws {
        let panels: [any Chart] = paths.enumerated().map { index, entry in
            var plot = ContourPlot(
                title: entry.0, function: { x, y in function.value(x, y) }, xRange: -2...2, yRange: -1...3,
                xLabel: "x", yLabel: "y")
            plot.levels = .logarithmic(count: 12)
            plot.resolution = resolution
            plot.filled = true
            plot.colourBarLabel = "f(x, y)"
            plot.paths = [ContourPath(name: entry.0, points: entry.1, colour: Colour(hex: 0xD55E00))]
            plot.legend = .hidden
            return plot
        }
        let grid = FigureGrid(
            title: "\(function.name) f(x, y) = (1 − x)² + 100(y − x²)² from (−1.2, 1); minimum at (1, 1)",
            columns: 3, panels: panels, panelWidth: 440, panelHeight: 380)
        try grid.write(to: url, metadata: metadata)
    }
}

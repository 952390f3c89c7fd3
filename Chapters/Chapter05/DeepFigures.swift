// The figures of sections 5.8 and 5.9: per-layer speeds of learning (log scale), learning
// curves with and without batch normalization, and one hidden unit's input over training.
// Curves that share a panel differ in colour and in markers, so they read in grey too; a network
// keeps its colour (FigureColours), training costs are dashed and test accuracies solid.

import Figures
import Foundation
import NeuralCore

extension ChapterFigures {
    /// A distinct colour and marker choice for the index-th curve of a panel of layers or
    /// percentiles: steps along viridis (dark to light, so they read in grey too), markers on every
    /// other curve. Neither dashes (kept for training curves) nor the runs' colours.
    static func distinctStyle(_ index: Int) -> (colour: Colour, dashed: Bool, markers: Bool) {
        let positions = [0.0, 0.33, 0.62, 0.85]
        return (Colormap.viridis.colour(at: positions[index % positions.count]), false, index % 2 == 1)
    }

    /// Eq. 5.15–5.17 — the speeds at initialization against depth, then one panel per network
    /// with every hidden layer's speed against epochs, on one shared logarithmic scale.
    static func learningSpeeds(
        _ runs: [(DeepVariant, ObservedRun<[Double]>)], title: String, to url: URL, metadata: [(String, String)]
    ) throws {
        let all = runs.flatMap { $0.1.measurements.flatMap { $0 } }.filter { $0 > 0 && $0.isFinite }
        let range = logRange(all)
        let hidden = runs.first?.1.measurements.first?.count ?? 0
        var initial = LinePlot(
            title: "At initialization", xLabel: "hidden layer (1 = nearest the input)",
            yLabel: "‖δˡ‖, rms over images (log scale)",
            series: runs.map { variant, run in
                LineSeries(
                    name: figureLabel(variant.description), ys: run.measurements[0], xs: (1...hidden).map(Double.init),
                    colour: variantColour(variant), markers: true)
            }, yScale: .log10)
        initial.yRange = range
        initial.xWholeNumbers = true
        let panels: [any Chart] =
            [initial]
            + runs.map { variant, run in
                var plot = LinePlot(
                    title: "During training: \(figureLabel(variant.description))", xLabel: "epoch",
                    yLabel: "‖δˡ‖, rms over images (log scale)",
                    series: (0..<hidden).map { layer in
                        let style = distinctStyle(layer)
                        return LineSeries(
                            name: "layer \(layer + 1)", ys: run.measurements.map { $0[layer] }, xs: run.epochs,
                            colour: style.colour, dashed: style.dashed, markers: style.markers)
                    }, yScale: .log10)
                plot.yRange = range
                // The layers' legend once, in the last panel (the same styles in every panel).
                plot.legend = variant == runs.last?.0 ? .bottomRight : .hidden
                return plot
            }
        let grid = FigureGrid(title: title, columns: 2, panels: panels, panelWidth: 440, panelHeight: 360)
        try grid.write(to: url, metadata: metadata)
    }

    /// 5.9 — smoothed training cost and test accuracy of the plain and the batch-normalized run.
    static func batchNormLearning(
        _ runs: [(DeepVariant, ObservedRun<BatchNormMeasurement>)], learningRate: Double, batchesPerEpoch: Int,
        to url: URL, metadata: [(String, String)]
    ) throws {
        let window = max(1, batchesPerEpoch / 20)
        let costs = LinePlot(
            title: "Training cost, mean of \(window) mini-batches", xLabel: "epoch", yLabel: "cost (log scale)",
            series: runs.map { variant, run in
                let averages = InitializationStudy.windowAverages(run.batchCosts, size: window)
                return LineSeries(
                    name: label(variant), ys: averages,
                    xs: averages.indices.map { Double(($0 + 1) * window) / Double(batchesPerEpoch) },
                    colour: variantColour(variant), dashed: true)
            }, yScale: .log10)
        var accuracy = LinePlot(
            title: "Test accuracy", xLabel: "epoch", yLabel: "accuracy (%)",
            series: runs.map { variant, run in
                LineSeries(
                    name: label(variant), ys: run.measurements.map { 100 * $0.testAccuracy }, xs: run.epochs,
                    colour: variantColour(variant), markers: true)
            })
        accuracy.yRange = 0...100
        let grid = FigureGrid(
            title: "[784, 100, 100, 100, 10] sigmoid, η = \(rateText(learningRate)): with and without batch norm",
            columns: 2, panels: [costs, accuracy], panelWidth: 440, panelHeight: 360)
        try grid.write(to: url, metadata: metadata)
    }

    /// 5.9 — the 15th, 50th and 85th percentiles of one hidden unit's input to σ over the test
    /// images, against epochs, without and with batch normalization (Ioffe & Szegedy, Figure 1).
    static func batchNormPreActivations(
        _ runs: [(DeepVariant, ObservedRun<BatchNormMeasurement>)], unit: Int, layer: Int, to url: URL,
        metadata: [(String, String)]
    ) throws {
        let names = ["15th percentile", "median", "85th percentile"]
        let order = [1, 0, 2]  // the median solid in the first colour; the 15th dashed, the 85th with markers
        // One vertical scale for both panels, so their spreads compare at a glance.
        let all = runs.flatMap { $0.1.measurements.flatMap(\.percentiles) }.filter(\.isFinite)
        let range = Foundation.floor(all.min() ?? -1)...Foundation.ceil(all.max() ?? 1)
        let panels: [any Chart] = runs.map { variant, run in
            let last = run.measurements[run.measurements.count - 1].percentiles
            var plot = LinePlot(
                title: "\(label(variant)): 85th − 15th ends at \(String(format: "%.2f", last[2] - last[0]))",
                xLabel: "epoch", yLabel: "input to σ",
                series: (0..<3).map { k in
                    let style = distinctStyle(order[k])
                    return LineSeries(
                        name: names[k], ys: run.measurements.map { $0.percentiles[k] }, xs: run.epochs,
                        colour: style.colour, dashed: style.dashed, markers: style.markers)
                })
            plot.yRange = range
            // One legend, in the panel with batch norm, whose curves leave room for it.
            plot.legend = variant == .batchNorm ? .automatic : .hidden
            return plot
        }
        let grid = FigureGrid(
            title: "Input to σ of unit \(unit + 1) of hidden layer \(layer + 1) over the test images",
            columns: 2, panels: panels, panelWidth: 440, panelHeight: 360)
        try grid.write(to: url, metadata: metadata)
    }

    private static func label(_ variant: DeepVariant) -> String {
        variant == .batchNorm ? "with batch norm" : "without batch norm"
    }

    /// Whole decades around `values`, for a log axis shared by several panels.
    private static func logRange(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 1e-3...1 }
        return Foundation.pow(
            10, Foundation.floor(Foundation.log10(low)))...Foundation.pow(
                10, Foundation.ceil(Foundation.log10(high)))
    }

    private static func rateText(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}

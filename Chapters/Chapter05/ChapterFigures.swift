// The chapter's training figures: costs and accuracies per epoch, comparisons of runs, the
// full-data run with its schedule and update ratios, and smoothed learning curves.

import Figures
import Foundation
import NeuralCore

enum ChapterFigures {
    static let training = Colour(hex: 0x0072B2)
    static let test = Colour(hex: 0xD55E00)

    static func epochs(_ run: TrainingRun) -> [Double] { run.records.map { Double($0.epoch) } }

    /// Training cost and test cost of the unregularized small-set run, side by side.
    static func overfittingCosts(_ run: TrainingRun, to url: URL, metadata: [(String, String)]) throws {
        let xs = epochs(run)
        let trainingPlot = LinePlot(
            title: "Training cost keeps falling", xLabel: "epoch", yLabel: "cross-entropy cost",
            series: [
                LineSeries(name: "training", ys: run.records.map { $0.trainingCost ?? .nan }, xs: xs, colour: training)
            ])
        var testPlot = LinePlot(
            title: "Test cost turns upward", xLabel: "epoch", yLabel: "cross-entropy cost",
            series: [LineSeries(name: "test", ys: run.costs("test"), xs: xs, colour: test)])
        let costs = run.costs("test")
        if let lowest = costs.indices.min(by: { costs[$0] < costs[$1] }) {
            testPlot.references = [.vertical(xs[lowest], label: "lowest, epoch \(lowest + 1)")]
        }
        let grid = FigureGrid(
            title: "Overfitting: [784, 30, 10] trained on \(run.trainingCount) images, no regularization", columns: 2,
            panels: [trainingPlot, testPlot], panelWidth: 560, panelHeight: 420)
        try grid.write(to: url, metadata: metadata)
    }

    /// Training accuracy against test accuracy of the unregularized run.
    static func overfittingAccuracy(_ run: TrainingRun, to url: URL, metadata: [(String, String)]) throws {
        let xs = epochs(run)
        var plot = LinePlot(
            title: "Training accuracy reaches 100%, test accuracy stalls", xLabel: "epoch", yLabel: "accuracy (%)",
            series: [
                LineSeries(
                    name: "training images", ys: run.records.map { 100 * ($0.trainingAccuracy ?? .nan) }, xs: xs,
                    colour: training),
                LineSeries(name: "test images", ys: run.accuracies("test").map { 100 * $0 }, xs: xs, colour: test),
            ])
        plot.legend = .bottomRight
        try plot.write(to: url, metadata: metadata, width: 900, height: 560)
    }

    /// Test accuracy per epoch of several runs (training accuracy dashed when asked).
    static func comparison(
        _ runs: [(String, TrainingRun)], measure: String, showTraining: Bool = false, title: String, to url: URL,
        metadata: [(String, String)]
    ) throws {
        var series: [LineSeries] = []
        for (index, (name, run)) in runs.enumerated() {
            let colour = Palette.categorical(index)
            series.append(
                LineSeries(
                    name: "\(name): test", ys: run.accuracies(measure).map { 100 * $0 }, xs: epochs(run), colour: colour
                ))
            if showTraining {
                series.append(
                    LineSeries(
                        name: "\(name): training", ys: run.records.map { 100 * ($0.trainingAccuracy ?? .nan) },
                        xs: epochs(run), colour: colour, dashed: true))
            }
        }
        var plot = LinePlot(title: title, xLabel: "epoch", yLabel: "accuracy (%)", series: series)
        plot.legend = .bottomRight
        try plot.write(to: url, metadata: metadata, width: 900, height: 560)
    }

    /// Validation and test accuracy with the epochs where η was halved, and the update ratios.
    static func fullData(_ run: TrainingRun, halvings: [Int], to url: URL, metadata: [(String, String)]) throws {
        let xs = epochs(run)
        var accuracy = LinePlot(
            title: "Accuracy (dotted lines: η halved)", xLabel: "epoch", yLabel: "accuracy (%)",
            series: [
                LineSeries(
                    name: "validation", ys: run.accuracies("validation").map { 100 * $0 }, xs: xs, colour: training,
                    markers: true),
                LineSeries(
                    name: "test", ys: run.accuracies("test").map { 100 * $0 }, xs: xs, colour: test, markers: true),
            ])
        accuracy.references = halvings.map { .vertical(Double($0), label: "") }
        accuracy.legend = .bottomRight
        let layerNames = ["hidden weights w²", "output weights w³"]
        let layers = run.records.first?.updateRatios.count ?? 0
        var ratios = LinePlot(
            title: "Update ratio ‖Δw‖/‖w‖ (Eq. 5.13)", xLabel: "epoch", yLabel: "ratio (log scale)",
            series: (0..<layers).map { layer in
                LineSeries(
                    name: layer < layerNames.count ? layerNames[layer] : "layer \(layer + 1)",
                    ys: run.records.map { $0.updateRatios[layer] }, xs: xs, colour: Palette.categorical(layer + 2),
                    markers: true)
            }, yScale: .log10)
        ratios.yRange = 1e-5...1e-1
        let grid = FigureGrid(
            title: "[784, 100, 10], L2 λ = 5, on the full training set", columns: 2, panels: [accuracy, ratios],
            panelWidth: 560, panelHeight: 420)
        try grid.write(to: url, metadata: metadata)
    }

    /// Smoothed training cost against epochs (left) and test accuracy per epoch (right).
    static func learningCurves(
        _ runs: [(String, TrainingRun)], title: String, batchesPerEpoch: Int, to url: URL,
        metadata: [(String, String)]
    ) throws {
        let window = max(1, batchesPerEpoch / OptimizerSetup.pointsPerEpoch)
        var costs = LinePlot(
            title: "Training cost, mean of every \(window) mini-batches", xLabel: "epoch", yLabel: "cost (log scale)",
            series: runs.enumerated().map { index, entry in
                let averages = InitializationStudy.windowAverages(entry.1.batchCosts, size: window)
                return LineSeries(
                    name: entry.0, ys: averages,
                    xs: averages.indices.map { Double(($0 + 1) * window) / Double(batchesPerEpoch) },
                    colour: Palette.categorical(index))
            }, yScale: .log10)
        costs.xWholeNumbers = true
        var accuracy = LinePlot(
            title: "Test accuracy after each epoch", xLabel: "epoch", yLabel: "accuracy (%)",
            series: runs.enumerated().map { index, entry in
                LineSeries(
                    name: entry.0, ys: entry.1.accuracies("test").map { 100 * $0 }, xs: epochs(entry.1),
                    colour: Palette.categorical(index), markers: true)
            })
        accuracy.legend = .bottomRight
        accuracy.xWholeNumbers = true
        let grid = FigureGrid(
            title: title, columns: 2, panels: [costs, accuracy], panelWidth: 560, panelHeight: 420)
        try grid.write(to: url, metadata: metadata)
    }
}

// The chapter's training figures: costs and accuracies per epoch, comparisons of runs, the
// full-data run with its schedule and update ratios, and smoothed learning curves. Training
// curves are dashed, test and validation curves solid; a run keeps its colour (FigureColours).

import Figures
import Foundation
import NeuralCore

enum ChapterFigures {
    static func epochs(_ run: TrainingRun) -> [Double] { run.records.map { Double($0.epoch) } }

    /// A label as a figure prints it: subscripts instead of underscores ("1/nᵢₙ").
    static func figureLabel(_ text: String) -> String { text.replacingOccurrences(of: "n_in", with: "nᵢₙ") }

    /// The 1-based epoch of the lowest test cost of `run` (5.1's early-stopping point).
    static func lowestTestCostEpoch(_ run: TrainingRun) -> Int? {
        let costs = run.costs("test")
        return costs.indices.min(by: { costs[$0] < costs[$1] }).map { run.records[$0].epoch }
    }

    /// The dashed vertical line at the epoch of the lowest test cost, named in the legend (a label on
    /// the plot would be cut off when the lowest cost comes in the last epoch).
    static func lowestTestCostLine(_ run: TrainingRun) -> (lines: [ReferenceLine], legend: [LineSeries]) {
        guard let epoch = lowestTestCostEpoch(run) else { return ([], []) }
        return (
            [.vertical(Double(epoch), colour: marker)],
            [LineSeries(name: "lowest test cost, epoch \(epoch)", points: [], colour: marker, dashed: true)]
        )
    }

    /// Training cost (dashed) and test cost (solid) of the unregularized small-set run on one
    /// logarithmic axis, with the epoch of the lowest test cost.
    static func overfittingCosts(_ run: TrainingRun, to url: URL, metadata: [(String, String)]) throws {
        let xs = epochs(run)
        let trainingCosts = run.records.map { $0.trainingCost ?? .nan }
        let testCosts = run.costs("test")
        let ratio = (testCosts.last ?? .nan) / (trainingCosts.last ?? .nan)
        var plot = LinePlot(
            title: "Overfitting: \(run.sizes) on \(run.trainingCount) images, no regularization",
            xLabel: "epoch", yLabel: "cross-entropy cost (log scale)",
            series: [
                LineSeries(name: "training images", ys: trainingCosts, xs: xs, colour: unregularized, dashed: true),
                LineSeries(
                    name: "test images (last epoch: \(Int(ratio.rounded()))× training)", ys: testCosts, xs: xs,
                    colour: unregularized),
            ], yScale: .log10)
        let lowest = lowestTestCostLine(run)
        plot.references = lowest.lines
        plot.series += lowest.legend
        plot.legend = .bottomLeft
        plot.xWholeNumbers = true
        try plot.write(to: url, metadata: metadata)
    }

    /// Training accuracy (dashed) against test accuracy (solid) of the unregularized run.
    static func overfittingAccuracy(_ run: TrainingRun, to url: URL, metadata: [(String, String)]) throws {
        let xs = epochs(run)
        var plot = LinePlot(
            title: "Training accuracy reaches 100%, test accuracy stalls", xLabel: "epoch", yLabel: "accuracy (%)",
            series: [
                LineSeries(
                    name: "training images", ys: run.records.map { 100 * ($0.trainingAccuracy ?? .nan) }, xs: xs,
                    colour: unregularized, dashed: true),
                LineSeries(
                    name: "test images", ys: run.accuracies("test").map { 100 * $0 }, xs: xs, colour: unregularized),
            ])
        let lowest = lowestTestCostLine(run)
        plot.references = lowest.lines
        plot.series += lowest.legend
        plot.legend = .bottomRight
        plot.xWholeNumbers = true
        try plot.write(to: url, metadata: metadata)
    }

    /// Accuracy per epoch of several runs, each in its colour: training dashed and test solid on
    /// the left, test alone on a zoomed axis on the right (where the runs' gap lives).
    static func comparison(
        _ runs: [(String, TrainingRun, Colour)], measure: String, title: String, to url: URL,
        metadata: [(String, String)], references: [ReferenceLine] = []
    ) throws {
        var both: [LineSeries] = []
        var test: [LineSeries] = []
        for (name, run, colour) in runs {
            let xs = epochs(run)
            let accuracies = run.accuracies(measure).map { 100 * $0 }
            both.append(
                LineSeries(
                    name: "\(name): training", ys: run.records.map { 100 * ($0.trainingAccuracy ?? .nan) }, xs: xs,
                    colour: colour, dashed: true))
            both.append(LineSeries(name: "\(name): test", ys: accuracies, xs: xs, colour: colour))
            test.append(LineSeries(name: name, ys: accuracies, xs: xs, colour: colour))
        }
        // Said in the title when the training curves lie on each other (within 0.2 points) over the
        // last half of the epochs, as at 100%: one dashed line then stands for both.
        let trainingCurves = runs.map { entry in entry.1.records.map { 100 * ($0.trainingAccuracy ?? .nan) } }
        let overlap =
            trainingCurves.count > 1
            && trainingCurves.dropFirst().allSatisfy { other in
                zip(trainingCurves[0], other).suffix(other.count / 2).allSatisfy { abs($0 - $1) < 0.2 }
            }
        var all = LinePlot(
            title: overlap ? "Training (dashed, overlapping) and test" : "Training (dashed) and test (solid)",
            xLabel: "epoch", yLabel: "accuracy (%)", series: both)
        all.legend = .automatic
        all.xWholeNumbers = true
        all.references = references
        // The zoom: the test accuracies after the first quarter of the epochs, padded by half a point.
        let late = runs.flatMap { entry in
            let values = entry.1.accuracies(measure).map { 100 * $0 }
            return values.dropFirst(values.count / 4)
        }.filter(\.isFinite)
        var zoom = LinePlot(
            title: "Test accuracy, zoomed", xLabel: "epoch", yLabel: "test accuracy (%)", series: test)
        if let low = late.min(), let high = late.max() {
            zoom.yRange = (low - 0.5).rounded(.down)...(high + 0.5).rounded(.up)
        }
        zoom.legend = .automatic
        zoom.xWholeNumbers = true
        zoom.references = references
        let grid = FigureGrid(title: title, columns: 2, panels: [all, zoom], panelWidth: 440, panelHeight: 420)
        try grid.write(to: url, metadata: metadata)
    }

    /// Validation and test accuracy with the epochs where η was halved, and the update ratios.
    static func fullData(
        _ run: TrainingRun, halvings: [Int], title: String = "[784, 100, 10], L2 λ = 5, on the full training set",
        halvingSchedule: Bool = true, to url: URL, metadata: [(String, String)]
    ) throws {
        let xs = epochs(run)
        let halvingLines = halvings.map { ReferenceLine.vertical(Double($0), label: "", colour: marker) }
        var accuracy = LinePlot(
            title: halvingSchedule ? "Accuracy (dashed lines: η halved)" : "Accuracy (η constant)", xLabel: "epoch",
            yLabel: "accuracy (%)",
            series: [
                LineSeries(
                    name: "validation", ys: run.accuracies("validation").map { 100 * $0 }, xs: xs, colour: validation,
                    markers: true),
                LineSeries(
                    name: "test", ys: run.accuracies("test").map { 100 * $0 }, xs: xs, colour: l2, markers: true),
            ])
        accuracy.references = halvingLines
        accuracy.legend = .bottomRight
        accuracy.xWholeNumbers = true
        let layers = run.records.first?.updateRatios.count ?? 0
        // w² for the first hidden layer's weights, w^L for the output's, as in the notes.
        let superscripts = Array("⁰¹²³⁴⁵⁶⁷⁸⁹")
        let layerNames = (0..<layers).map { layer in
            (layer == layers - 1 ? "output weights w" : "hidden weights w")
                + String(String(layer + 2).map { superscripts[Int(String($0))!] })
        }
        let layerColours = (0..<layers).map { layer in
            layer == 0
                ? Colour(hex: 0x56B4E9) : layer == layers - 1 ? Colour(hex: 0x000000) : Palette.categorical(layer + 2)
        }
        var ratios = LinePlot(
            title: "Update ratio ‖Δw‖/‖w‖ (Eq. 5.5); 10⁻³ dashed", xLabel: "epoch", yLabel: "ratio (log scale)",
            series: (0..<layers).map { layer in
                LineSeries(
                    name: layer < layerNames.count ? layerNames[layer] : "layer \(layer + 1)",
                    ys: run.records.map { $0.updateRatios[layer] }, xs: xs,
                    colour: layer < layerColours.count ? layerColours[layer] : Palette.categorical(layer + 2),
                    markers: true)
            }, yScale: .log10)
        ratios.yRange = 1e-5...1e-1
        ratios.references = halvingLines + [.horizontal(1e-3, colour: marker)]
        ratios.xWholeNumbers = true
        let grid = FigureGrid(
            title: title, columns: 2, panels: [accuracy, ratios],
            panelWidth: 440, panelHeight: 420)
        try grid.write(to: url, metadata: metadata)
    }

    /// Smoothed training cost (dashed) against epochs, left, and test accuracy per epoch (solid,
    /// markers), right; each run in its colour, under its legend name.
    static func learningCurves(
        _ runs: [(String, TrainingRun, Colour)], title: String, batchesPerEpoch: Int, to url: URL,
        metadata: [(String, String)], note: String? = nil
    ) throws {
        let window = max(1, batchesPerEpoch / OptimizerSetup.pointsPerEpoch)
        var costs = LinePlot(
            title: "Training cost, mean of \(window) mini-batches", xLabel: "epoch", yLabel: "cost (log scale)",
            series: runs.map { name, run, colour in
                let averages = InitializationStudy.windowAverages(run.batchCosts, size: window)
                return LineSeries(
                    name: name, ys: averages,
                    xs: averages.indices.map { Double(($0 + 1) * window) / Double(batchesPerEpoch) },
                    colour: colour, dashed: true)
            }, yScale: .log10)
        costs.xWholeNumbers = true
        costs.legend = .topRight
        var accuracy = LinePlot(
            title: "Test accuracy after each epoch", xLabel: "epoch", yLabel: "test accuracy (%)",
            series: runs.map { name, run, colour in
                LineSeries(
                    name: name, ys: run.accuracies("test").map { 100 * $0 }, xs: epochs(run), colour: colour,
                    markers: true)
            })
        accuracy.legend = .hidden
        accuracy.xWholeNumbers = true
        if let note { accuracy.title = note }
        let grid = FigureGrid(
            title: title, columns: 2, panels: [costs, accuracy], panelWidth: 440, panelHeight: 420)
        try grid.write(to: url, metadata: metadata)
    }
}

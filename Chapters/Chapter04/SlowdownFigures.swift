// Figures of the slowdown experiment: cost against epoch for each start and cost, and the
// neuron's output for all four runs on one scale.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

enum SlowdownFigures {
    /// Quadratic in vermilion, cross-entropy in blue, in every figure of the chapter.
    static func colour(_ cost: NeuronCost) -> Colour {
        cost == .quadratic ? Colour(hex: 0xD55E00) : Colour(hex: 0x0072B2)
    }

    /// A 2 × 2 grid: rows are the starting points, columns the costs (Nielsen, ch. 3).
    static func costGrid(
        _ runs: [SlowdownRun], eta: Double = SlowdownSetting.eta, to url: URL, metadata: [(String, String)]
    ) throws {
        let panels: [any Chart] = runs.map { run in
            var plot = LinePlot(
                title: "\(run.cost.name) cost, start (w, b) = \(startName(run.start))", xLabel: "epoch",
                yLabel: "cost C",
                series: [LineSeries(name: "", ys: run.costs, colour: colour(run.cost))])
            plot.xRange = 0...Double(run.path.count - 1)
            plot.yRange = 0...(run.costs.max()! * 1.08)
            plot.legend = .hidden
            // The window the notes measure the first fall over.
            plot.references = [.vertical(Double(SlowdownSetting.comparedEpochs))]
            return plot
        }
        let grid = FigureGrid(
            title:
                "x = 1 → y = 0, η = \(formatted(eta, significant: 3)): the quadratic cost stalls when the neuron starts badly wrong (dashed: epoch 30)",
            columns: 2, panels: panels, panelWidth: 560, panelHeight: 380)
        try grid.write(to: url, metadata: metadata)
    }

    /// The output a over the epochs for all four runs.
    static func outputs(_ runs: [SlowdownRun], to url: URL, metadata: [(String, String)]) throws {
        let series = runs.map { run in
            LineSeries(
                name: "\(run.cost.name), from \(startName(run.start))",
                ys: run.path.map { $0.output(SlowdownSetting.x) }, colour: colour(run.cost),
                dashed: run.start == SlowdownSetting.starts[0])
        }
        var plot = LinePlot(
            title: "Output a = σ(w + b) while learning x = 1 → y = 0 (dots: a falls below ½)", xLabel: "epoch",
            yLabel: "output a", series: series, references: [.horizontal(0.5)])
        plot.yRange = 0...1
        plot.legend = .outsideRight
        // The epochs the notes quote: where each run's answer first turns right.
        plot.marks = runs.compactMap { run in
            firstEpoch(below: 0.5, in: run.path, x: SlowdownSetting.x).map { epoch in
                PointMark(
                    x: Double(epoch), y: run.path[epoch].output(SlowdownSetting.x), label: "\(epoch)",
                    colour: colour(run.cost), placement: run.cost == .quadratic ? .right : .below)
            }
        }
        try plot.write(to: url, metadata: metadata, width: 880, height: 480)
    }
}

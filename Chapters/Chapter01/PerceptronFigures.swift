// The figures of Chapter 01 that are plots: the perceptron rule at work, and XOR.

import Figures
import Foundation
import NeuralCore

enum PerceptronFigures {
    /// How many intermediate decision lines the learning figure draws at most.
    static let linesShown = 7

    static func points(_ data: PointDataset) -> [LabelledPoint] {
        (0..<data.count).map { i in
            let p = data.point(i)
            return LabelledPoint(x: p[0], y: p[1], label: data.labels[i])
        }
    }

    /// The data with the decision line w·x + b = 0 after successive updates, light to dark (Eq. 1.3).
    static func learning(
        data: PointDataset, training: PerceptronTraining, to url: URL, metadata: [(String, String)]
    ) throws {
        let updates = training.updates
        // Evenly spaced updates, always ending with the last one.
        let chosen = Array(Set((1...linesShown).map { max(1, $0 * updates / linesShown) })).sorted()
        var lines: [StraightLine] = []
        for (order, update) in chosen.enumerated() where update <= updates {
            let p = training.snapshots[update]
            let isLast = update == updates
            // Earlier lines yellow, later ones purple (viridis), each named in the legend.
            let position = 0.9 - 0.75 * Double(order) / Double(max(chosen.count - 1, 1))
            lines.append(
                StraightLine(
                    w1: p.weights[0], w2: p.weights[1], b: p.bias,
                    colour: isLast ? .ink : Colormap.viridis.colour(at: position), alpha: 1,
                    label: isLast ? "after update \(update) (final)" : "after update \(update)",
                    dashed: !isLast, lineWidth: isLast ? 2.5 : 1.6))
        }
        let plot = ScatterPlot(
            title: "The perceptron rule: decision line w·x + b = 0 after successive updates",
            points: points(data), classNames: ["class 0 (output 0)", "class 1 (output 1)"], lines: lines)
        try plot.write(to: url, metadata: metadata, width: 880, height: 620)
    }

    /// Left: the XOR points with the last line the rule tried. Right: mistakes per pass.
    static func xor(curves: [(TruthTable, [Int])], to url: URL, metadata: [(String, String)]) throws {
        let xorTraining = Perceptron.train(on: TruthTable.xor.dataset, maxEpochs: curves.first?.1.count ?? 12)
        let last = xorTraining.final
        var scatter = ScatterPlot(
            title: "XOR: no line separates the classes",
            points: points(TruthTable.xor.dataset), classNames: ["XOR = 0", "XOR = 1"],
            lines: [
                StraightLine(
                    w1: last.weights[0], w2: last.weights[1], b: last.bias, colour: .ink,
                    label: "line after \(xorTraining.mistakesPerEpoch.count) passes", dashed: true)
            ])
        scatter.xRange = -0.5...1.5
        scatter.yRange = -0.5...1.5
        // AND and NAND make the same mistakes from the second pass on: drawn a little apart (and
        // said so in the legend), or one would hide the other.
        let offsets: [TruthTable: Double] = [.and: -0.1, .nand: 0.1]
        let series = curves.map { table, mistakes in
            let offset = offsets[table] ?? 0
            let shift =
                offset == 0 ? "" : String(format: " (drawn %+.1f)", offset).replacingOccurrences(of: "-", with: "−")
            return LineSeries(
                name: table.rawValue + shift, ys: mistakes.map { Double($0) + offset },
                xs: mistakes.indices.map { Double($0 + 1) }, dashed: table != .xor, markers: true)
        }
        var mistakes = LinePlot(
            title: "Mistakes per pass of the perceptron rule", xLabel: "pass over the four rows", yLabel: "mistakes",
            series: series)
        mistakes.yRange = -0.2...4.2
        mistakes.yWholeNumbers = true
        mistakes.xWholeNumbers = true
        let figure = FigureGrid(
            title: "A single perceptron cannot learn XOR", columns: 2, panels: [scatter, mistakes], panelWidth: 440,
            panelHeight: 400)
        try figure.write(to: url, metadata: metadata)
    }
}

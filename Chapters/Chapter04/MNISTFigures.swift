// Figures of section 4.6: test accuracy per epoch for every run, and a confusion matrix.

import Figures
import Foundation
import NeuralCore

enum MNISTFigures {
    static func colour(_ setup: MNISTSetup) -> Colour {
        switch setup.key {
        case MNISTSetup.quadratic30.key: Colour(hex: 0xD55E00)
        case MNISTSetup.quadratic30Slow.key: Colour(hex: 0xE69F00)
        case MNISTSetup.logLikelihood30.key, MNISTSetup.logLikelihood100.key: Colour(hex: 0x009E73)
        default:
            // The same roles under changed hidden sizes or rates; the extra runs of --cost in purple.
            if setup.cost is QuadraticCost, setup.output == .sigmoid {
                setup.key.contains("-eta") ? Colour(hex: 0xE69F00) : Colour(hex: 0xD55E00)
            } else if setup.cost is CrossEntropyCost, setup.output == .sigmoid {
                Colour(hex: 0x0072B2)
            } else if setup.cost is LogLikelihoodCost {
                Colour(hex: 0x009E73)
            } else {
                Colour(hex: 0xCC79A7)
            }
        }
    }

    /// Two panels, one per network size, test accuracy (%) against epoch.
    static func learningCurves(
        _ runs: [MNISTRun], hidden sizes: [Int] = [30, 100], dataset: String = "MNIST", to url: URL,
        metadata: [(String, String)]
    ) throws {
        let panels: [any Chart] = sizes.map { hidden in
            let members = runs.filter { $0.setup.sizes == [784, hidden, 10] }
            let series = members.map { run in
                LineSeries(
                    name: run.setup.label.replacingOccurrences(of: "[784,\(hidden),10] ", with: ""),
                    ys: run.accuracies.map { 100 * $0 }, xs: run.accuracies.indices.map { Double($0 + 1) },
                    colour: colour(run.setup), markers: run.accuracies.count <= 40)
            }
            let all = members.flatMap(\.accuracies).map { 100 * $0 }
            var plot = LinePlot(
                title: "[784, \(hidden), 10]", xLabel: "epoch", yLabel: "test accuracy (%)", series: series)
            plot.yRange = (all.min()! - 0.5).rounded(.down)...min(100, (all.max()! + 0.5).rounded(.up))
            plot.legend = .bottomRight
            return plot
        }
        let grid = FigureGrid(
            title: "\(dataset) test accuracy per epoch: quadratic cost against cross-entropy and log-likelihood",
            columns: 2, panels: panels, panelWidth: 640, panelHeight: 480)
        try grid.write(to: url, metadata: metadata)
    }

    /// Rows true class, columns predicted; colours for the mistakes, the diagonal grey.
    static func confusion(
        _ counts: [[Int]], classNames: [String], network: String = "[784,100,10]", fashion: Bool = false, to url: URL,
        metadata: [(String, String)]
    ) throws {
        let offDiagonal = counts.indices.flatMap { i in counts.indices.filter { $0 != i }.map { counts[i][$0] } }
        // The scale spans the mistakes only; the correct answers on the diagonal are grey.
        let cap = Double(max(offDiagonal.max() ?? 1, 1))
        var map = HeatMap(
            title: "Test-set confusion matrix, \(network) cross-entropy",
            values: counts.map { $0.map(Double.init) }, rowLabels: classNames, columnLabels: classNames)
        map.xLabel = fashion ? "predicted class" : "predicted digit"
        map.yLabel = fashion ? "true class" : "true digit"
        map.range = 0...cap
        map.decimals = 0
        map.showValues = true
        map.neutralDiagonal = true
        map.blankZeros = true
        map.colourBarLabel = "mistakes (the grey diagonal: correct answers)"
        try map.write(to: url, metadata: metadata, width: 820, height: 760)
    }
}

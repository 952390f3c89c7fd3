// Plots of the activation functions of Chapter 02 and of their derivatives.

import Figures
import Foundation
import NeuralCore

enum ActivationFigures {
    static let zs = stride(from: -5.0, through: 5.0, by: 0.02).map { $0 }

    static func series(_ f: (Activation) -> (Double) -> Double) -> [LineSeries] {
        chapterActivations.enumerated().map { index, entry in
            // The step is drawn as two pieces so the jump at 0 is not a sloping line.
            if entry.activation == .step {
                let left = zs.filter { $0 <= 0 }
                let right = zs.filter { $0 > 0 }
                let values = left.map { _ in f(.step)(-1) } + [.nan] + right.map { _ in f(.step)(1) }
                return LineSeries(name: entry.name, ys: values, xs: left + [0] + right, dashed: true)
            }
            // Leaky ReLU equals ReLU for z > 0: dashed on top, so the solid ReLU shows through.
            if case .leakyReLU = entry.activation {
                return LineSeries(
                    name: "\(entry.name), dashed: = ReLU for z > 0", ys: zs.map(f(entry.activation)), xs: zs,
                    dashed: true)
            }
            return LineSeries(name: entry.name, ys: zs.map(f(entry.activation)), xs: zs)
        }
    }

    /// Eq. 2.1–2.4 — the functions.
    static func functions(to url: URL, metadata: [(String, String)]) throws {
        var plot = LinePlot(
            title: "Activation functions a = f(z)", xLabel: "weighted input z", yLabel: "activation a",
            series: series { activation in activation.value })
        plot.yRange = -1.2...3.2
        plot.legend = .topLeft
        try plot.write(to: url, metadata: metadata)
    }

    /// Eq. 2.5–2.6 — the derivatives, with σ′'s maximum 1/4 marked.
    static func derivatives(to url: URL, metadata: [(String, String)]) throws {
        var plot = LinePlot(
            title: "Derivatives f′(z): σ′ = σ(1 − σ) never exceeds 1/4", xLabel: "weighted input z",
            yLabel: "derivative f′(z)",
            series: series { activation in activation.derivative },
            references: [.horizontal(0.25, label: "σ′(0) = 1/4")])
        plot.yRange = -0.1...1.15
        plot.legend = .topLeft
        try plot.write(to: url, metadata: metadata)
    }
}

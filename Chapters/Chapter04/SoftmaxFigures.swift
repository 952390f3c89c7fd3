// The softmax outputs as one logit varies, and as a temperature scales all of them.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

enum SoftmaxFigures {
    /// Eq. 4.4 — left: a(z₁, 1, 0, −1) against z₁; right: softmax(z / T) of the example logits against T.
    static func outputs(to url: URL, metadata: [(String, String)]) throws {
        let z1s = stride(from: -5.0, through: 5.0, by: 0.05).map { $0 }
        let others = [1.0, 0.0, -1.0]
        let byLogit = z1s.map { Softmax.apply(Matrix(column: [$0] + others)).elements }
        var left = LinePlot(
            title: "z = (z₁, 1, 0, −1): a₁ rises with z₁, the rest fall", xLabel: "logit z₁",
            yLabel: "softmax output aⱼ",
            series: (0..<4).map { j in
                LineSeries(
                    name: j == 0
                        ? "a₁"
                        : "a\(["₂", "₃", "₄"][j - 1]) (z = \(formatted(others[j - 1], decimals: 0).replacingOccurrences(of: "-", with: "−")))",
                    ys: byLogit.map { $0[j] }, xs: z1s)
            })
        left.yRange = 0...1
        left.legend = .topLeft

        let temperatures = stride(from: 0.1, through: 5.0, by: 0.025).map { $0 }
        let byTemperature = temperatures.map { t in Softmax.apply(Matrix(column: exampleLogits.map { $0 / t })).elements
        }
        var right = LinePlot(
            title: "z = (2, 1, 0.1, −1) / T: low T sharpens, high T flattens", xLabel: "temperature T",
            yLabel: "softmax output aⱼ",
            series: (0..<4).map { j in
                LineSeries(
                    name:
                        "a\(["₁", "₂", "₃", "₄"][j]) (z = \(formatted(exampleLogits[j], decimals: 1).replacingOccurrences(of: "-", with: "−")))",
                    ys: byTemperature.map { $0[j] }, xs: temperatures)
            },
            references: [.horizontal(0.25, label: "uniform ¼"), .vertical(1, label: "T = 1")])
        right.yRange = 0...1
        right.legend = .topRight
        let grid = FigureGrid(
            title: "Softmax (Eq. 4.4): positive outputs that sum to one", columns: 2, panels: [left, right],
            panelWidth: 440, panelHeight: 360)
        try grid.write(to: url, metadata: metadata)
    }
}

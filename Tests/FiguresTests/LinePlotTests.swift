import Foundation
import Testing
@testable import Figures

@Suite("Line plots")
struct LinePlotTests {
    static func sigmoidPlot() -> LinePlot {
        let xs = stride(from: -6.0, through: 6.0, by: 0.05).map { $0 }
        let sigma = xs.map { 1 / (1 + exp(-$0)) }
        let derivative = sigma.map { $0 * (1 - $0) }
        var plot = LinePlot(title: "The sigmoid and its derivative", xLabel: "z", yLabel: "value")
        plot.series = [
            LineSeries(name: "σ(z)", ys: sigma, xs: xs),
            LineSeries(name: "σ′(z) = σ(z)(1 − σ(z))", ys: derivative, xs: xs, dashed: true),
        ]
        plot.references = [.horizontal(0.25, label: "σ′ max = 1/4"), .vertical(0, label: "z = 0")]
        return plot
    }

    @Test("a line plot with references is written, lean and non-blank")
    func linePlot() throws {
        try writeAndCheck(Self.sigmoidPlot(), name: "line-sigmoid.png")
    }

    @Test("a log-scaled loss curve with markers is written")
    func logLoss() throws {
        var plot = LinePlot(title: "Training loss", xLabel: "epoch", yLabel: "loss (log scale)", yScale: .log10)
        for (index, rate) in [0.01, 0.1, 1.0].enumerated() {
            let loss = (0..<30).map { epoch in 2.0 * exp(-rate * 3 * Double(epoch)) + 1e-3 * Double(index + 1) }
            plot.series.append(LineSeries(name: "η = \(rate)", ys: loss, markers: index == 0))
        }
        try writeAndCheck(plot, name: "line-log-loss.png")
    }

    @Test("the same plot renders to identical bytes")
    func deterministic() throws {
        let first = try Self.sigmoidPlot().render().pngBytes()
        let second = try Self.sigmoidPlot().render().pngBytes()
        #expect(first == second)
    }
}

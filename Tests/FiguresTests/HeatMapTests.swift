import Foundation
import Testing
@testable import Figures

@Suite("Heat maps and histograms")
struct HeatMapTests {
    @Test("an attention-like matrix with labels and values is written")
    func attention() throws {
        let tokens = ["t", "h", "e", " ", "c", "a", "t"]
        let values = tokens.indices.map { row in
            let weights = tokens.indices.map { column in column <= row ? exp(-Double(row - column) * 0.7) : 0 }
            let total = weights.reduce(0, +)
            return weights.map { $0 / total }
        }
        var map = HeatMap(
            title: "Attention weights", values: values, rowLabels: tokens.map { "“\($0)”" },
            columnLabels: tokens.map { "“\($0)”" })
        map.xLabel = "key"
        map.yLabel = "query"
        map.colourBarLabel = "weight"
        try writeAndCheck(map, name: "heatmap-attention.png")
    }

    @Test("a signed matrix uses a symmetric diverging range")
    func signed() throws {
        let values = (0..<12).map { r in (0..<20).map { c in sin(Double(r) * 0.5) * cos(Double(c) * 0.3) * 2 } }
        var map = HeatMap(
            title: "Weight matrix W², 12 × 20", values: values,
            rowLabels: (0..<12).map { "\($0)" }, columnLabels: (0..<20).map { "input \($0)" }, colormap: .diverging)
        map.colourBarLabel = "w"
        let range = map.resolvedRange
        #expect(range.lowerBound == -range.upperBound)
        try writeAndCheck(map, name: "heatmap-signed.png")
    }

    @Test("histogram counts put every value in range into one bin")
    func counts() {
        let histogram = Histogram(
            title: "", xLabel: "", datasets: [HistogramData(name: "a", values: [0, 0.1, 0.5, 1])], binCount: 2)
        #expect(histogram.counts([0, 0.1, 0.5, 1]) == [2, 2])
    }

    @Test("overlaid histograms are written")
    func histogram() throws {
        var generator = SeededGeneratorBox(seed: 3)
        let narrow = (0..<2000).map { _ in generator.gaussian() * 0.5 }
        let wide = (0..<2000).map { _ in generator.gaussian() * 1.5 + 0.5 }
        let histogram = Histogram(
            title: "Pre-activations z before and after", xLabel: "z",
            datasets: [
                HistogramData(name: "N(0, 1/n) init", values: narrow),
                HistogramData(name: "N(0, 1) init", values: wide),
            ], binCount: 40)
        try writeAndCheck(histogram, name: "histogram.png")
    }
}

import NeuralCore
typealias SeededGeneratorBox = SeededGenerator

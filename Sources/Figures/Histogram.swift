// Histograms of one or more data sets over shared bins, overlaid with translucent fills
// (e.g. pre-activations before and after a change of initialisation).

/// One data set of a histogram.
public struct HistogramData: Sendable {
    public var name: String
    public var values: [Double]
    /// Nil picks the categorical palette colour of the data set's index.
    public var colour: Colour?

    public init(name: String, values: [Double], colour: Colour? = nil) {
        self.name = name
        self.values = values
        self.colour = colour
    }
}

/// Overlaid histograms with shared bins.
public struct Histogram: Chart {
    public var title: String
    public var xLabel: String
    public var yLabel: String = "count"
    public var datasets: [HistogramData]
    public var binCount: Int = 30
    /// Nil spans all finite values.
    public var range: ClosedRange<Double>?
    public var legend: LegendPlacement = .automatic

    public init(title: String, xLabel: String, datasets: [HistogramData], binCount: Int = 30) {
        self.title = title
        self.xLabel = xLabel
        self.datasets = datasets
        self.binCount = max(1, binCount)
    }

    /// The bin range used: explicit, or the finite values' extent.
    public var resolvedRange: ClosedRange<Double> {
        if let range { return range }
        let finite = datasets.flatMap(\.values).filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        return high > low ? low...high : (low - 0.5)...(low + 0.5)
    }

    /// Counts per bin for `values` (values outside the range are left out; the top edge is included).
    public func counts(_ values: [Double]) -> [Int] {
        let bins = resolvedRange
        let width = (bins.upperBound - bins.lowerBound) / Double(binCount)
        var result = [Int](repeating: 0, count: binCount)
        for value in values where bins.contains(value) {
            let index = min(Int((value - bins.lowerBound) / width), binCount - 1)
            result[index] += 1
        }
        return result
    }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        let bins = resolvedRange
        let allCounts = datasets.map { counts($0.values) }
        let highest = Double(allCounts.flatMap { $0 }.max() ?? 1)
        let xAxis = ResolvedAxis(range: bins, data: [], scale: .linear)
        let yAxis = ResolvedAxis(range: 0...max(1, highest * 1.08), data: [], scale: .linear)
        let colours = datasets.indices.map { datasets[$0].colour ?? Palette.categorical($0) }
        let entries = datasets.indices.map {
            LegendEntry(label: datasets[$0].name, colour: colours[$0].withAlpha(0.45), swatch: .patch)
        }
        let legendBox = Legend(entries: entries)
        let binWidth = (bins.upperBound - bins.lowerBound) / Double(binCount)
        let (frame, box) = legendBox.place(
            datasets.count > 1 || !(datasets.first?.name.isEmpty ?? true) ? legend : .hidden, on: canvas,
            layout: { reserve in
                PlotFrame(
                    canvas: canvas, rect: rect, title: title, x: xAxis, y: yAxis,
                    xLabel: xLabel, yLabel: yLabel, rightReserve: reserve)
            },
            occupied: { frame in
                allCounts.flatMap { counts in
                    counts.enumerated().flatMap { bin, count -> [PixelPoint] in
                        let x = bins.lowerBound + (Double(bin) + 0.5) * binWidth
                        let top = frame.point(x, Double(count)).y
                        return stride(from: top, through: frame.plot.maxY, by: 8).map {
                            PixelPoint(frame.point(x, 0).x, $0)
                        }
                    }
                }
            })
        frame.drawBackground(on: canvas)
        canvas.clipped(to: frame.plot) {
            for (index, counts) in allCounts.enumerated() {
                var outline: [PixelPoint] = [frame.point(bins.lowerBound, 0)]
                for (bin, count) in counts.enumerated() {
                    let left = bins.lowerBound + Double(bin) * binWidth
                    let bar = PixelRect(
                        x: frame.point(left, 0).x, y: frame.point(left, Double(count)).y,
                        width: frame.plot.width / Double(binCount),
                        height: frame.point(left, 0).y - frame.point(left, Double(count)).y)
                    canvas.fill(bar, colour: colours[index].withAlpha(0.4))
                    outline.append(frame.point(left, Double(count)))
                    outline.append(frame.point(left + binWidth, Double(count)))
                }
                outline.append(frame.point(bins.upperBound, 0))
                canvas.polyline(outline, colour: colours[index], lineWidth: 1.5)
            }
        }
        frame.drawAxes(on: canvas)
        if let box { legendBox.draw(on: canvas, in: box) }
    }
}

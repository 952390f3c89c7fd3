// Line plots: several named series (loss curves, activation functions, bounds), optional
// markers, log-scaled y, and labelled reference lines such as "σ′ max = 1/4".

/// A horizontal or vertical reference line with a label, e.g. a bound.
public struct ReferenceLine: Sendable {
    public enum Orientation: Sendable {
        /// The line y = value.
        case horizontal(y: Double)
        /// The line x = value.
        case vertical(x: Double)
    }
    public var orientation: Orientation
    public var label: String
    public var colour: Colour

    public init(_ orientation: Orientation, label: String = "", colour: Colour = Colour(hex: 0x666666)) {
        self.orientation = orientation
        self.label = label
        self.colour = colour
    }

    /// The line y = `y`.
    public static func horizontal(_ y: Double, label: String = "", colour: Colour = Colour(hex: 0x666666))
        -> ReferenceLine
    {
        ReferenceLine(.horizontal(y: y), label: label, colour: colour)
    }

    /// The line x = `x`.
    public static func vertical(_ x: Double, label: String = "", colour: Colour = Colour(hex: 0x666666))
        -> ReferenceLine
    {
        ReferenceLine(.vertical(x: x), label: label, colour: colour)
    }
}

/// One named series of a line plot.
public struct LineSeries: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    /// Nil picks the next categorical palette colour.
    public var colour: Colour?
    public var dashed: Bool
    /// Draw a marker at every point (for short series such as per-epoch accuracy).
    public var markers: Bool

    public init(
        name: String, points: [(x: Double, y: Double)], colour: Colour? = nil, dashed: Bool = false,
        markers: Bool = false
    ) {
        self.name = name
        self.points = points
        self.colour = colour
        self.dashed = dashed
        self.markers = markers
    }

    /// A series of `ys` against 0, 1, 2, … (or `xs` when given).
    public init(
        name: String, ys: [Double], xs: [Double]? = nil, colour: Colour? = nil, dashed: Bool = false,
        markers: Bool = false
    ) {
        let x = xs ?? ys.indices.map(Double.init)
        self.init(
            name: name, points: Array(zip(x, ys)).map { (x: $0.0, y: $0.1) }, colour: colour, dashed: dashed,
            markers: markers)
    }
}

/// A point the text quotes (a crossing, a minimum), drawn as a ringed dot with a short label.
public struct PointMark: Sendable {
    /// Where the label sits relative to its dot.
    public enum LabelPlacement: Sendable { case right, left, above, below }

    public var x: Double
    public var y: Double
    public var label: String
    /// Nil draws the mark in ink.
    public var colour: Colour?
    public var placement: LabelPlacement

    public init(x: Double, y: Double, label: String, colour: Colour? = nil, placement: LabelPlacement = .right) {
        self.x = x
        self.y = y
        self.label = label
        self.colour = colour
        self.placement = placement
    }
}

/// A line chart of one or more series.
public struct LinePlot: Chart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [LineSeries]
    public var yScale: Scale = .linear
    /// How x maps to the axis: linear by default; `.symmetricLog10` for counts that double from 0.
    public var xScale: Scale = .linear
    /// Explicit ranges; nil fits the data with a little padding.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var references: [ReferenceLine] = []
    /// Points marked and labelled on top of the series.
    public var marks: [PointMark] = []
    public var legend: LegendPlacement = .automatic
    /// Label the x axis with whole numbers only (epochs, time steps), even when points fall between.
    /// Whole-number ticks are also used whenever every x value is a whole number.
    public var xWholeNumbers = false
    /// Label the y axis with whole numbers only (counts such as mistakes).
    public var yWholeNumbers = false

    public init(
        title: String, xLabel: String, yLabel: String, series: [LineSeries] = [],
        yScale: Scale = .linear, references: [ReferenceLine] = []
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.yScale = yScale
        self.references = references
    }

    /// The colour series `index` is drawn in.
    func colour(of index: Int) -> Colour { series[index].colour ?? Palette.categorical(index) }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        var xs = series.flatMap { $0.points.map(\.x) }
        var ys = series.flatMap { $0.points.map(\.y) }
        for reference in references {
            switch reference.orientation {
            case .horizontal(let y): ys.append(y)
            case .vertical(let x): xs.append(x)
            }
        }
        let xAxis = ResolvedAxis(
            range: xRange, data: xs, scale: xScale, padding: 0.02,
            wholeNumbers: xWholeNumbers || (!xs.isEmpty && xs.allSatisfy { $0 == $0.rounded() }))
        let yAxis = ResolvedAxis(
            range: yRange, data: ys, scale: yScale, padding: 0.05, wholeNumbers: yWholeNumbers)
        let entries = series.indices.filter { !series[$0].name.isEmpty }.map { index in
            LegendEntry(
                label: series[index].name, colour: colour(of: index),
                swatch: .line(dash: series[index].dashed ? [7, 4] : [], marker: series[index].markers ? .circle : nil))
        }
        let legendBox = Legend(entries: entries)
        let (frame, box) = legendBox.place(
            legend, on: canvas,
            layout: { reserve in
                PlotFrame(
                    canvas: canvas, rect: rect, title: title, x: xAxis, y: yAxis,
                    xLabel: xLabel, yLabel: yLabel, rightReserve: reserve)
            },
            occupied: { frame in samples(in: frame) })

        frame.drawBackground(on: canvas)
        canvas.clipped(to: frame.plot.insetBy(dx: -1, dy: -1)) {
            drawReferences(on: canvas, frame: frame)
            for (index, item) in series.enumerated() {
                let points = item.points.map { frame.point($0.x, $0.y) }.filter { $0.y.isFinite && $0.x.isFinite }
                canvas.polyline(
                    points, colour: colour(of: index), lineWidth: Style.lineWidth, dash: item.dashed ? [7, 4] : [])
                if item.markers {
                    for point in points {
                        canvas.marker(
                            .circle, at: point, size: Style.markerSize - 1, fill: colour(of: index), stroke: .white)
                    }
                }
            }
        }
        drawMarks(on: canvas, frame: frame)
        frame.drawAxes(on: canvas)
        if let box { legendBox.draw(on: canvas, in: box) }
    }

    /// Each mark as a dot in a white ring, its label on a white backing beside it.
    private func drawMarks(on canvas: Canvas, frame: PlotFrame) {
        for mark in marks {
            let point = frame.point(mark.x, mark.y)
            guard point.x.isFinite, point.y.isFinite else { continue }
            let colour = mark.colour ?? .ink
            canvas.circle(centre: point, radius: 5, fill: colour, stroke: .white, lineWidth: 2)
            guard !mark.label.isEmpty else { continue }
            let width = canvas.measure(text: mark.label, size: Style.tickSize).width
            let left: Double
            let middle: Double
            switch mark.placement {
            case .right: (left, middle) = (point.x + 9, point.y)
            case .left: (left, middle) = (point.x - 9 - width, point.y)
            case .above: (left, middle) = (point.x - width / 2, point.y - 16)
            case .below: (left, middle) = (point.x - width / 2, point.y + 16)
            }
            canvas.fill(
                PixelRect(x: left - 2, y: middle - 9, width: width + 4, height: 18),
                colour: Colour.white.withAlpha(0.85))
            canvas.text(
                mark.label, at: PixelPoint(left, middle), size: Style.tickSize, colour: colour, vertical: .middle)
        }
    }

    private func drawReferences(on canvas: Canvas, frame: PlotFrame) {
        for reference in references {
            switch reference.orientation {
            case .horizontal(let y):
                let py = frame.point(frame.x.lower, y).y
                canvas.line(
                    from: PixelPoint(frame.plot.minX, py), to: PixelPoint(frame.plot.maxX, py),
                    colour: reference.colour, lineWidth: 1.3, dash: [5, 4])
                canvas.text(
                    reference.label, at: PixelPoint(frame.plot.minX + 8, py - 4), size: Style.tickSize,
                    colour: reference.colour, align: .left, vertical: .bottom)
            case .vertical(let x):
                let px = frame.point(x, frame.y.lower).x
                canvas.line(
                    from: PixelPoint(px, frame.plot.minY), to: PixelPoint(px, frame.plot.maxY),
                    colour: reference.colour, lineWidth: 1.3, dash: [5, 4])
                canvas.text(
                    reference.label, at: PixelPoint(px + 4, frame.plot.minY + 8), size: Style.tickSize,
                    colour: reference.colour, align: .right, vertical: .top, rotation: 90)
            }
        }
    }

    /// Pixel positions along every series and reference label, for legend placement.
    private func samples(in frame: PlotFrame) -> [PixelPoint] {
        var result: [PixelPoint] = []
        for item in series {
            let points = item.points.map { frame.point($0.x, $0.y) }
            result += densified(points, spacing: 4)
        }
        for reference in references {
            if case .horizontal(let y) = reference.orientation {
                let py = frame.point(frame.x.lower, y).y
                let start = PixelPoint(frame.plot.minX, py)
                let end = PixelPoint(frame.plot.maxX, py)
                result += densified([start, end], spacing: 6)
                result.append(PixelPoint(frame.plot.minX + 8, py - 12))
            }
        }
        return result
    }
}

/// Points along a polyline, at most `spacing` pixels apart.
func densified(_ points: [PixelPoint], spacing: Double) -> [PixelPoint] {
    guard points.count >= 2 else { return points }
    var result: [PixelPoint] = []
    for (a, b) in zip(points, points.dropFirst()) {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length.isFinite else { continue }
        let steps = max(1, Int(length / spacing))
        for step in 0..<steps {
            let t = Double(step) / Double(steps)
            result.append(PixelPoint(a.x + t * dx, a.y + t * dy))
        }
    }
    result.append(points[points.count - 1])
    return result
}

// Scatter plots of labelled points, coloured and shaped by class, with optional straight
// lines w1·x + w2·y + b = 0 on top (a perceptron's decision line after several updates).

/// A 2-D data point with a class label (0, 1, 2, …).
public struct LabelledPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var label: Int
    public init(x: Double, y: Double, label: Int) {
        self.x = x
        self.y = y
        self.label = label
    }
}

/// The straight line w1·x + w2·y + b = 0, drawn across the plot.
public struct StraightLine: Sendable {
    public var w1: Double
    public var w2: Double
    public var b: Double
    public var colour: Colour
    /// Opacity: lower for older lines, so the latest stands out.
    public var alpha: Double
    /// Legend text (empty keeps the line out of the legend).
    public var label: String
    public var dashed: Bool
    public var lineWidth: Double

    public init(
        w1: Double, w2: Double, b: Double, colour: Colour = .ink, alpha: Double = 1,
        label: String = "", dashed: Bool = false, lineWidth: Double = 2
    ) {
        self.w1 = w1
        self.w2 = w2
        self.b = b
        self.colour = colour
        self.alpha = alpha
        self.label = label
        self.dashed = dashed
        self.lineWidth = lineWidth
    }

    /// Two data points on the line spanning the box `x` × `y`, or nil if w1 = w2 = 0.
    func endpoints(x: ClosedRange<Double>, y: ClosedRange<Double>) -> ((Double, Double), (Double, Double))? {
        if abs(w2) >= abs(w1), w2 != 0 {
            // Mostly horizontal: y = −(w1·x + b) / w2 at the left and right edges.
            let left = -(w1 * x.lowerBound + b) / w2
            let right = -(w1 * x.upperBound + b) / w2
            return ((x.lowerBound, left), (x.upperBound, right))
        }
        guard w1 != 0 else { return nil }
        // Mostly vertical: x = −(w2·y + b) / w1 at the bottom and top edges.
        let bottom = -(w2 * y.lowerBound + b) / w1
        let top = -(w2 * y.upperBound + b) / w1
        return ((bottom, y.lowerBound), (top, y.upperBound))
    }
}

/// Points coloured by class, with optional straight lines.
public struct ScatterPlot: Chart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var points: [LabelledPoint]
    /// Legend names of the classes, indexed by label (missing names read "class i").
    public var classNames: [String]
    public var lines: [StraightLine] = []
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var legend: LegendPlacement = .automatic

    public init(
        title: String, xLabel: String = "x₁", yLabel: String = "x₂", points: [LabelledPoint],
        classNames: [String] = [], lines: [StraightLine] = []
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.points = points
        self.classNames = classNames
        self.lines = lines
    }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        let xAxis = ResolvedAxis(range: xRange, data: points.map(\.x), scale: .linear, padding: 0.08)
        let yAxis = ResolvedAxis(range: yRange, data: points.map(\.y), scale: .linear, padding: 0.08)
        var entries = classEntries(points: points, names: classNames)
        entries += lines.filter { !$0.label.isEmpty }.map {
            LegendEntry(
                label: $0.label, colour: $0.colour.withAlpha($0.alpha),
                swatch: .line(dash: $0.dashed ? [7, 4] : [], marker: nil))
        }
        let legendBox = Legend(entries: entries)
        let (frame, box) = legendBox.place(
            legend, on: canvas,
            layout: { reserve in
                PlotFrame(
                    canvas: canvas, rect: rect, title: title, x: xAxis, y: yAxis,
                    xLabel: xLabel, yLabel: yLabel, rightReserve: reserve)
            },
            occupied: { frame in
                points.map { frame.point($0.x, $0.y) } + lineSamples(lines, frame: frame)
            })
        frame.drawBackground(on: canvas)
        canvas.clipped(to: frame.plot) {
            drawLines(lines, on: canvas, frame: frame)
            drawClassedPoints(points, on: canvas, frame: frame)
        }
        frame.drawAxes(on: canvas)
        if let box { legendBox.draw(on: canvas, in: box) }
    }
}

// MARK: Shared by scatter plots and decision regions

/// Legend entries for the classes present in `points`.
func classEntries(points: [LabelledPoint], names: [String]) -> [LegendEntry] {
    let labels = Set(points.map(\.label)).union(names.indices).sorted()
    return labels.map { label in
        let name = label < names.count ? names[label] : "class \(label)"
        return LegendEntry(
            label: name, colour: Palette.categorical(label), swatch: .marker(MarkerShape.forIndex(label)))
    }
}

/// Data points drawn as class-coloured markers with a white edge.
func drawClassedPoints(_ points: [LabelledPoint], on canvas: Canvas, frame: PlotFrame) {
    for point in points {
        canvas.marker(
            MarkerShape.forIndex(point.label), at: frame.point(point.x, point.y), size: Style.markerSize,
            fill: Palette.categorical(point.label), stroke: .white, lineWidth: 1)
    }
}

func drawLines(_ lines: [StraightLine], on canvas: Canvas, frame: PlotFrame) {
    for line in lines {
        guard let (start, end) = line.endpoints(x: frame.x.lower...frame.x.upper, y: frame.y.lower...frame.y.upper)
        else { continue }
        canvas.line(
            from: frame.point(start.0, start.1), to: frame.point(end.0, end.1),
            colour: line.colour.withAlpha(line.alpha), lineWidth: line.lineWidth, dash: line.dashed ? [7, 4] : [])
    }
}

func lineSamples(_ lines: [StraightLine], frame: PlotFrame) -> [PixelPoint] {
    lines.flatMap { line -> [PixelPoint] in
        guard let (start, end) = line.endpoints(x: frame.x.lower...frame.x.upper, y: frame.y.lower...frame.y.upper)
        else { return [] }
        return densified([frame.point(start.0, start.1), frame.point(end.0, end.1)], spacing: 6)
    }
}

// Decision regions of a classifier over the plane: each grid sample coloured by the predicted
// class (light tints of the class colours) or by a probability (a heat map with a colour bar
// and the 0.5 boundary), with the data points on top.

/// A classifier's output over a rectangle of the input plane.
public struct DecisionRegions: Chart {
    /// What the classifier returns at a point.
    public enum Field {
        /// The predicted class index.
        case classes((Double, Double) -> Int)
        /// The probability of class 1, in 0...1.
        case probability((Double, Double) -> Double)
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var field: Field
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var points: [LabelledPoint]
    public var classNames: [String]
    /// Samples along each axis (the field is evaluated resolution² times).
    public var resolution: Int = 200
    /// Colours for `.probability` (0 at the first stop, 1 at the last), lightened so points stand out.
    public var colormap: Colormap = .diverging
    /// For `.probability`: draw the p = 0.5 contour.
    public var showBoundary: Bool = true
    public var legend: LegendPlacement = .automatic
    /// Draw the colour bar of a probability field (small multiples may share one key instead).
    public var showColourBar: Bool = true
    /// The colour bar's label: what the probability is of.
    public var colourBarLabel = "p(class 1)"

    public init(
        title: String, field: Field, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        points: [LabelledPoint] = [], classNames: [String] = [], xLabel: String = "x₁", yLabel: String = "x₂"
    ) {
        self.title = title
        self.field = field
        self.xRange = xRange
        self.yRange = yRange
        self.points = points
        self.classNames = classNames
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// How far class colours are mixed towards white for the region fill.
    public static let tintAmount = 0.72
    /// How far probability colours are mixed towards white.
    public static let probabilityLightening = 0.25

    /// The region colour of class `index`.
    public static func tint(forClass index: Int) -> Colour { Palette.categorical(index).tint(tintAmount) }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        let xAxis = ResolvedAxis(range: xRange, data: [], scale: .linear)
        let yAxis = ResolvedAxis(range: yRange, data: [], scale: .linear)
        let lightMap = Colormap(stops: colormap.stops.map { $0.tint(DecisionRegions.probabilityLightening) })
        let bar: ColourBar?
        if case .probability = field, showColourBar {
            bar = ColourBar(colormap: lightMap, range: 0...1, label: colourBarLabel)
        } else {
            bar = nil
        }
        let barReserve = bar?.reserve(on: canvas) ?? 0
        let legendBox = Legend(entries: classEntries(points: points, names: classNames))
        let (frame, box) = legendBox.place(
            points.isEmpty ? .hidden : legend, on: canvas, baseReserve: barReserve,
            layout: { reserve in
                PlotFrame(
                    canvas: canvas, rect: rect, title: title, x: xAxis, y: yAxis,
                    xLabel: xLabel, yLabel: yLabel, rightReserve: reserve)
            },
            occupied: { frame in points.map { frame.point($0.x, $0.y) } })

        let grid = SampleGrid(xRange: xRange, yRange: yRange, columns: resolution, rows: resolution)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(resolution * resolution * 4)
        switch field {
        case .classes(let classify):
            let tints = (0..<Palette.okabeIto.count).map { DecisionRegions.tint(forClass: $0).rgba8 }
            for (x, y) in grid.imageOrder() {
                pixels += tints[((classify(x, y) % tints.count) + tints.count) % tints.count]
            }
        case .probability(let probability):
            for (x, y) in grid.imageOrder() {
                pixels += lightMap.colour(at: probability(x, y)).rgba8
            }
        }
        canvas.drawImage(rgba: pixels, width: resolution, height: resolution, into: frame.plot, interpolation: .nearest)
        canvas.clipped(to: frame.plot) {
            if case .probability(let probability) = field, showBoundary {
                let coarse = SampleGrid(xRange: xRange, yRange: yRange, columns: 120, rows: 120)
                for segment in ContourLines.segments(grid: coarse.values(probability), on: coarse, level: 0.5) {
                    canvas.line(
                        from: frame.point(segment.start.x, segment.start.y),
                        to: frame.point(segment.end.x, segment.end.y),
                        colour: Colour.ink.withAlpha(0.8), lineWidth: 1.6)
                }
            }
            drawClassedPoints(points, on: canvas, frame: frame)
        }
        frame.drawAxes(on: canvas)
        bar?.draw(on: canvas, besides: frame.plot)
        if let box { legendBox.draw(on: canvas, in: box) }
    }
}

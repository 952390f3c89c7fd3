// Contour plots of a function of two variables (a loss surface), as lines or filled bands,
// with paths on top (gradient descent for several learning rates): hollow circle at the
// start, filled circle at the end.

import Foundation

/// Which levels a contour plot draws.
public enum ContourLevels: Sendable {
    /// About `count` nice, evenly spaced levels between the sampled minimum and maximum.
    case automatic(count: Int)
    /// `count` levels spaced evenly in log₁₀ (for losses that span decades; needs positive values).
    case logarithmic(count: Int)
    /// Exactly these levels.
    case explicit([Double])
}

/// A named path over the contour plot, e.g. the iterates of gradient descent.
public struct ContourPath: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    /// Nil picks the categorical palette colour of the path's index.
    public var colour: Colour?

    public init(name: String, points: [(x: Double, y: Double)], colour: Colour? = nil) {
        self.name = name
        self.points = points
        self.colour = colour
    }
}

/// A point the text talks about (a minimum, a target), drawn as a haloed cross with its label.
public struct ContourMark: Sendable {
    public var label: String
    public var x: Double
    public var y: Double

    public init(_ label: String, x: Double, y: Double) {
        self.label = label
        self.x = x
        self.y = y
    }
}

/// Contours of f(x, y) with optional paths.
public struct ContourPlot: Chart {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var function: (Double, Double) -> Double
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var levels: ContourLevels = .automatic(count: 10)
    /// Fill the bands between levels with the colormap (otherwise only coloured lines).
    public var filled: Bool = false
    public var colormap: Colormap = .viridis
    public var paths: [ContourPath] = []
    /// Points marked and labelled on top of everything (e.g. the minimum).
    public var marks: [ContourMark] = []
    /// Samples along each axis for the contour lines.
    public var resolution: Int = 160
    public var colourBarLabel: String = "f(x, y)"
    public var legend: LegendPlacement = .automatic

    public init(
        title: String, function: @escaping (Double, Double) -> Double, xRange: ClosedRange<Double>,
        yRange: ClosedRange<Double>, xLabel: String = "w₁", yLabel: String = "w₂", paths: [ContourPath] = []
    ) {
        self.title = title
        self.function = function
        self.xRange = xRange
        self.yRange = yRange
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.paths = paths
    }

    /// The levels drawn, given the sampled values.
    public func resolvedLevels(for values: [Double]) -> [Double] {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), high > low else { return [] }
        switch levels {
        case .explicit(let list):
            return list.sorted()
        case .automatic(let count):
            return Ticks.linear(low, high, target: count).filter { $0 > low && $0 < high }
        case .logarithmic(let count):
            let floor = max(low, high * 1e-4, Double.leastNormalMagnitude)
            let logLow = log10(floor)
            let logHigh = log10(high)
            return (1...max(count, 1)).map { k in
                pow(10, logLow + (logHigh - logLow) * Double(k) / Double(count + 1))
            }
        }
    }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        let grid = SampleGrid(xRange: xRange, yRange: yRange, columns: resolution, rows: resolution)
        let values = grid.values(function)
        let levelList = resolvedLevels(for: values)
        let logarithmic: Bool = { if case .logarithmic = levels { return true } else { return false } }()
        // Colour position of a level: its rank among the levels (even spacing in colour).
        func colourPosition(_ index: Int) -> Double {
            levelList.count <= 1 ? 0.5 : Double(index) / Double(levelList.count - 1)
        }
        let barRange = (levelList.first ?? 0)...(levelList.last ?? 1)
        let bar = ColourBar(colormap: colormap, range: barRange, label: colourBarLabel)
        let barReserve = (logarithmic || levelList.count < 2) ? 0 : bar.reserve(on: canvas)

        var entries = paths.indices.map { index in
            LegendEntry(label: paths[index].name, colour: pathColour(index), swatch: .line(dash: [], marker: .circle))
        }
        if !paths.isEmpty {
            entries.append(
                LegendEntry(label: "start ○  end ●", colour: .mutedInk, swatch: .line(dash: [], marker: nil)))
        }
        let legendBox = Legend(entries: entries)
        let (frame, box) = legendBox.place(
            legend, on: canvas, baseReserve: barReserve,
            layout: { reserve in
                PlotFrame(
                    canvas: canvas, rect: rect, title: title,
                    x: ResolvedAxis(range: xRange, data: [], scale: .linear),
                    y: ResolvedAxis(range: yRange, data: [], scale: .linear),
                    xLabel: xLabel, yLabel: yLabel, rightReserve: reserve)
            },
            occupied: { frame in paths.flatMap { densified($0.points.map { frame.point($0.x, $0.y) }, spacing: 5) } })

        frame.drawBackground(on: canvas, grid: !filled)
        if filled { drawBands(on: canvas, frame: frame, levels: levelList, position: colourPosition) }
        canvas.clipped(to: frame.plot) {
            for (index, level) in levelList.enumerated() {
                let colour = filled ? Colour.ink.withAlpha(0.35) : colormap.colour(at: 0.9 * colourPosition(index))
                for segment in ContourLines.segments(grid: values, on: grid, level: level) {
                    canvas.line(
                        from: frame.point(segment.start.x, segment.start.y),
                        to: frame.point(segment.end.x, segment.end.y),
                        colour: colour, lineWidth: filled ? 1 : 1.4)
                }
            }
            drawPaths(on: canvas, frame: frame)
        }
        drawMarks(on: canvas, frame: frame)
        frame.drawAxes(on: canvas)
        if barReserve > 0 {
            let lineBar = ColourBar(
                colormap: Colormap(stops: (0...8).map { colormap.colour(at: (filled ? 1 : 0.9) * Double($0) / 8) }),
                range: barRange, label: colourBarLabel)
            lineBar.draw(on: canvas, besides: frame.plot)
        }
        if let box { legendBox.draw(on: canvas, in: box) }
    }

    private func pathColour(_ index: Int) -> Colour {
        paths[index].colour ?? Palette.categorical(index + 1)  // palette colour 0 is close to the colormap's blues
    }

    /// Bands between consecutive levels, sampled once per image pixel (sharp edges, flat runs that
    /// compress well).
    private func drawBands(on canvas: Canvas, frame: PlotFrame, levels: [Double], position: (Int) -> Double) {
        let density = Double(canvas.density)
        let columns = max(2, min(2000, Int(frame.plot.width * density)))
        let rows = max(2, min(2000, Int(frame.plot.height * density)))
        let fine = SampleGrid(xRange: xRange, yRange: yRange, columns: columns, rows: rows)
        let bandCount = levels.count + 1
        var pixels: [UInt8] = []
        pixels.reserveCapacity(columns * rows * 4)
        for (x, y) in fine.imageOrder() {
            let value = function(x, y)
            let band = levels.firstIndex { value < $0 } ?? levels.count
            pixels += colormap.colour(at: (Double(band) + 0.5) / Double(bandCount)).rgba8
        }
        canvas.drawImage(rgba: pixels, width: columns, height: rows, into: frame.plot, interpolation: .nearest)
    }

    /// Each mark as a cross with a white halo; its label sits right of it, or left near the edge,
    /// and inside the plot. A mark outside the plotted ranges is not drawn.
    private func drawMarks(on canvas: Canvas, frame: PlotFrame) {
        for mark in marks where xRange.contains(mark.x) && yRange.contains(mark.y) {
            let point = frame.point(mark.x, mark.y)
            canvas.marker(.cross, at: point, size: 14, fill: .ink, stroke: .white, lineWidth: 1.5)
            let width = canvas.measure(text: mark.label, size: Style.legendSize).width
            let fitsRight = point.x + 12 + width <= frame.plot.maxX - 2
            let top = min(max(point.y - 10, frame.plot.minY + 1), frame.plot.maxY - 20)
            let box = PixelRect(
                x: fitsRight ? point.x + 10 : max(point.x - 14 - width, frame.plot.minX + 1), y: top,
                width: width + 4, height: 19)
            canvas.fill(box, colour: Colour.white.withAlpha(0.85))
            canvas.text(
                mark.label, at: PixelPoint(box.minX + 2, box.minY + 10), size: Style.legendSize, vertical: .middle)
        }
    }

    private func drawPaths(on canvas: Canvas, frame: PlotFrame) {
        for index in paths.indices {
            let colour = pathColour(index)
            let points = paths[index].points.map { frame.point($0.x, $0.y) }
            canvas.polyline(points, colour: .white, lineWidth: Style.lineWidth + 2)  // halo over the contours
            canvas.polyline(points, colour: colour, lineWidth: Style.lineWidth)
            for point in points.dropFirst().dropLast() {
                canvas.circle(centre: point, radius: 2.2, fill: colour)
            }
            if let first = points.first {
                canvas.circle(centre: first, radius: 5.5, fill: .white, stroke: colour, lineWidth: 2)
            }
            if let last = points.last, points.count > 1 {
                canvas.circle(centre: last, radius: 5.5, fill: colour, stroke: .white, lineWidth: 1.5)
            }
        }
    }
}

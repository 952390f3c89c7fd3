// The frame around a chart's data: resolved axis ranges and ticks, the plot rectangle left
// after titles, labels and tick labels are measured, and the mapping from data to pixels.

import Foundation

/// One axis after its range and ticks are decided.
struct ResolvedAxis {
    var lower: Double
    var upper: Double
    var scale: Scale
    var ticks: [Double]
    var labels: [String]
    var minorTicks: [Double] = []
    /// Only whole-number ticks (epochs, steps, counts): never 1.5 on an axis of whole things.
    var wholeNumbers = false

    /// Decides the range (explicit, or the data's extent padded by `padding` of its span)
    /// and nice ticks inside it.
    init(
        range: ClosedRange<Double>?, data: [Double], scale: Scale, padding: Double = 0.04, wholeNumbers: Bool = false
    ) {
        self.scale = scale
        self.wholeNumbers = wholeNumbers && scale == .linear
        let usable = data.filter { scale.accepts($0) }
        var lower: Double
        var upper: Double
        if let range {
            lower = range.lowerBound
            upper = range.upperBound
        } else if let low = usable.min(), let high = usable.max() {
            (lower, upper) = ResolvedAxis.padded(low, high, scale: scale, padding: padding)
        } else {
            (lower, upper) = scale == .log10 ? (1, 10) : (0, 1)
        }
        if scale == .log10 { lower = max(lower, 1e-300) }
        if upper <= lower {
            (lower, upper) = scale == .log10 ? (lower / 10, lower * 10) : (lower - 1, lower + 1)
        }
        self.lower = lower
        self.upper = upper
        switch scale {
        case .linear:
            ticks = Ticks.linear(lower, upper, wholeNumbers: self.wholeNumbers)
            labels = ResolvedAxis.linearLabels(ticks, wholeNumbers: self.wholeNumbers)
        case .log10:
            ticks = Ticks.log10(lower, upper)
            labels = Ticks.logLabels(for: ticks)
            minorTicks = Ticks.logMinor(lower, upper)
        case .symmetricLog10(let threshold, _):
            ticks = Ticks.symmetricLog10(lower, upper, threshold: threshold)
            // The magnitudes labelled together, so that they share one style (plain or 10ⁿ).
            var magnitudes = Ticks.logLabels(for: ticks.filter { $0 != 0 }.map(abs)).makeIterator()
            labels = ticks.map { tick in tick == 0 ? "0" : (tick < 0 ? "\u{2212}" : "") + magnitudes.next()! }
            minorTicks =
                Ticks.logMinor(max(lower, threshold), upper)
                + Ticks.logMinor(max(-upper, threshold), -lower).map { -$0 }
        }
    }

    /// Thins linear ticks (a larger nice step) until their labels fit along `length` pixels
    /// with `gap` pixels between neighbours, so narrow panels never print overlapping labels.
    mutating func fitLabels(length: Double, gap: Double, width: (String) -> Double) {
        guard scale == .linear else { return }
        var target = 6
        while target > 2 {
            let needed = labels.map(width).reduce(0, +) + gap * Double(labels.count)
            if needed <= length { return }
            target -= 1
            ticks = Ticks.linear(lower, upper, target: target, wholeNumbers: wholeNumbers)
            labels = ResolvedAxis.linearLabels(ticks, wholeNumbers: wholeNumbers)
        }
    }

    /// Tick labels of a linear axis; whole-number axes never show decimals, even with one tick.
    static func linearLabels(_ ticks: [Double], wholeNumbers: Bool) -> [String] {
        wholeNumbers ? ticks.map { Ticks.format($0, decimals: 0) } : Ticks.labels(for: ticks)
    }

    static func padded(_ low: Double, _ high: Double, scale: Scale, padding: Double) -> (Double, Double) {
        switch scale {
        case .linear:
            if high == low {
                let half = low == 0 ? 1 : abs(low) * 0.1
                return (low - half, high + half)
            }
            let margin = (high - low) * padding
            return (low - margin, high + margin)
        case .log10:
            let logLow = log10(low)
            let logHigh = log10(high)
            let margin = max((logHigh - logLow) * padding, 0.05)
            return (pow(10, logLow - margin), pow(10, logHigh + margin))
        case .symmetricLog10:
            let (uLow, uHigh) = (scale.transformed(low), scale.transformed(high))
            let margin = uHigh == uLow ? 0.5 : (uHigh - uLow) * padding
            return (scale.untransformed(uLow - margin), scale.untransformed(uHigh + margin))
        }
    }

    /// Where `value` falls along the axis: 0 at `lower`, 1 at `upper`.
    func fraction(_ value: Double) -> Double {
        let low = scale.transformed(lower)
        return (scale.transformed(value) - low) / (scale.transformed(upper) - low)
    }

    /// The data value at `fraction` along the axis.
    func value(atFraction t: Double) -> Double {
        let low = scale.transformed(lower)
        return scale.untransformed(low + t * (scale.transformed(upper) - low))
    }
}

/// A laid-out chart frame: the plot rectangle and what surrounds it.
struct PlotFrame {
    let outer: PixelRect
    let plot: PixelRect
    let x: ResolvedAxis
    let y: ResolvedAxis
    let title: String
    let xLabel: String
    let yLabel: String

    /// Measures titles and labels and leaves the rest of `rect` for the data;
    /// `rightReserve` keeps room on the right for a legend or colour bar.
    init(
        canvas: Canvas, rect: PixelRect, title: String, x: ResolvedAxis, y: ResolvedAxis,
        xLabel: String, yLabel: String, rightReserve: Double = 0, showXTickLabels: Bool = true
    ) {
        self.outer = rect
        self.y = y
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        let titleHeight = title.isEmpty ? 0 : Style.titleSize * 1.25 + 10
        let yLabelWidth = yLabel.isEmpty ? 0 : Style.labelSize * 1.25 + 6
        let yTickWidth = y.labels.map { canvas.measure(text: $0, size: Style.tickSize).width }.max() ?? 0
        let xTickHeight = showXTickLabels ? Style.tickSize * 1.25 + Style.tickLength + 4 : Style.tickLength
        let xLabelHeight = xLabel.isEmpty ? 0 : Style.labelSize * 1.25 + 6
        let lastXLabelHalf = (x.labels.last.map { canvas.measure(text: $0, size: Style.tickSize).width / 2 } ?? 0) + 2
        let right = Style.padding + max(rightReserve, lastXLabelHalf, 8)
        let left = Style.padding + yLabelWidth + yTickWidth + Style.tickLength + 5
        plot = rect.inset(
            top: Style.padding + titleHeight + 4, left: left,
            bottom: Style.padding + xTickHeight + xLabelHeight, right: right)
        var fittedX = x
        fittedX.fitLabels(length: plot.width, gap: 14) { canvas.measure(text: $0, size: Style.tickSize).width }
        self.x = fittedX
    }

    /// The pixel position of data point (`x`, `y`).
    func point(_ xValue: Double, _ yValue: Double) -> PixelPoint {
        PixelPoint(plot.minX + x.fraction(xValue) * plot.width, plot.maxY - y.fraction(yValue) * plot.height)
    }

    /// The data coordinates at a pixel position.
    func dataPoint(at pixel: PixelPoint) -> (x: Double, y: Double) {
        (
            x.value(atFraction: (pixel.x - plot.minX) / plot.width),
            y.value(atFraction: (plot.maxY - pixel.y) / plot.height)
        )
    }

    /// White plot area and light grid lines (drawn before the data).
    func drawBackground(on canvas: Canvas, grid: Bool = true) {
        canvas.fill(plot, colour: .white)
        guard grid else { return }
        let minorColour = Colour.grid.mixed(with: .white, amount: 0.5)
        for value in x.minorTicks {
            let px = crisp(point(value, y.lower).x)
            canvas.line(from: PixelPoint(px, plot.minY), to: PixelPoint(px, plot.maxY), colour: minorColour)
        }
        for value in y.minorTicks {
            let py = crisp(point(x.lower, value).y)
            canvas.line(from: PixelPoint(plot.minX, py), to: PixelPoint(plot.maxX, py), colour: minorColour)
        }
        for value in x.ticks {
            let px = crisp(point(value, y.lower).x)
            canvas.line(from: PixelPoint(px, plot.minY), to: PixelPoint(px, plot.maxY), colour: .grid)
        }
        for value in y.ticks {
            let py = crisp(point(x.lower, value).y)
            canvas.line(from: PixelPoint(plot.minX, py), to: PixelPoint(plot.maxX, py), colour: .grid)
        }
    }

    /// Frame, ticks, tick labels, axis labels and title (drawn after the data).
    func drawAxes(on canvas: Canvas, showXTickLabels: Bool = true) {
        let frame = PixelRect(
            x: crisp(plot.minX), y: crisp(plot.minY),
            width: (plot.maxX - plot.minX).rounded(), height: (plot.maxY - plot.minY).rounded())
        canvas.stroke(frame, colour: Colour(hex: 0x888888))
        for (value, label) in zip(x.ticks, x.labels) {
            let px = crisp(point(value, y.lower).x)
            canvas.line(
                from: PixelPoint(px, plot.maxY), to: PixelPoint(px, plot.maxY + Style.tickLength), colour: .mutedInk)
            if showXTickLabels {
                canvas.text(
                    label, at: PixelPoint(px, plot.maxY + Style.tickLength + 3), size: Style.tickSize,
                    colour: .mutedInk, align: .centre, vertical: .top)
            }
        }
        for (value, label) in zip(y.ticks, y.labels) {
            let py = crisp(point(x.lower, value).y)
            canvas.line(
                from: PixelPoint(plot.minX - Style.tickLength, py), to: PixelPoint(plot.minX, py), colour: .mutedInk)
            canvas.text(
                label, at: PixelPoint(plot.minX - Style.tickLength - 4, py), size: Style.tickSize,
                colour: .mutedInk, align: .right, vertical: .middle)
        }
        if !xLabel.isEmpty {
            let size = canvas.fittedSize(xLabel, maxWidth: plot.width, size: Style.labelSize)
            canvas.text(
                xLabel, at: PixelPoint(plot.midX, outer.maxY - Style.padding), size: size,
                align: .centre, vertical: .bottom)
        }
        if !yLabel.isEmpty {
            let size = canvas.fittedSize(yLabel, maxWidth: plot.height, size: Style.labelSize)
            canvas.text(
                yLabel, at: PixelPoint(outer.minX + Style.padding, plot.midY), size: size,
                align: .centre, vertical: .top, rotation: 90)
        }
        canvas.drawTitle(title, centreX: plot.midX, top: outer.minY + Style.padding, bounds: outer)
    }
}

/// The centre of the pixel containing `value`, so 1-pixel lines stay sharp.
func crisp(_ value: Double) -> Double { value.rounded(.down) + 0.5 }

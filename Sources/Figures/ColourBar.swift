// A vertical colour bar beside a chart: the colour map as a gradient, nice ticks and a label.

/// A colour bar for a colormap over a value range.
struct ColourBar {
    var colormap: Colormap
    var range: ClosedRange<Double>
    var label: String
    /// Ticks at whole numbers only (counts).
    var wholeNumbers = false
    static let barWidth = 16.0
    static let gap = 14.0

    private var axis: ResolvedAxis {
        ResolvedAxis(range: range, data: [], scale: .linear, wholeNumbers: wholeNumbers)
    }

    /// Horizontal space the bar with its tick labels and label needs.
    func reserve(on canvas: Canvas) -> Double {
        let tickWidth = axis.labels.map { canvas.measure(text: $0, size: Style.tickSize).width }.max() ?? 0
        let labelWidth = label.isEmpty ? 0 : Style.labelSize * 1.25 + 6
        return ColourBar.gap + ColourBar.barWidth + Style.tickLength + 4 + tickWidth + labelWidth + 4
    }

    /// Draws the bar to the right of `plot`, as tall as the plot.
    func draw(on canvas: Canvas, besides plot: PixelRect) {
        let bar = PixelRect(
            x: (plot.maxX + ColourBar.gap).rounded(), y: plot.minY.rounded(),
            width: ColourBar.barWidth, height: plot.height.rounded())
        draw(on: canvas, bar: bar)
    }

    /// Draws the bar in `bar`, ticks and labels to its right.
    func draw(on canvas: Canvas, bar: PixelRect) {
        let steps = 256
        var pixels: [UInt8] = []
        pixels.reserveCapacity(steps * 4)
        for step in 0..<steps {  // top row is the top of the range
            let t = 1 - Double(step) / Double(steps - 1)
            pixels += colormap.colour(at: t).withAlpha(1).rgba8
        }
        canvas.drawImage(rgba: pixels, width: 1, height: steps, into: bar, interpolation: .smooth)
        canvas.stroke(
            PixelRect(x: bar.minX + 0.5, y: bar.minY + 0.5, width: bar.width - 1, height: bar.height - 1),
            colour: Colour(hex: 0x888888))
        let resolved = axis
        var widest = 0.0
        for (value, text) in zip(resolved.ticks, resolved.labels) {
            let y = crisp(bar.maxY - resolved.fraction(value) * bar.height)
            canvas.line(
                from: PixelPoint(bar.maxX, y), to: PixelPoint(bar.maxX + Style.tickLength, y), colour: .mutedInk)
            canvas.text(
                text, at: PixelPoint(bar.maxX + Style.tickLength + 3, y), size: Style.tickSize,
                colour: .mutedInk, align: .left, vertical: .middle)
            widest = max(widest, canvas.measure(text: text, size: Style.tickSize).width)
        }
        if !label.isEmpty {
            let x = bar.maxX + Style.tickLength + 4 + widest + 6
            let size = canvas.fittedSize(label, maxWidth: bar.height, size: Style.labelSize)
            canvas.text(label, at: PixelPoint(x, bar.midY), size: size, align: .centre, vertical: .top, rotation: 90)
        }
    }
}

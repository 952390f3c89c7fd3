// A matrix as coloured cells with row and column labels (a confusion matrix, attention weights,
// a weight matrix), sequential or diverging, with a colour bar and optional printed values.

/// A matrix drawn as coloured cells.
public struct HeatMap: Chart {
    public var title: String
    /// Rows of equal length.
    public var values: [[Double]]
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var xLabel: String = ""
    public var yLabel: String = ""
    /// `.viridis` for magnitudes; `.diverging` for signed values (the range is made symmetric).
    public var colormap: Colormap = .viridis
    /// Nil fits the values (symmetric about zero for a diverging map).
    public var range: ClosedRange<Double>?
    /// Print each value in its cell; nil does so when cells are large enough.
    public var showValues: Bool?
    /// Decimals for printed values.
    public var decimals: Int = 2
    public var colourBarLabel: String = ""
    /// Draw the diagonal in neutral grey, off the colour scale (a confusion matrix's correct
    /// answers, whose counts dwarf the mistakes the colours are for); its values still print.
    public var neutralDiagonal = false
    /// Columns outlined in ink over their whole height (the columns the text points at).
    public var outlinedColumns: [Int] = []
    /// Leave cells whose printed value is zero blank (a sparse count matrix reads faster).
    public var blankZeros = false
    static let neutralColour = Colour(hex: 0xE4E4E4)

    public init(
        title: String, values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
        colormap: Colormap = .viridis
    ) {
        precondition(Set(values.map(\.count)).count <= 1, "heat map rows must have equal length")
        self.title = title
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.colormap = colormap
    }

    var rowCount: Int { values.count }
    var columnCount: Int { values.first?.count ?? 0 }

    /// The value range the colours span.
    public var resolvedRange: ClosedRange<Double> {
        if let range { return range }
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        if colormap.isDiverging {
            let limit = max(abs(low), abs(high), 1e-12)
            return -limit...limit
        }
        return high > low ? low...high : (low - 0.5)...(low + 0.5)
    }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        guard rowCount > 0, columnCount > 0 else { return }
        let colourRange = resolvedRange
        let bar = ColourBar(
            colormap: colormap, range: colourRange, label: colourBarLabel, wholeNumbers: decimals == 0)
        let rowLabelWidth = rowLabels.map { canvas.measure(text: $0, size: Style.tickSize).width }.max() ?? 0
        let columnLabelWidth = columnLabels.map { canvas.measure(text: $0, size: Style.tickSize).width }.max() ?? 0
        let titleHeight = title.isEmpty ? 0 : Style.titleSize * 1.25 + 10
        let yLabelWidth = yLabel.isEmpty ? 0 : Style.labelSize * 1.25 + 6
        let xLabelHeight = xLabel.isEmpty ? 0 : Style.labelSize * 1.25 + 6
        let available = rect.inset(
            top: Style.padding + titleHeight, left: Style.padding + yLabelWidth + rowLabelWidth + 6,
            bottom: Style.padding + xLabelHeight, right: Style.padding + bar.reserve(on: canvas))
        // Column labels are rotated when they would not fit side by side.
        let provisionalCell = min(available.width / Double(columnCount), available.height / Double(rowCount))
        let rotateColumns = columnLabelWidth > provisionalCell - 4
        let columnLabelHeight = columnLabels.isEmpty ? 0 : (rotateColumns ? columnLabelWidth : Style.tickSize * 1.2) + 6
        let cellArea = available.inset(bottom: columnLabelHeight)
        let cell = min(cellArea.width / Double(columnCount), cellArea.height / Double(rowCount)).rounded(.down)
        let gridWidth = cell * Double(columnCount)
        let gridHeight = cell * Double(rowCount)
        let grid = PixelRect(
            x: (cellArea.minX + (cellArea.width - gridWidth) / 2).rounded(), y: cellArea.minY.rounded(),
            width: gridWidth, height: gridHeight)

        var pixels: [UInt8] = []
        for row in values {
            for value in row { pixels += colormap.colour(for: value, in: colourRange).rgba8 }
        }
        canvas.drawImage(rgba: pixels, width: columnCount, height: rowCount, into: grid, interpolation: .nearest)
        if neutralDiagonal {
            for index in 0..<min(rowCount, columnCount) {
                canvas.fill(
                    PixelRect(
                        x: grid.minX + Double(index) * cell, y: grid.minY + Double(index) * cell, width: cell,
                        height: cell), colour: HeatMap.neutralColour)
            }
        }
        canvas.stroke(grid.insetBy(dx: -0.5, dy: -0.5), colour: Colour(hex: 0x888888))
        for column in outlinedColumns where column >= 0 && column < columnCount {
            canvas.stroke(
                PixelRect(
                    x: grid.minX + Double(column) * cell + 1, y: grid.minY + 1, width: cell - 2, height: gridHeight - 2),
                colour: .ink, lineWidth: 2)
        }

        // Never below the smallest readable size: cells too small for it print no values by default.
        let valueSize = min(Style.tickSize, max(Legibility.smallestReadableText, cell * 0.32))
        let printValues = showValues ?? (cell >= 36 && rowCount * columnCount <= 400)
        if printValues {
            for (r, row) in values.enumerated() {
                for (c, value) in row.enumerated() {
                    if blankZeros && Ticks.format(value, decimals: decimals) == Ticks.format(0, decimals: decimals) {
                        continue
                    }
                    let background =
                        neutralDiagonal && r == c ? HeatMap.neutralColour : colormap.colour(for: value, in: colourRange)
                    let textColour: Colour = background.luminance > 0.5 ? .ink : .white
                    let centre = PixelPoint(grid.minX + (Double(c) + 0.5) * cell, grid.minY + (Double(r) + 0.5) * cell)
                    canvas.text(
                        Ticks.format(value, decimals: decimals), at: centre, size: valueSize,
                        colour: textColour, align: .centre, vertical: .middle)
                }
            }
        }
        for (r, label) in rowLabels.prefix(rowCount).enumerated() {
            let y = grid.minY + (Double(r) + 0.5) * cell
            canvas.text(
                label, at: PixelPoint(grid.minX - 6, y), size: Style.tickSize, colour: .mutedInk, align: .right,
                vertical: .middle)
        }
        for (c, label) in columnLabels.prefix(columnCount).enumerated() {
            let x = grid.minX + (Double(c) + 0.5) * cell
            if rotateColumns {
                canvas.text(
                    label, at: PixelPoint(x, grid.maxY + 6), size: Style.tickSize, colour: .mutedInk,
                    align: .right, vertical: .middle, rotation: 90)
            } else {
                canvas.text(
                    label, at: PixelPoint(x, grid.maxY + 5), size: Style.tickSize, colour: .mutedInk, align: .centre,
                    vertical: .top)
            }
        }
        if !xLabel.isEmpty {
            canvas.text(
                xLabel, at: PixelPoint(grid.midX, grid.maxY + columnLabelHeight + 6), size: Style.labelSize,
                align: .centre, vertical: .top)
        }
        if !yLabel.isEmpty {
            let x = max(rect.minX + Style.padding, grid.minX - 6 - rowLabelWidth - 8 - Style.labelSize * 1.25)
            canvas.text(
                yLabel, at: PixelPoint(x, grid.midY), size: Style.labelSize,
                align: .centre, vertical: .top, rotation: 90)
        }
        canvas.drawTitle(title, centreX: grid.midX, top: rect.minY + Style.padding, bounds: rect)
        bar.draw(on: canvas, besides: grid)
    }
}

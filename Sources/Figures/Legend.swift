// Legends: a white box of swatches and names, placed in the plot corner that hides the fewest
// data points, or outside on the right when every corner would hide some.

/// Where a chart puts its legend.
public enum LegendPlacement: Sendable, Equatable {
    /// The inside corner covering the fewest data points; outside on the right if none is free.
    case automatic
    case topLeft, topRight, bottomLeft, bottomRight
    /// To the right of the plot area, never over the data.
    case outsideRight
    /// No legend.
    case hidden
}

/// What a legend entry's swatch looks like.
enum LegendSwatch {
    case line(dash: [Double], marker: MarkerShape?)
    case marker(MarkerShape)
    case patch
}

/// One row of a legend.
struct LegendEntry {
    var label: String
    var colour: Colour
    var swatch: LegendSwatch
}

/// A laid-out legend box.
struct Legend {
    var entries: [LegendEntry]
    static let swatchWidth = 26.0
    static let rowHeight = Style.legendSize * 1.55
    static let inset = 8.0
    static let margin = 8.0

    func size(on canvas: Canvas) -> (width: Double, height: Double) {
        let textWidth = entries.map { canvas.measure(text: $0.label, size: Style.legendSize).width }.max() ?? 0
        let width = Legend.inset * 2 + Legend.swatchWidth + 8 + textWidth
        let height = Legend.inset * 2 + Double(entries.count) * Legend.rowHeight - 4
        return (width, height)
    }

    /// Width to reserve on the right of the plot when the legend goes outside.
    func outsideReserve(on canvas: Canvas) -> Double { size(on: canvas).width + 2 * Legend.margin }

    /// The box's rectangle for a placement (`automatic` is resolved by `choose`).
    func rect(for placement: LegendPlacement, plot: PixelRect, on canvas: Canvas) -> PixelRect {
        let (width, height) = size(on: canvas)
        let m = Legend.margin
        switch placement {
        case .topLeft: return PixelRect(x: plot.minX + m, y: plot.minY + m, width: width, height: height)
        case .bottomLeft: return PixelRect(x: plot.minX + m, y: plot.maxY - m - height, width: width, height: height)
        case .bottomRight:
            return PixelRect(x: plot.maxX - m - width, y: plot.maxY - m - height, width: width, height: height)
        case .outsideRight: return PixelRect(x: plot.maxX + 2 * m, y: plot.minY, width: width, height: height)
        case .topRight, .automatic, .hidden:
            return PixelRect(x: plot.maxX - m - width, y: plot.minY + m, width: width, height: height)
        }
    }

    /// The inside corner whose box covers the fewest of `occupied`, with that count.
    func bestCorner(plot: PixelRect, occupied: [PixelPoint], on canvas: Canvas) -> (LegendPlacement, Int) {
        let corners: [LegendPlacement] = [.topRight, .topLeft, .bottomRight, .bottomLeft]
        let counts = corners.map { corner -> Int in
            let box = rect(for: corner, plot: plot, on: canvas).insetBy(dx: -4, dy: -4)
            return occupied.filter { box.contains($0) }.count
        }
        let best = counts.indices.min { counts[$0] < counts[$1] } ?? 0
        return (corners[best], counts[best])
    }

    func draw(on canvas: Canvas, in box: PixelRect) {
        guard !entries.isEmpty else { return }
        let frame = PixelRect(
            x: crisp(box.minX), y: crisp(box.minY), width: box.width.rounded(), height: box.height.rounded())
        canvas.fill(frame, colour: Colour.white.withAlpha(0.92))
        canvas.stroke(frame, colour: Colour(hex: 0xBBBBBB))
        for (row, entry) in entries.enumerated() {
            let midY = box.minY + Legend.inset + (Double(row) + 0.5) * Legend.rowHeight - 2
            let left = box.minX + Legend.inset
            let swatchMid = PixelPoint(left + Legend.swatchWidth / 2, midY)
            switch entry.swatch {
            case .line(let dash, let marker):
                canvas.line(
                    from: PixelPoint(left, midY), to: PixelPoint(left + Legend.swatchWidth, midY),
                    colour: entry.colour, lineWidth: Style.lineWidth, dash: dash)
                if let marker {
                    canvas.marker(marker, at: swatchMid, size: Style.markerSize, fill: entry.colour, stroke: .white)
                }
            case .marker(let shape):
                canvas.marker(shape, at: swatchMid, size: Style.markerSize + 1, fill: entry.colour, stroke: .white)
            case .patch:
                let patch = PixelRect(x: left + 3, y: midY - 6, width: Legend.swatchWidth - 6, height: 12)
                canvas.fill(patch, colour: entry.colour)
                canvas.stroke(patch, colour: entry.colour.withAlpha(1).mixed(with: .black, amount: 0.2))
            }
            canvas.text(
                entry.label, at: PixelPoint(left + Legend.swatchWidth + 8, midY), size: Style.legendSize,
                align: .left, vertical: .middle)
        }
    }
}

extension Legend {
    /// Lays out a chart frame with its legend: for `.automatic`, inside the freest corner
    /// unless every corner covers data, then outside on the right.
    /// `layout(reserve)` builds the frame; `occupied(frame)` lists the data's pixel positions.
    func place(
        _ placement: LegendPlacement, on canvas: Canvas, baseReserve: Double = 0,
        layout: (Double) -> PlotFrame, occupied: (PlotFrame) -> [PixelPoint]
    ) -> (frame: PlotFrame, box: PixelRect?) {
        if entries.isEmpty || placement == .hidden { return (layout(baseReserve), nil) }
        if placement == .outsideRight {
            let frame = layout(baseReserve + outsideReserve(on: canvas))
            var box = rect(for: .outsideRight, plot: frame.plot, on: canvas)
            box.x += baseReserve
            return (frame, box)
        }
        let inside = layout(baseReserve)
        guard placement == .automatic else { return (inside, rect(for: placement, plot: inside.plot, on: canvas)) }
        let (corner, covered) = bestCorner(plot: inside.plot, occupied: occupied(inside), on: canvas)
        if covered == 0 { return (inside, rect(for: corner, plot: inside.plot, on: canvas)) }
        return place(.outsideRight, on: canvas, baseReserve: baseReserve, layout: layout, occupied: occupied)
    }
}

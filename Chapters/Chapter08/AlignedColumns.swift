// Heat maps and line plots over the characters of one string, stacked so that column k of every
// band is the same character at the same x: a depth peak lines up with its characters and with
// its cells. Line series may be drawn as steps (the depth changes at a character, not between).

import Foundation
import Figures

/// Bands over the same columns (characters), top to bottom, each labelled with the characters.
struct AlignedColumns: Chart {
    /// A heat map band: one row per unit.
    struct Heat {
        var title: String
        var values: [[Double]]
        var rowLabels: [String]
        var colormap: Colormap
        var range: ClosedRange<Double>
        var barLabel: String
    }

    /// One curve of a line band.
    struct Curve {
        var name: String
        var values: [Double]
        var colour: Colour
        var dashed = false
        /// Drawn as a step function: flat across each column.
        var steps = false
    }

    /// A line band: curves against the columns, with its own y axis.
    struct Lines {
        var title: String
        var yLabel: String
        var curves: [Curve]
        var yRange: ClosedRange<Double>?
        var height: Double = 190
    }

    var title: String
    var columnLabels: [String]
    var heats: [Heat]
    var lines: [Lines]
    var cellHeight: Double = 11
    var width = Legibility.maximumDisplayWidth

    static let tick = 13.0
    static let bandTitle = 15.0 * 1.25 + 8
    static let labelsRow = 13.0 * 1.25 + 8

    var preferredSize: (width: Int, height: Int) {
        let heatHeights = heats.map { Self.bandTitle + Double($0.values.count) * cellHeight + Self.labelsRow }
        let lineHeights = lines.map { Self.bandTitle + $0.height + Self.labelsRow }
        let top = title.isEmpty ? 10.0 : 17 * 1.3 + 20
        return (width, Int((top + (heatHeights + lineHeights).reduce(0, +) + 10 + 14 * 1.25 + 6).rounded(.up)))
    }

    func draw(on canvas: Canvas, in rect: PixelRect) {
        let columns = columnLabels.count
        guard columns > 0 else { return }
        let tick = Self.tick
        let rowLabelWidth = (heats.flatMap(\.rowLabels).map { canvas.measure(text: $0, size: tick).width }.max() ?? 0)
        let yTickWidth = 40.0
        let yLabelWidth = lines.isEmpty ? 0 : 14 * 1.25 + 6
        let left = rect.minX + 10 + max(rowLabelWidth + 8, yTickWidth + yLabelWidth + 8)
        let barWidth = heats.map { canvas.colourBarWidth(range: $0.range, label: $0.barLabel) }.max() ?? 0
        let right = rect.maxX - 10 - (heats.isEmpty ? 0 : barWidth + 14)
        let columnWidth = ((right - left) / Double(columns)).rounded(.down)
        let gridLeft = left.rounded()
        let gridWidth = columnWidth * Double(columns)
        func centre(_ c: Int) -> Double { gridLeft + (Double(c) + 0.5) * columnWidth }
        var top = rect.minY + 10
        if !title.isEmpty {
            canvas.text(
                title, at: PixelPoint(rect.midX, top), size: 17, weight: .bold, align: .centre, vertical: .top)
            top += 17 * 1.3 + 10
        }
        func characterRow(at y: Double) {
            for (c, label) in columnLabels.enumerated() {
                canvas.text(
                    label, at: PixelPoint(centre(c), y + 3), size: tick, colour: .mutedInk, align: .centre,
                    vertical: .top)
            }
        }
        for heat in heats {
            canvas.text(
                heat.title, at: PixelPoint(gridLeft + gridWidth / 2, top), size: 15, weight: .bold, align: .centre,
                vertical: .top)
            top += Self.bandTitle
            let grid = PixelRect(
                x: gridLeft, y: top.rounded(), width: gridWidth, height: Double(heat.values.count) * cellHeight)
            var pixels: [UInt8] = []
            for row in heat.values {
                for value in row { pixels += heat.colormap.colour(for: value, in: heat.range).rgba8 }
            }
            canvas.drawImage(
                rgba: pixels, width: columns, height: heat.values.count, into: grid, interpolation: .nearest)
            canvas.stroke(grid.insetBy(dx: -0.5, dy: -0.5), colour: Colour(hex: 0x888888))
            for (r, label) in heat.rowLabels.enumerated() {
                canvas.text(
                    label, at: PixelPoint(gridLeft - 6, grid.minY + (Double(r) + 0.5) * cellHeight), size: tick,
                    colour: .mutedInk, align: .right, vertical: .middle)
            }
            canvas.drawColourBar(
                heat.colormap, range: heat.range, label: heat.barLabel,
                in: PixelRect(x: grid.maxX + 14, y: grid.minY, width: barWidth, height: max(grid.height, 60)))
            top = grid.maxY
            characterRow(at: top)
            top += Self.labelsRow
        }
        for band in lines {
            canvas.text(
                band.title, at: PixelPoint(gridLeft + gridWidth / 2, top), size: 15, weight: .bold, align: .centre,
                vertical: .top)
            top += Self.bandTitle
            let plot = PixelRect(x: gridLeft, y: top.rounded(), width: gridWidth, height: band.height)
            let all = band.curves.flatMap(\.values).filter(\.isFinite)
            let low = all.min() ?? 0
            let high = max(all.max() ?? 1, low + 1e-9)
            let range = band.yRange ?? ((low - 0.05 * (high - low))...(high + 0.05 * (high - low)))
            func y(_ value: Double) -> Double {
                plot.maxY - (value - range.lowerBound) / (range.upperBound - range.lowerBound) * plot.height
            }
            canvas.fill(plot, colour: .white)
            let ticks = Ticks.linear(range.lowerBound, range.upperBound, target: 5)
            for (value, label) in zip(ticks, Ticks.labels(for: ticks)) {
                let py = y(value).rounded(.down) + 0.5
                canvas.line(from: PixelPoint(plot.minX, py), to: PixelPoint(plot.maxX, py), colour: .grid)
                canvas.text(
                    label, at: PixelPoint(plot.minX - 6, py), size: tick, colour: .mutedInk, align: .right,
                    vertical: .middle)
            }
            var drawn: [PixelPoint] = []
            canvas.clipped(to: plot.insetBy(dx: -1, dy: -1)) {
                for curve in band.curves {
                    var points: [PixelPoint] = []
                    for (c, value) in curve.values.enumerated() {
                        if curve.steps {
                            points.append(PixelPoint(gridLeft + Double(c) * columnWidth, y(value)))
                            points.append(PixelPoint(gridLeft + Double(c + 1) * columnWidth, y(value)))
                        } else {
                            points.append(PixelPoint(centre(c), y(value)))
                        }
                    }
                    drawn += points
                    canvas.polyline(points, colour: curve.colour, lineWidth: 2, dash: curve.dashed ? [7, 4] : [])
                }
            }
            canvas.stroke(plot.insetBy(dx: -0.5, dy: -0.5), colour: Colour(hex: 0x888888))
            canvas.text(
                band.yLabel, at: PixelPoint(rect.minX + 10, plot.midY), size: 14, align: .centre, vertical: .top,
                rotation: 90)
            // The legend in the plot's top-left corner, one row per curve, on white.
            let names = band.curves.map(\.name)
            let textWidth = names.map { canvas.measure(text: $0, size: tick).width }.max() ?? 0
            let boxWidth = textWidth + 48
            let boxHeight = Double(names.count) * 19 + 8
            // The corner whose box covers the fewest curve points.
            let corners = [
                PixelPoint(plot.minX + 8, plot.minY + 6), PixelPoint(plot.maxX - 8 - boxWidth, plot.minY + 6),
                PixelPoint(plot.minX + 8, plot.maxY - 6 - boxHeight),
                PixelPoint(plot.maxX - 8 - boxWidth, plot.maxY - 6 - boxHeight),
            ].map { PixelRect(x: $0.x, y: $0.y, width: boxWidth, height: boxHeight) }
            let dense =
                drawn.count >= 2
                ? zip(drawn, drawn.dropFirst()).flatMap { a, b in
                    (0...8).map { t in PixelPoint(a.x + (b.x - a.x) * Double(t) / 8, a.y + (b.y - a.y) * Double(t) / 8)
                    }
                } : drawn
            let box =
                corners.min { one, other in
                    dense.filter { one.insetBy(dx: -4, dy: -4).contains($0) }.count
                        < dense.filter { other.insetBy(dx: -4, dy: -4).contains($0) }.count
                } ?? corners[0]
            canvas.fill(box, colour: Colour.white.withAlpha(0.9))
            canvas.stroke(box, colour: Colour(hex: 0xBBBBBB))
            for (k, curve) in band.curves.enumerated() {
                let rowY = box.minY + 4 + (Double(k) + 0.5) * 19
                canvas.line(
                    from: PixelPoint(box.minX + 8, rowY), to: PixelPoint(box.minX + 34, rowY), colour: curve.colour,
                    lineWidth: 2, dash: curve.dashed ? [7, 4] : [])
                canvas.text(
                    curve.name, at: PixelPoint(box.minX + 40, rowY), size: tick, colour: .ink, align: .left,
                    vertical: .middle)
            }
            top = plot.maxY
            characterRow(at: top)
            top += Self.labelsRow
        }
        canvas.text(
            "character read (position 1–\(columns))", at: PixelPoint(gridLeft + gridWidth / 2, top + 2), size: 14,
            align: .centre, vertical: .top)
    }
}

// The hello network's output confidences as a table of probabilities, one column per time step,
// with the cell of each step's target letter outlined: the cells training should make bright.

import Figures

/// Probabilities ŷₜ (rows: letters, columns: steps) on viridis over [0, 1], targets outlined.
struct ConfidenceTable: Chart {
    var title: String
    /// values[row][column], in [0, 1].
    var values: [[Double]]
    var rowLabels: [String]
    var columnLabels: [String]
    /// The target row of each column.
    var targets: [Int]
    var xLabel: String
    var colourBarLabel: String

    func draw(on canvas: Canvas, in rect: PixelRect) {
        let rows = values.count
        let columns = values.first?.count ?? 0
        guard rows > 0, columns > 0 else { return }
        let tick = 13.0
        let titleHeight = 15.0 * 1.25 + 10
        let rowLabelWidth = rowLabels.map { canvas.measure(text: $0, size: tick).width }.max() ?? 0
        let barWidth = canvas.colourBarWidth(range: 0...1, label: colourBarLabel)
        let area = rect.inset(
            top: 10 + titleHeight, left: 10 + rowLabelWidth + 8, bottom: 10 + 2 * (tick * 1.25 + 6),
            right: 10 + 14 + barWidth)
        let cell = min(area.width / Double(columns), area.height / Double(rows)).rounded(.down)
        let grid = PixelRect(
            x: (area.minX + (area.width - cell * Double(columns)) / 2).rounded(), y: area.minY.rounded(),
            width: cell * Double(columns), height: cell * Double(rows))
        for (r, row) in values.enumerated() {
            for (c, value) in row.enumerated() {
                let box = PixelRect(
                    x: grid.minX + Double(c) * cell, y: grid.minY + Double(r) * cell, width: cell, height: cell)
                let colour = Colormap.viridis.colour(at: min(max(value, 0), 1))
                canvas.fill(box, colour: colour)
                canvas.text(
                    Ticks.format(value, decimals: 2), at: PixelPoint(box.midX, box.midY), size: tick,
                    colour: colour.luminance > 0.5 ? .ink : .white, align: .centre, vertical: .middle)
            }
        }
        canvas.stroke(grid.insetBy(dx: -0.5, dy: -0.5), colour: Colour(hex: 0x888888))
        for (c, target) in targets.enumerated() where target < rows {
            let box = PixelRect(
                x: grid.minX + Double(c) * cell, y: grid.minY + Double(target) * cell, width: cell, height: cell)
            canvas.stroke(box.insetBy(dx: 2, dy: 2), colour: Colour(hex: 0xD55E00), lineWidth: 3)
        }
        for (r, label) in rowLabels.enumerated() {
            canvas.text(
                label, at: PixelPoint(grid.minX - 6, grid.minY + (Double(r) + 0.5) * cell), size: tick,
                colour: .mutedInk, align: .right, vertical: .middle)
        }
        for (c, label) in columnLabels.enumerated() {
            canvas.text(
                label, at: PixelPoint(grid.minX + (Double(c) + 0.5) * cell, grid.maxY + 5), size: tick,
                colour: .mutedInk, align: .centre, vertical: .top)
        }
        canvas.text(
            xLabel, at: PixelPoint(grid.midX, grid.maxY + tick * 1.25 + 12), size: 14, align: .centre, vertical: .top)
        canvas.text(
            title, at: PixelPoint(grid.midX, rect.minY + 10), size: 15, weight: .bold, align: .centre, vertical: .top)
        canvas.drawColourBar(
            .viridis, range: 0...1, label: colourBarLabel,
            in: PixelRect(x: grid.maxX + 14, y: grid.minY, width: barWidth, height: grid.height))
    }
}

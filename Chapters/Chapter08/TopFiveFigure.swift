// The figure of 8.8 after Karpathy (2015): a passage the model reads, each character with the five
// characters it finds most likely to come next stacked under it, each cell shaded by that
// probability; the character that does come next is framed where it is among the five.

import Figures
import Foundation

/// A passage wrapped into rows, each character over its five most likely successors.
struct TopFiveFigure: Chart {
    /// One character of the passage and the model's guesses after reading it.
    struct Column {
        var character: String
        /// The five most likely next characters (display names) and their probabilities.
        var guesses: [(name: String, probability: Double)]
        /// Which guess is the passage's next character (nil: not among the five, or the last one).
        var hit: Int?
    }

    var title: String
    var subtitle: String
    var columns: [Column]
    var perRow: Int
    var width = Legibility.maximumDisplayWidth

    /// White → orange → dark brown: the LSTM's vermillion family, dark for likely.
    static let colormap = Colormap(stops: [
        Colour(hex: 0xFFFFFF), Colour(hex: 0xFDD9B5), Colour(hex: 0xF59A55), Colour(hex: 0xD55E00),
        Colour(hex: 0x7F2F00),
    ])
    static let readHeight = 22.0
    static let cellHeight = 19.0
    static let rowGap = 14.0
    static let labelWidth = 58.0
    static let top = 17 * 1.3 + 20 + 15 * 1.3 + 8
    static let legendHeight = 58.0

    var rows: Int { (columns.count + perRow - 1) / max(perRow, 1) }
    var blockHeight: Double { Self.readHeight + 5 * Self.cellHeight + Self.rowGap }

    var preferredSize: (width: Int, height: Int) {
        (width, Int((Self.top + Double(rows) * blockHeight + Self.legendHeight).rounded(.up)))
    }

    func draw(on canvas: Canvas, in rect: PixelRect) {
        canvas.text(
            title, at: PixelPoint(rect.midX, rect.minY + 10), size: 17, weight: .bold, align: .centre, vertical: .top)
        canvas.text(
            subtitle, at: PixelPoint(rect.midX, rect.minY + 10 + 17 * 1.3 + 6), size: 13, colour: .mutedInk,
            align: .centre, vertical: .top)
        let left = rect.minX + 10 + Self.labelWidth
        let cellWidth = ((rect.maxX - 10 - left) / Double(perRow)).rounded(.down)
        var y = rect.minY + Self.top
        for row in 0..<rows {
            let slice = columns[(row * perRow)..<min((row + 1) * perRow, columns.count)]
            canvas.text(
                "read", at: PixelPoint(left - 8, y + Self.readHeight / 2), size: 12, colour: .mutedInk, align: .right,
                vertical: .middle)
            for rank in 0..<5 {
                canvas.text(
                    rank == 0 ? "1st guess" : "\(rank + 1)\(["", "nd", "rd", "th", "th"][rank])",
                    at: PixelPoint(left - 8, y + Self.readHeight + (Double(rank) + 0.5) * Self.cellHeight), size: 11,
                    colour: .mutedInk, align: .right, vertical: .middle)
            }
            for (offset, column) in slice.enumerated() {
                let x = left + Double(offset) * cellWidth
                canvas.text(
                    column.character, at: PixelPoint(x + cellWidth / 2, y + Self.readHeight / 2), size: 15,
                    weight: .bold, align: .centre, vertical: .middle)
                for (rank, guess) in column.guesses.enumerated() {
                    let cell = PixelRect(
                        x: x + 0.5, y: y + Self.readHeight + Double(rank) * Self.cellHeight + 0.5,
                        width: cellWidth - 1, height: Self.cellHeight - 1)
                    canvas.fill(cell, colour: Self.colormap.colour(at: guess.probability))
                    canvas.text(
                        guess.name, at: PixelPoint(cell.midX, cell.midY), size: 12,
                        colour: guess.probability > 0.45 ? .white : .ink, align: .centre, vertical: .middle)
                    if column.hit == rank {
                        canvas.stroke(cell.insetBy(dx: 0.5, dy: 0.5), colour: Colour(hex: 0x0072B2), lineWidth: 2)
                    }
                }
            }
            y += blockHeight
        }
        // The legend: the shades by probability, and the frame.
        let swatch = 32.0
        canvas.text(
            "probability", at: PixelPoint(rect.minX + 10, y + 9), size: 12, colour: .mutedInk, align: .left,
            vertical: .middle)
        let stripLeft = rect.minX + 10 + canvas.measure(text: "probability", size: 12).width + 10
        for step in 0...10 {
            let p = Double(step) / 10
            let cell = PixelRect(x: stripLeft + Double(step) * swatch, y: y, width: swatch - 1, height: 18)
            canvas.fill(cell, colour: Self.colormap.colour(at: p))
            canvas.stroke(cell, colour: Colour(hex: 0xCCCCCC))
            canvas.text(
                step == 0 ? "0" : step == 10 ? "1" : String(format: "%.1f", p), at: PixelPoint(cell.midX, y + 22),
                size: 11, colour: .mutedInk, align: .centre, vertical: .top)
        }
        let frameX = stripLeft + 11 * swatch + 30
        let frame = PixelRect(x: frameX, y: y, width: cellWidth - 1, height: 18)
        canvas.fill(frame, colour: Self.colormap.colour(at: 0.3))
        canvas.stroke(frame.insetBy(dx: 0.5, dy: 0.5), colour: Colour(hex: 0x0072B2), lineWidth: 2)
        canvas.text(
            "framed: the character that comes next in the passage", at: PixelPoint(frame.maxX + 8, y + 9), size: 12,
            colour: .mutedInk, align: .left, vertical: .middle)
    }
}

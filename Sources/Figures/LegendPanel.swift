// A legend on its own, as one panel of a figure grid: small multiples share one key instead of
// repeating it over the data of every panel.

/// A panel that holds only a legend (class markers, and optional notes below it), centred.
public struct LegendPanel: Chart {
    public var title: String
    /// The classes, drawn with the markers and colours scatter plots and decision regions use.
    public var classNames: [String]
    /// Lines of text under the key (e.g. what the shading means).
    public var notes: [String]

    public init(title: String = "", classNames: [String], notes: [String] = []) {
        self.title = title
        self.classNames = classNames
        self.notes = notes
    }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        let legend = Legend(entries: classEntries(points: [], names: classNames))
        let size = legend.size(on: canvas)
        let lineHeight = Style.legendSize * 1.5
        let notesHeight = Double(notes.count) * lineHeight
        let top = rect.midY - (size.height + notesHeight) / 2
        canvas.drawTitle(title, centreX: rect.midX, top: rect.minY + Style.padding, bounds: rect)
        legend.draw(
            on: canvas, in: PixelRect(x: rect.midX - size.width / 2, y: top, width: size.width, height: size.height))
        for (index, note) in notes.enumerated() {
            let fitted = canvas.fittedSize(note, maxWidth: rect.width - 2 * Style.padding, size: Style.legendSize)
            canvas.text(
                note, at: PixelPoint(rect.midX, top + size.height + 8 + Double(index) * lineHeight), size: fitted,
                colour: .mutedInk, align: .centre, vertical: .top)
        }
    }
}

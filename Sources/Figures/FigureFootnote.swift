// A line of small print under a figure, for figures that are not what the notes show (a run with
// changed settings): `Canvas.write` draws it when the metadata carries it.

/// The metadata entry whose text `Canvas.write` draws under the figure.
public enum FigureFootnote {
    /// The PNG text keyword of the footnote.
    public static let keyword = "Footnote"
    /// Its type size, the smallest a reader reads comfortably.
    static let size = 12.0
    static let margin = 8.0

    /// `canvas` with a band below it holding `text`, wrapped to the canvas's width.
    static func adding(_ text: String, to canvas: Canvas) -> Canvas {
        let width = Double(canvas.width)
        let lines = wrap(text, width: width - 2 * margin, on: canvas)
        let lineHeight = size * 1.35
        let band = Int((Double(lines.count) * lineHeight + margin * 1.5).rounded(.up))
        let result = Canvas(width: canvas.width, height: canvas.height + band, density: canvas.density)
        result.drawImage(
            rgba: canvas.rgba(), width: canvas.pixelWidth, height: canvas.pixelHeight,
            into: PixelRect(x: 0, y: 0, width: width, height: Double(canvas.height)))
        result.inherit(legibilityOf: canvas)
        for (index, line) in lines.enumerated() {
            let baseline = Double(canvas.height) + margin * 0.5 + size + Double(index) * lineHeight
            result.text(line, at: PixelPoint(margin, baseline), size: size, colour: .ink)
        }
        return result
    }

    /// Greedy word wrap at `width` logical px.
    static func wrap(_ text: String, width: Double, on canvas: Canvas) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if canvas.measure(text: candidate, size: size).width > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

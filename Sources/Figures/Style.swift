// The one look every figure shares: font sizes, spacing and line weights, in pixels.

/// Sizes shared by all charts so that figures look alike across chapters.
enum Style {
    static let titleSize = 15.0
    static let labelSize = 14.0
    static let tickSize = 13.0
    static let legendSize = 13.0
    static let captionSize = 12.5
    static let figureTitleSize = 17.0
    /// Space kept free around a chart inside its rectangle.
    static let padding = 10.0
    static let tickLength = 4.0
    static let lineWidth = 2.0
    static let markerSize = 8.0
    /// Smallest font a title or caption shrinks to when space is short: the smallest text a
    /// reader may see (`Legibility.smallestReadableText`).
    static let minimumTextSize = Legibility.smallestReadableText
    /// The default size of a single chart written on its own, in logical px.
    static let defaultWidth = 800
    static let defaultHeight = 560
}

extension Canvas {
    /// The largest font size ≤ `size` at which `text` fits in `maxWidth` (not below the minimum).
    func fittedSize(_ text: String, maxWidth: Double, size: Double, weight: FontWeight = .regular) -> Double {
        let width = measure(text: text, size: size, weight: weight).width
        guard width > maxWidth, width > 0 else { return size }
        return max(Style.minimumTextSize, size * maxWidth / width)
    }

    /// A bold title centred on `centreX` (moved inwards if needed) at `top`, shrunk if it
    /// would not fit inside `bounds`' width.
    func drawTitle(_ title: String, centreX: Double, top: Double, bounds: PixelRect, size: Double = Style.titleSize) {
        guard !title.isEmpty else { return }
        let available = bounds.width - 2 * Style.padding
        let fitted = fittedSize(title, maxWidth: available, size: size, weight: .bold)
        let half = measure(text: title, size: fitted, weight: .bold).width / 2
        let lowest = bounds.minX + Style.padding + half
        let highest = bounds.maxX - Style.padding - half
        let centre = lowest <= highest ? min(max(centreX, lowest), highest) : bounds.midX
        text(title, at: PixelPoint(centre, top), size: fitted, weight: .bold, align: .centre, vertical: .top)
    }
}

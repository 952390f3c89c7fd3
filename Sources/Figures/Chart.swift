// What every chart kind shares: it draws itself into any rectangle of a canvas (so charts
// compose into panels), and can be rendered or written on its own.

import Foundation

/// A figure that can draw itself into a rectangle of a canvas.
public protocol Chart {
    /// The title drawn above the chart (empty for none).
    var title: String { get }
    /// The size, in pixels, the chart is rendered at on its own.
    var preferredSize: (width: Int, height: Int) { get }
    /// Draws the chart, title and axes included, inside `rect`.
    func draw(on canvas: Canvas, in rect: PixelRect)
}

extension Chart {
    public var preferredSize: (width: Int, height: Int) { (Style.defaultWidth, Style.defaultHeight) }

    /// The chart drawn alone on a white canvas of `width` × `height` logical px (default:
    /// `preferredSize`) at `density` image pixels per logical px.
    public func render(width: Int? = nil, height: Int? = nil, density: Int = Legibility.density) -> Canvas {
        let canvas = Canvas(
            width: width ?? preferredSize.width, height: height ?? preferredSize.height, density: density)
        draw(on: canvas, in: canvas.bounds)
        return canvas
    }

    /// Renders the chart at `Legibility.density` and writes it as a PNG atomically, with a `tEXt`
    /// chunk per metadata pair (e.g. chapter, seed, software) and its measured legibility.
    /// - Throws: `FigureError` for a figure a reader could not read (`Legibility`), `FileError`
    ///   for an unwritable destination, `PNGError` for a bad keyword.
    public func write(to url: URL, metadata: [(String, String)] = [], width: Int? = nil, height: Int? = nil) throws {
        try render(width: width, height: height).write(to: url, metadata: metadata)
    }
}

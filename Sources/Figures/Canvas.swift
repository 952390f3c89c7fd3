// A drawing surface over a cairo ARGB32 image. This file and no other imports CCairo: cairo
// pointers stay private here and the public API speaks pixels, colours, strings and URLs.
// Text uses cairo's "toy" API with DejaVu Sans, found by fontconfig: simple, and enough for
// labels, titles and numbers.

import CCairo
import Foundation

/// Shapes for scatter markers; class `i` uses `MarkerShape.forIndex(i)`.
public enum MarkerShape: Sendable, CaseIterable {
    case circle, square, triangle, diamond, cross

    /// The marker for the `index`-th class or series (wraps around).
    public static func forIndex(_ index: Int) -> MarkerShape {
        let shapes = MarkerShape.allCases
        return shapes[((index % shapes.count) + shapes.count) % shapes.count]
    }
}

/// Font weight for `Canvas.text`.
public enum FontWeight: Sendable { case regular, bold }

/// Where the anchor point sits horizontally relative to the text.
public enum HorizontalAlignment: Sendable { case left, centre, right }

/// Where the anchor point sits vertically relative to the text.
public enum VerticalAlignment: Sendable {
    /// Anchor at the top of the tallest glyphs.
    case top
    /// Anchor at the middle of capital letters (visually centred).
    case middle
    /// Anchor on the baseline.
    case baseline
    /// Anchor below the lowest descenders.
    case bottom
}

/// How a pixel buffer is scaled into a rectangle.
public enum Interpolation: Sendable {
    /// Each source pixel becomes a sharp block (image grids, class maps).
    case nearest
    /// Bilinear smoothing (continuous heat maps).
    case smooth
}

/// The size of a piece of text at a given font size and weight.
public struct TextMetrics: Sendable {
    /// Advance width in pixels.
    public var width: Double
    /// Font ascent (space above the baseline), in pixels.
    public var ascent: Double
    /// Font descent (space below the baseline), in pixels.
    public var descent: Double
    /// Ascent plus descent.
    public var height: Double { ascent + descent }
}

/// A white (or other) raster canvas to draw figures on, then read back or save as PNG.
public final class Canvas {
    /// The font every figure uses.
    public static let fontFamily = "DejaVu Sans"

    /// Logical width: the width, in px, at which a reader sees the figure. Everything is drawn
    /// in logical px.
    public let width: Int
    /// Logical height, in px.
    public let height: Int
    /// Image pixels per logical px (2 keeps figures sharp on high-density screens).
    public let density: Int
    /// The stored image's width in pixels: `width × density`.
    public var pixelWidth: Int { width * density }
    /// The stored image's height in pixels: `height × density`.
    public var pixelHeight: Int { height * density }
    /// The smallest font size any text was drawn at, in logical px (`nil` before any text).
    public private(set) var smallestTextSize: Double?
    /// Every text whose ink falls (partly) outside the canvas or outside the clip it was drawn in.
    public private(set) var textOutside: [String] = []
    // The surface and context live as long as the canvas and are released in deinit.
    private let surface: OpaquePointer
    private let context: OpaquePointer
    /// The rectangles `clipped(to:_:)` restricts drawing to, innermost last.
    private var clips: [PixelRect] = []

    /// A canvas of `width` × `height` logical px filled with `background`, stored at `density`
    /// image pixels per logical px.
    public init(width: Int, height: Int, background: Colour = .white, density: Int = 1) {
        precondition(density >= 1 && density <= 4, "canvas density \(density) must be 1...4")
        precondition(
            width > 0 && height > 0 && width * density <= 16_384 && height * density <= 16_384,
            "canvas size \(width)×\(height) at density \(density) must be 1...16384 pixels on each side")
        self.width = width
        self.height = height
        self.density = density
        surface = cairo_image_surface_create(
            CAIRO_FORMAT_ARGB32, Int32(width * density), Int32(height * density))
        context = cairo_create(surface)
        precondition(
            cairo_status(context) == CAIRO_STATUS_SUCCESS, "cairo could not create a \(width)×\(height) canvas")
        cairo_scale(context, Double(density), Double(density))
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        fill(PixelRect(x: 0, y: 0, width: Double(width), height: Double(height)), colour: background)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// The whole canvas as a rectangle.
    public var bounds: PixelRect { PixelRect(x: 0, y: 0, width: Double(width), height: Double(height)) }

    // MARK: Shapes

    /// Fills `rect` with `colour`.
    public func fill(_ rect: PixelRect, colour: Colour) {
        setSource(colour)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(context)
    }

    /// Strokes the outline of `rect`.
    public func stroke(_ rect: PixelRect, colour: Colour, lineWidth: Double = 1) {
        setSource(colour)
        cairo_set_line_width(context, lineWidth)
        cairo_set_dash(context, nil, 0, 0)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(context)
    }

    /// A straight line. `dash` lists on/off lengths in pixels (empty for solid).
    public func line(
        from start: PixelPoint, to end: PixelPoint, colour: Colour, lineWidth: Double = 1, dash: [Double] = []
    ) {
        polyline([start, end], colour: colour, lineWidth: lineWidth, dash: dash)
    }

    /// A connected line through `points`. `dash` lists on/off lengths in pixels (empty for solid).
    public func polyline(_ points: [PixelPoint], colour: Colour, lineWidth: Double = 1.5, dash: [Double] = []) {
        guard let first = points.first, points.count >= 2 else { return }
        setSource(colour)
        cairo_set_line_width(context, lineWidth)
        dash.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
        cairo_move_to(context, first.x, first.y)
        for point in points.dropFirst() where point.x.isFinite && point.y.isFinite {
            cairo_line_to(context, point.x, point.y)
        }
        cairo_stroke(context)
        cairo_set_dash(context, nil, 0, 0)
    }

    /// A closed polygon, filled and optionally outlined.
    public func polygon(_ points: [PixelPoint], fill: Colour, stroke: Colour? = nil, lineWidth: Double = 1) {
        guard let first = points.first, points.count >= 3 else { return }
        cairo_move_to(context, first.x, first.y)
        for point in points.dropFirst() { cairo_line_to(context, point.x, point.y) }
        cairo_close_path(context)
        setSource(fill)
        if let stroke {
            cairo_fill_preserve(context)
            setSource(stroke)
            cairo_set_line_width(context, lineWidth)
            cairo_set_dash(context, nil, 0, 0)
            cairo_stroke(context)
        } else {
            cairo_fill(context)
        }
    }

    /// A circle of `radius` around `centre`, filled and/or outlined.
    public func circle(centre: PixelPoint, radius: Double, fill: Colour?, stroke: Colour? = nil, lineWidth: Double = 1)
    {
        cairo_new_path(context)
        cairo_arc(context, centre.x, centre.y, radius, 0, 2 * Double.pi)
        fillAndStroke(fill: fill, stroke: stroke, lineWidth: lineWidth)
    }

    /// A marker of overall size `size` (pixels across) at `centre`. A cross is stroked in
    /// `fill`; the other shapes are filled and, if `stroke` is given, outlined.
    public func marker(
        _ shape: MarkerShape, at centre: PixelPoint, size: Double, fill: Colour, stroke: Colour? = nil,
        lineWidth: Double = 1
    ) {
        let r = size / 2
        cairo_new_path(context)
        switch shape {
        case .circle:
            cairo_arc(context, centre.x, centre.y, r, 0, 2 * Double.pi)
        case .square:
            let side = size * 0.88  // a square looks bigger than a circle of the same width
            cairo_rectangle(context, centre.x - side / 2, centre.y - side / 2, side, side)
        case .triangle:
            let top = centre.y - r * 1.1
            let base = centre.y + r * 0.8
            cairo_move_to(context, centre.x, top)
            cairo_line_to(context, centre.x + r * 1.05, base)
            cairo_line_to(context, centre.x - r * 1.05, base)
            cairo_close_path(context)
        case .diamond:
            cairo_move_to(context, centre.x, centre.y - r * 1.15)
            cairo_line_to(context, centre.x + r * 0.9, centre.y)
            cairo_line_to(context, centre.x, centre.y + r * 1.15)
            cairo_line_to(context, centre.x - r * 0.9, centre.y)
            cairo_close_path(context)
        case .cross:
            let arm = r * 0.9
            if let stroke {  // a halo keeps the cross visible on busy backgrounds
                drawCross(centre: centre, arm: arm, colour: stroke, lineWidth: lineWidth * 2 + 2.2)
            }
            drawCross(centre: centre, arm: arm, colour: fill, lineWidth: 2.2)
            return
        }
        fillAndStroke(fill: fill, stroke: stroke, lineWidth: lineWidth)
    }

    // MARK: Text

    /// Measures `text` as `text(_:at:size:weight:)` would draw it.
    public func measure(text: String, size: Double, weight: FontWeight = .regular) -> TextMetrics {
        selectFont(size: size, weight: weight)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        var font = cairo_font_extents_t()
        cairo_font_extents(context, &font)
        return TextMetrics(width: extents.x_advance, ascent: font.ascent, descent: font.descent)
    }

    /// Draws `text` anchored at `point`, aligned as asked, rotated `rotation` degrees
    /// counter-clockwise about the anchor (90 reads bottom-to-top, as on a y-axis).
    public func text(
        _ text: String, at point: PixelPoint, size: Double, weight: FontWeight = .regular,
        colour: Colour = .ink, align: HorizontalAlignment = .left, vertical: VerticalAlignment = .baseline,
        rotation: Double = 0
    ) {
        guard !text.isEmpty else { return }
        let metrics = measure(text: text, size: size, weight: weight)
        let dx: Double
        switch align {
        case .left: dx = 0
        case .centre: dx = -metrics.width / 2
        case .right: dx = -metrics.width
        }
        let dy: Double
        switch vertical {
        case .top: dy = metrics.ascent
        case .middle: dy = size * 0.36  // half the cap height of DejaVu Sans
        case .baseline: dy = 0
        case .bottom: dy = -metrics.descent
        }
        record(text, size: size, origin: point, offset: PixelPoint(dx, dy), rotation: rotation)
        cairo_save(context)
        defer { cairo_restore(context) }
        cairo_translate(context, point.x, point.y)
        cairo_rotate(context, -rotation * Double.pi / 180)
        setSource(colour)
        cairo_move_to(context, dx, dy)
        cairo_show_text(context, text)
        cairo_new_path(context)
    }

    // MARK: Clipping and images

    /// Runs `body` with drawing restricted to `rect`.
    public func clipped(to rect: PixelRect, _ body: () -> Void) {
        cairo_save(context)
        clips.append(rect)
        defer {
            clips.removeLast()
            cairo_restore(context)
        }
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        body()
    }

    /// Draws a straight-RGBA8 pixel buffer (`width` × `height`, row-major) scaled into `rect`.
    public func drawImage(
        rgba: [UInt8], width imageWidth: Int, height imageHeight: Int, into rect: PixelRect,
        interpolation: Interpolation = .nearest
    ) {
        precondition(
            imageWidth > 0 && imageHeight > 0 && rgba.count == imageWidth * imageHeight * 4,
            "image of \(imageWidth)×\(imageHeight) needs \(imageWidth * imageHeight * 4) bytes, got \(rgba.count)")
        let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(imageWidth), Int32(imageHeight))
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image) else {
            return
        }
        let stride = Int(cairo_image_surface_get_stride(image))
        cairo_surface_flush(image)
        for row in 0..<imageHeight {
            for column in 0..<imageWidth {
                let source = (row * imageWidth + column) * 4
                let packed = premultipliedARGB(
                    r: rgba[source], g: rgba[source + 1], b: rgba[source + 2], a: rgba[source + 3])
                UnsafeMutableRawPointer(data).storeBytes(
                    of: packed, toByteOffset: row * stride + column * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(image)

        cairo_save(context)
        defer { cairo_restore(context) }
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        cairo_translate(context, rect.x, rect.y)
        cairo_scale(context, rect.width / Double(imageWidth), rect.height / Double(imageHeight))
        cairo_set_source_surface(context, image, 0, 0)
        let pattern = cairo_get_source(context)  // owned by the context, not released here
        cairo_pattern_set_filter(pattern, interpolation == .nearest ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR)
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        cairo_paint(context)
    }

    // MARK: Output

    /// The canvas as straight (un-premultiplied) RGBA8, row-major, `pixelWidth` × `pixelHeight`.
    public func rgba() -> [UInt8] {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let raw = UnsafeRawPointer(data)
        var result = [UInt8](repeating: 0, count: pixelWidth * pixelHeight * 4)
        for row in 0..<pixelHeight {
            for column in 0..<pixelWidth {
                let packed = raw.loadUnaligned(fromByteOffset: row * stride + column * 4, as: UInt32.self)
                let target = (row * pixelWidth + column) * 4
                let alpha = UInt32(packed >> 24)
                let channels = [(packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF]
                for (offset, premultiplied) in channels.enumerated() {
                    // Undo premultiplication, rounding to nearest.
                    let straight = alpha == 0 ? 0 : min(255, (premultiplied * 255 + alpha / 2) / alpha)
                    result[target + offset] = UInt8(straight)
                }
                result[target + 3] = UInt8(alpha)
            }
        }
        return result
    }

    /// The canvas encoded as PNG bytes (no metadata).
    public func pngBytes() throws -> [UInt8] {
        try PNGFile.encode(rgba: rgba(), width: pixelWidth, height: pixelHeight)
    }

    /// What a reader sees of the text drawn so far: see `Legibility`.
    public var legibility: Legibility {
        Legibility(displayWidth: width, smallestTextSize: smallestTextSize, textOutside: textOutside)
    }

    /// Writes the canvas as a PNG file atomically, with one `tEXt` chunk per metadata pair
    /// (e.g. `[("chapter", "01"), ("seed", "42"), ("Software", "Neural Workbook")]`), followed by
    /// the measured `Display width` and `Smallest text`.
    /// - Throws: `FigureError` if the figure breaks a rule of `Legibility` (nothing is written),
    ///   `FileError` if the folder cannot be written, `PNGError` for a bad keyword.
    /// A `FigureFootnote` entry in `metadata` is drawn in a band under the figure.
    public func write(to url: URL, metadata: [(String, String)] = []) throws {
        if let footnote = metadata.first(where: { $0.0 == FigureFootnote.keyword }) {
            let rest = metadata.filter { $0.0 != FigureFootnote.keyword }
            return try FigureFootnote.adding(footnote.1, to: self).writeValidated(to: url, metadata: rest + [footnote])
        }
        try writeValidated(to: url, metadata: metadata)
    }

    private func writeValidated(to url: URL, metadata: [(String, String)]) throws {
        try legibility.validate(name: url.lastPathComponent)
        try PNGFile.write(
            rgba: rgba(), width: pixelWidth, height: pixelHeight, metadata: metadata + legibility.metadata, to: url)
    }

    /// Takes on what `other` recorded of its text, for a canvas that copies `other`'s pixels.
    func inherit(legibilityOf other: Canvas) {
        if let size = other.smallestTextSize { smallestTextSize = min(smallestTextSize ?? size, size) }
        textOutside += other.textOutside
    }

    // MARK: Private helpers

    /// Notes the size of a text and whether its ink box (glyph extents, rotated about `origin`)
    /// stays inside the canvas and the current clip.
    private func record(_ text: String, size: Double, origin: PixelPoint, offset: PixelPoint, rotation: Double) {
        smallestTextSize = min(smallestTextSize ?? size, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        let left = offset.x + extents.x_bearing
        let top = offset.y + extents.y_bearing
        let corners = [
            (left, top), (left + extents.width, top), (left, top + extents.height),
            (left + extents.width, top + extents.height),
        ]
        let angle = -rotation * Double.pi / 180
        let placed = corners.map { x, y in
            PixelPoint(origin.x + x * cos(angle) - y * sin(angle), origin.y + x * sin(angle) + y * cos(angle))
        }
        let visible = clips.reduce(bounds) { $0.intersection($1) }
        let tolerance = 0.5
        let inside = placed.allSatisfy { point in
            point.x >= visible.minX - tolerance && point.x <= visible.maxX + tolerance
                && point.y >= visible.minY - tolerance && point.y <= visible.maxY + tolerance
        }
        if !inside { textOutside.append(text) }
    }

    private func setSource(_ colour: Colour) {
        cairo_set_source_rgba(context, colour.red, colour.green, colour.blue, colour.alpha)
    }

    private func selectFont(size: Double, weight: FontWeight) {
        let cairoWeight = weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL
        cairo_select_font_face(context, Canvas.fontFamily, CAIRO_FONT_SLANT_NORMAL, cairoWeight)
        cairo_set_font_size(context, size)
    }

    private func fillAndStroke(fill: Colour?, stroke: Colour?, lineWidth: Double) {
        if let fill {
            setSource(fill)
            if stroke != nil { cairo_fill_preserve(context) } else { cairo_fill(context) }
        }
        if let stroke {
            setSource(stroke)
            cairo_set_line_width(context, lineWidth)
            cairo_set_dash(context, nil, 0, 0)
            cairo_stroke(context)
        }
        cairo_new_path(context)
    }

    private func drawCross(centre: PixelPoint, arm: Double, colour: Colour, lineWidth: Double) {
        setSource(colour)
        cairo_set_line_width(context, lineWidth)
        cairo_set_dash(context, nil, 0, 0)
        cairo_move_to(context, centre.x - arm, centre.y - arm)
        cairo_line_to(context, centre.x + arm, centre.y + arm)
        cairo_move_to(context, centre.x - arm, centre.y + arm)
        cairo_line_to(context, centre.x + arm, centre.y - arm)
        cairo_stroke(context)
    }

    private func premultipliedARGB(r: UInt8, g: UInt8, b: UInt8, a: UInt8) -> UInt32 {
        let alpha = UInt32(a)
        func scaled(_ c: UInt8) -> UInt32 { (UInt32(c) * alpha + 127) / 255 }
        return alpha << 24 | scaled(r) << 16 | scaled(g) << 8 | scaled(b)
    }
}

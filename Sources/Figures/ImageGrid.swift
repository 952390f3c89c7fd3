// Many small images in a grid: input digits in grey, or learned weights in blue–white–red
// with one symmetric range shared by all images and a colour bar. Each image may carry a
// caption underneath ("pred 3 · true 5"), in red when it marks a mistake.

/// One small image: `width` × `height` values, row-major from the top-left.
public struct GridImage: Sendable {
    public var width: Int
    public var height: Int
    public var values: [Double]
    public var caption: String
    /// Draw the caption in the error colour (e.g. a wrong prediction).
    public var isMistake: Bool

    public init(width: Int, height: Int, values: [Double], caption: String = "", isMistake: Bool = false) {
        precondition(
            width > 0 && height > 0 && values.count == width * height,
            "a \(width)×\(height) image needs \(width * height) values, got \(values.count)")
        self.width = width
        self.height = height
        self.values = values
        self.caption = caption
        self.isMistake = isMistake
    }
}

/// A grid of small images.
public struct ImageGrid: Chart {
    /// How values become colours.
    public enum Mode: Sendable {
        /// 0 is black, 1 is white (values clamped to 0...1).
        case greyscale
        /// 1 is black, 0 is white: ink on paper.
        case inverted
        /// Blue (negative) – white (0) – red (positive), one symmetric range for all images.
        case signed
    }

    public var title: String
    public var images: [GridImage]
    public var mode: Mode
    /// Images per row; nil chooses a near-square grid.
    public var columns: Int?
    /// The symmetric range ±limit for `.signed`; nil uses the largest |value| over all images.
    public var signedLimit: Double?
    public var colourBarLabel: String = "weight"

    public init(title: String, images: [GridImage], mode: Mode = .greyscale, columns: Int? = nil) {
        self.title = title
        self.images = images
        self.mode = mode
        self.columns = columns
    }

    public var preferredSize: (width: Int, height: Int) {
        let (columnCount, rowCount) = gridShape
        let hasCaptions = images.contains { !$0.caption.isEmpty }
        let longestCaption = images.map(\.caption.count).max() ?? 0
        let barWidth = mode == .signed ? 90.0 : 0
        let fixed = 2 * Style.padding + barWidth + 16
        // Cells wide enough for their captions, shrunk (never below 40 px) to fit the page.
        let fitting = (Double(Legibility.maximumDisplayWidth) - fixed) / Double(columnCount) - 14
        let cell = max(40, min(max(84.0, Double(longestCaption) * 7.5), fitting))
        let captionHeight = hasCaptions ? Style.captionSize * 1.5 : 0
        let width = Double(columnCount) * (cell + 14) + fixed
        let height = Double(rowCount) * (cell + 8 + captionHeight) + Style.titleSize * 1.25 + 3 * Style.padding + 10
        return (max(320, Int(width)), max(200, Int(height)))
    }

    var gridShape: (columns: Int, rows: Int) {
        let count = max(images.count, 1)
        let columnCount = max(1, min(columns ?? Int(Double(count).squareRoot().rounded(.up)), count))
        return (columnCount, (count + columnCount - 1) / columnCount)
    }

    var limit: Double {
        if let signedLimit, signedLimit > 0 { return signedLimit }
        let largest = images.flatMap { $0.values.map(abs) }.filter(\.isFinite).max() ?? 1
        return largest > 0 ? largest : 1
    }

    /// Where each image is drawn when the grid fills `rect` (images keep their aspect ratio and
    /// use whole-pixel scale factors when they fit, so pixels stay square and sharp).
    public func imageRects(on canvas: Canvas, in rect: PixelRect) -> [PixelRect] {
        layout(on: canvas, in: rect).images
    }

    /// Image rectangles, caption height, the area the grid uses and the width a caption may take.
    private func layout(on canvas: Canvas, in rect: PixelRect)
        -> (images: [PixelRect], captionHeight: Double, area: PixelRect, captionWidth: Double)
    {
        let (columnCount, rowCount) = gridShape
        let titleHeight = title.isEmpty ? 0 : Style.titleSize * 1.25 + 10
        let barReserve = mode == .signed ? signedBar.reserve(on: canvas) : 0
        let hasCaptions = images.contains { !$0.caption.isEmpty }
        let captionHeight = hasCaptions ? Style.captionSize * 1.45 : 0
        let area = rect.inset(
            top: Style.padding + titleHeight, left: Style.padding,
            bottom: Style.padding, right: Style.padding + barReserve)
        let gap = hasCaptions ? 14.0 : 8.0
        let cellWidth = (area.width - gap * Double(columnCount - 1)) / Double(columnCount)
        let cellHeight = (area.height - gap * Double(rowCount - 1)) / Double(rowCount) - captionHeight
        let maxWidth = images.map(\.width).max() ?? 1
        let maxHeight = images.map(\.height).max() ?? 1
        var scale = min(cellWidth / Double(maxWidth), cellHeight / Double(maxHeight))
        if scale >= 1 { scale = scale.rounded(.down) }
        let blockWidth = Double(maxWidth) * scale
        let blockHeight = Double(maxHeight) * scale
        let usedWidth = Double(columnCount) * blockWidth + gap * Double(columnCount - 1)
        let usedHeight = Double(rowCount) * (blockHeight + captionHeight) + gap * Double(rowCount - 1)
        let left = (area.minX + (area.width - usedWidth) / 2).rounded()
        let top = (area.minY + (area.height - usedHeight) / 2).rounded()
        let rects = images.indices.map { index -> PixelRect in
            let column = index % columnCount
            let row = index / columnCount
            let image = images[index]
            let x = left + Double(column) * (blockWidth + gap) + (blockWidth - Double(image.width) * scale) / 2
            let y =
                top + Double(row) * (blockHeight + captionHeight + gap) + (blockHeight - Double(image.height) * scale)
                / 2
            return PixelRect(
                x: x.rounded(), y: y.rounded(), width: Double(image.width) * scale, height: Double(image.height) * scale
            )
        }
        return (
            rects, captionHeight, PixelRect(x: left, y: top, width: usedWidth, height: usedHeight), blockWidth + gap - 4
        )
    }

    private var signedBar: ColourBar {
        ColourBar(colormap: .diverging, range: -limit...limit, label: colourBarLabel)
    }

    /// The colour of one value under the grid's mode.
    func colour(of value: Double) -> Colour {
        switch mode {
        case .greyscale: return Colormap.greys.colour(at: value)
        case .inverted: return Colormap.greys.colour(at: 1 - value)
        case .signed: return Colormap.diverging.colour(signed: value / limit)
        }
    }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        let (rects, captionHeight, area, captionWidth) = layout(on: canvas, in: rect)
        canvas.drawTitle(title, centreX: rect.midX, top: rect.minY + Style.padding, bounds: rect)
        for (image, box) in zip(images, rects) {
            let pixels = image.values.flatMap { colour(of: $0).rgba8 }
            canvas.drawImage(rgba: pixels, width: image.width, height: image.height, into: box, interpolation: .nearest)
            canvas.stroke(box.insetBy(dx: -0.5, dy: -0.5), colour: Colour(hex: 0xAAAAAA))
            if !image.caption.isEmpty {
                let size = canvas.fittedSize(
                    image.caption, maxWidth: captionWidth, size: Style.captionSize,
                    weight: image.isMistake ? .bold : .regular)
                canvas.text(
                    image.caption, at: PixelPoint(box.midX, box.maxY + 3), size: size,
                    weight: image.isMistake ? .bold : .regular,
                    colour: image.isMistake ? .error : .ink, align: .centre, vertical: .top)
            }
        }
        if mode == .signed {
            let bar = PixelRect(
                x: area.maxX + ColourBar.gap, y: area.minY,
                width: ColourBar.barWidth, height: max(60, area.height - captionHeight))
            signedBar.draw(on: canvas, bar: bar)
        }
    }
}

// Panels stacked in bands from top to bottom, each band as tall as its content needs and split
// across the width in given proportions (a network's stages one band each; a heat map above a
// line plot), under one title. A colour bar can also be drawn on its own beside any rectangle.

/// Bands of panels, one below the other, under one title.
public struct FigureStack: Chart {
    /// One band: its panels side by side, sharing the width in proportion to `weights`.
    public struct Band {
        public var panels: [any Chart]
        public var height: Int
        public var weights: [Double]

        /// `weights` (one per panel, default equal) split the stack's width among the panels.
        public init(_ panels: [any Chart], height: Int, weights: [Double]? = nil) {
            precondition(weights == nil || weights!.count == panels.count, "one weight per panel")
            self.panels = panels
            self.height = height
            self.weights = weights ?? Array(repeating: 1, count: panels.count)
        }
    }

    public var title: String
    public var width: Int
    public var bands: [Band]

    public init(title: String, width: Int = Legibility.maximumDisplayWidth, bands: [Band]) {
        self.title = title
        self.width = width
        self.bands = bands
    }

    var titleHeight: Double { title.isEmpty ? 0 : Style.figureTitleSize * 1.3 + 2 * Style.padding }

    public var preferredSize: (width: Int, height: Int) {
        (width, bands.map(\.height).reduce(0, +) + Int(titleHeight.rounded(.up)))
    }

    /// Each panel's rectangle when the stack fills `rect` (bands keep their heights, top down).
    public func panelRects(in rect: PixelRect) -> [[PixelRect]] {
        var top = rect.minY + titleHeight
        return bands.map { band in
            let total = band.weights.reduce(0, +)
            var left = rect.minX
            let rects = band.weights.map { weight -> PixelRect in
                let panelWidth = (rect.width * weight / max(total, 1e-12)).rounded()
                defer { left += panelWidth }
                return PixelRect(x: left, y: top, width: panelWidth, height: Double(band.height))
            }
            top += Double(band.height)
            return rects
        }
    }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        canvas.drawTitle(
            title, centreX: rect.midX, top: rect.minY + Style.padding + 2, bounds: rect, size: Style.figureTitleSize)
        for (band, rects) in zip(bands, panelRects(in: rect)) {
            for (panel, cell) in zip(band.panels, rects) {
                canvas.clipped(to: cell) { panel.draw(on: canvas, in: cell) }
            }
        }
    }
}

extension Canvas {
    /// The width a vertical colour bar over `range` needs, with its tick labels and `label`.
    public func colourBarWidth(range: ClosedRange<Double>, label: String) -> Double {
        ColourBar(colormap: .viridis, range: range, label: label).reserve(on: self) - ColourBar.gap
    }

    /// A vertical colour bar of `colormap` over `range` whose gradient fills a 16 px wide strip at
    /// the left of `rect`, ticks and `label` to its right (`colourBarWidth` tells how wide).
    public func drawColourBar(_ colormap: Colormap, range: ClosedRange<Double>, label: String, in rect: PixelRect) {
        let bar = PixelRect(
            x: rect.minX.rounded(), y: rect.minY.rounded(), width: ColourBar.barWidth, height: rect.height)
        ColourBar(colormap: colormap, range: range, label: label).draw(on: self, bar: bar)
    }
}

// Small multiples: an overall title above panels arranged in rows and columns, each any chart
// with its own title (decision regions for 1, 2, 3, … hidden units side by side).

/// Several charts in a grid under one title.
public struct FigureGrid: Chart {
    public var title: String
    public var panels: [any Chart]
    public var columns: Int
    /// The size of each panel, in pixels.
    public var panelWidth: Int = 420
    public var panelHeight: Int = 340

    public init(title: String, columns: Int, panels: [any Chart], panelWidth: Int = 420, panelHeight: Int = 340) {
        precondition(columns >= 1, "a figure grid needs at least one column")
        self.title = title
        self.columns = columns
        self.panels = panels
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }

    var rows: Int { max(1, (panels.count + columns - 1) / columns) }
    var titleHeight: Double { title.isEmpty ? 0 : Style.figureTitleSize * 1.3 + 2 * Style.padding }

    /// How much the panels shrink so that the grid fits the page (1 when it already fits).
    var fitScale: Double {
        min(1, Double(Legibility.maximumDisplayWidth) / Double(columns * panelWidth))
    }

    /// `columns × panelWidth` wide, or the page's width with the panels shrunk in proportion
    /// (their text keeps its size).
    public var preferredSize: (width: Int, height: Int) {
        let width = (Double(columns * panelWidth) * fitScale).rounded(.down)
        let height = (Double(rows * panelHeight) * fitScale).rounded()
        return (Int(width), Int(height) + Int(titleHeight.rounded(.up)))
    }

    public func draw(on canvas: Canvas, in rect: PixelRect) {
        canvas.drawTitle(
            title, centreX: rect.midX, top: rect.minY + Style.padding + 2, bounds: rect, size: Style.figureTitleSize)
        let body = rect.inset(top: titleHeight)
        let cellWidth = body.width / Double(columns)
        let cellHeight = body.height / Double(rows)
        for (index, panel) in panels.enumerated() {
            let cell = PixelRect(
                x: (body.minX + Double(index % columns) * cellWidth).rounded(),
                y: (body.minY + Double(index / columns) * cellHeight).rounded(),
                width: cellWidth.rounded(), height: cellHeight.rounded())
            canvas.clipped(to: cell) { panel.draw(on: canvas, in: cell) }
        }
    }
}

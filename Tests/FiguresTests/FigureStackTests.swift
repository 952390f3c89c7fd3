import Foundation
import Testing
@testable import Figures

@Suite("Figure stacks")
struct FigureStackTests {
    @Test("bands keep their heights and split the width by weight")
    func bandLayout() throws {
        let small = ImageGrid(
            title: "small", images: [GridImage(width: 2, height: 2, values: [0, 0.5, 1, 0.2])], mode: .greyscale)
        let line = LinePlot(
            title: "line", xLabel: "x", yLabel: "y", series: [LineSeries(name: "a", ys: [1, 3, 2, 4])])
        let stack = FigureStack(
            title: "Two bands", width: 800,
            bands: [.init([small, line], height: 200, weights: [1, 3]), .init([line], height: 300)])
        #expect(stack.preferredSize.width == 800)
        #expect(stack.preferredSize.height == 500 + Int(stack.titleHeight.rounded(.up)))
        let rects = stack.panelRects(in: PixelRect(x: 0, y: 0, width: 800, height: 540))
        #expect(rects[0].map(\.width) == [200, 600])
        #expect(rects[1][0].minY == rects[0][0].maxY)
        try writeAndCheck(stack, name: "stack-bands.png")
    }

    @Test("a colour bar drawn on its own reports the width it needs")
    func standaloneColourBar() throws {
        let canvas = Canvas(width: 200, height: 200, density: 2)
        let width = canvas.colourBarWidth(range: -1...1, label: "value")
        #expect(width > 16 && width < 120)
        canvas.drawColourBar(
            .diverging, range: -1...1, label: "value", in: PixelRect(x: 20, y: 20, width: width, height: 160))
        #expect(canvas.legibility.problems.isEmpty)
    }
}

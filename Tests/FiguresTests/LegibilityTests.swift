// The legibility rules the figures library enforces: drawn for the page's width, stored at twice
// the pixels, no text a reader sees below 11 px, none cut off; and nothing is written otherwise.

import Foundation
import Testing
@testable import Figures

@Suite("Legibility")
struct LegibilityTests {
    /// A blank canvas with one label, for probing the rules one at a time.
    static func labelled(
        _ label: String, size: Double, at point: PixelPoint, width: Int = 400, rotation: Double = 0
    ) -> Canvas {
        let canvas = Canvas(width: width, height: 200, density: 2)
        canvas.text(label, at: point, size: size, rotation: rotation)
        return canvas
    }

    @Test("a canvas stores twice the pixels and draws in logical px")
    func density() throws {
        let canvas = Canvas(width: 30, height: 20, density: 2)
        canvas.fill(PixelRect(x: 10, y: 0, width: 10, height: 20), colour: Colour(rgb255: 255, 0, 0))
        let image = try PNGImage(data: try canvas.pngBytes())
        #expect(image.width == 60 && image.height == 40)
        #expect(image.pixel(x: 19, y: 5) == [255, 255, 255, 255])
        #expect(image.pixel(x: 20, y: 5) == [255, 0, 0, 255])
        #expect(image.pixel(x: 39, y: 39) == [255, 0, 0, 255])
        #expect(image.pixel(x: 40, y: 5) == [255, 255, 255, 255])
    }

    @Test("the smallest text drawn is measured and written as metadata")
    func smallestText() throws {
        let canvas = Self.labelled("loss", size: 14, at: PixelPoint(20, 40))
        canvas.text("epoch", at: PixelPoint(20, 80), size: 12.5)
        #expect(canvas.smallestTextSize == 12.5)
        let url = sampleFolder().appendingPathComponent("legible.png")
        try canvas.write(to: url)
        let entries = try PNGText.entries(in: [UInt8](Data(contentsOf: url)))
        #expect(entries.map(\.keyword) == ["Display width", "Smallest text"])
        #expect(entries.map(\.text) == ["400", "12.5"])
    }

    @Test("text below 11 px is refused, naming the figure, and nothing is written")
    func tooSmall() throws {
        let canvas = Self.labelled("tick", size: 10.5, at: PixelPoint(20, 40))
        let url = sampleFolder().appendingPathComponent("tiny-text.png")
        #expect(throws: FigureError.self) { try canvas.write(to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(canvas.legibility.problems == ["its smallest text is 10.5 px, below 11.0 px"])
    }

    @Test("a figure wider than the page is refused")
    func tooWide() throws {
        let canvas = Self.labelled("wide", size: 13, at: PixelPoint(20, 40), width: 1000)
        #expect(canvas.legibility.problems.first == "it is 1000 px wide but is shown at most 880 px wide")
        #expect(canvas.legibility.smallestTextSeen == 13 * 0.88, "the page would shrink it to 880 px")
        #expect(throws: FigureError.self) { try canvas.write(to: sampleFolder().appendingPathComponent("w.png")) }
    }

    @Test("text running off the canvas or out of its panel is caught; text inside is not")
    func cutOff() throws {
        #expect(Self.labelled("right edge", size: 13, at: PixelPoint(380, 40)).textOutside == ["right edge"])
        #expect(Self.labelled("top", size: 13, at: PixelPoint(20, 4)).textOutside == ["top"])
        #expect(Self.labelled("inside", size: 13, at: PixelPoint(20, 40)).textOutside.isEmpty)
        // A y-axis label reads bottom to top: its ink lies above the anchor, not to its right.
        #expect(Self.labelled("cost", size: 14, at: PixelPoint(20, 100), rotation: 90).textOutside.isEmpty)
        #expect(
            Self.labelled("cost per epoch", size: 14, at: PixelPoint(20, 60), rotation: 90).textOutside == [
                "cost per epoch"
            ])
        let canvas = Canvas(width: 400, height: 200, density: 2)
        canvas.clipped(to: PixelRect(x: 0, y: 0, width: 100, height: 200)) {
            canvas.text("a panel title too long", at: PixelPoint(10, 40), size: 13)
        }
        #expect(canvas.textOutside == ["a panel title too long"])
    }

    @Test("a grid of too many panels shrinks them to the page, keeping its text legible")
    func gridFits() throws {
        let costs: [Double] = (0..<10).map { 1 / Double($0 + 1) }
        let panels: [any Chart] = (1...4).map { index in
            LinePlot(
                title: "run \(index)", xLabel: "epoch", yLabel: "cost", series: [LineSeries(name: "cost", ys: costs)])
        }
        let grid = FigureGrid(title: "Four runs", columns: 4, panels: panels, panelWidth: 400, panelHeight: 300)
        let canvas = grid.render()
        #expect(canvas.width == 880 && canvas.pixelWidth == 1760)
        #expect(canvas.legibility.problems.isEmpty, "\(canvas.legibility.problems)")
    }
}

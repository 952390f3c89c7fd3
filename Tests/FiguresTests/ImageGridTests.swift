import Foundation
import Testing
@testable import Figures

@Suite("Image grids")
struct ImageGridTests {
    /// A 4×4 ramp of grey levels 0, 1/15, …, 1.
    static let ramp = GridImage(width: 4, height: 4, values: (0..<16).map { Double($0) / 15 }, caption: "ramp")

    @Test("a known image reproduces its grey levels pixel for pixel")
    func greyLevels() throws {
        let grid = ImageGrid(title: "Ramp", images: [Self.ramp])
        let canvas = grid.render(width: 300, height: 300)
        let rect = try #require(grid.imageRects(on: canvas, in: canvas.bounds).first)
        let image = try PNGImage(data: try canvas.pngBytes())
        let cell = rect.width / 4
        let density = Double(canvas.density)
        for (index, value) in Self.ramp.values.enumerated() {
            let x = Int((rect.minX + (Double(index % 4) + 0.5) * cell) * density)
            let y = Int((rect.minY + (Double(index / 4) + 0.5) * cell) * density)
            let expected = UInt8((value * 255).rounded())
            #expect(closeRGB(image.pixel(x: x, y: y), [expected, expected, expected]), "cell \(index)")
        }
    }

    static func digitLike(_ seed: Int) -> [Double] {
        (0..<(28 * 28)).map { index in
            let x = Double(index % 28) - 13.5
            let y = Double(index / 28) - 13.5
            let radius = (x * x + y * y * 0.6).squareRoot()
            return max(0, 1 - abs(radius - Double(6 + seed % 4)) / 2.5)
        }
    }

    @Test("digits with captions, mistakes in red, are written")
    func digits() throws {
        let images = (0..<12).map { index in
            GridImage(
                width: 28, height: 28, values: Self.digitLike(index),
                caption: "pred \(index % 10) · true \((index * 7) % 10)", isMistake: index % 10 != (index * 7) % 10)
        }
        try writeAndCheck(
            ImageGrid(title: "Test digits and predictions", images: images, mode: .inverted, columns: 6),
            name: "images-digits.png")
    }

    @Test("signed weights share one symmetric range and a colour bar")
    func signedWeights() throws {
        let images = (0..<10).map { unit in
            GridImage(
                width: 28, height: 28,
                values: Self.digitLike(unit).enumerated().map { index, v in
                    (v - 0.3) * (index % 28 < 14 ? 1 : -1) * Double(unit + 1) / 10
                }, caption: "unit \(unit)")
        }
        let grid = ImageGrid(title: "Hidden-unit weights", images: images, mode: .signed, columns: 5)
        #expect(grid.limit == images.flatMap { $0.values.map(abs) }.max())
        try writeAndCheck(grid, name: "images-weights.png")
    }
}

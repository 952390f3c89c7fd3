import Foundation
import Testing
@testable import Figures

@Suite("Contours")
struct ContourTests {
    /// Linear interpolation of x² + y² across a cell of side h misplaces the crossing by O(h²);
    /// with h = 4/99 that is well under this.
    static let radiusTolerance = 0.005

    @Test("marching squares puts the level-1 contour of x² + y² on the unit circle")
    func circle() throws {
        let segments = ContourLines.segments(
            of: { x, y in x * x + y * y }, xRange: -2...2, yRange: -2...2,
            resolution: 100, level: 1)
        try #require(segments.count > 50)
        for segment in segments {
            for point in [segment.start, segment.end] {
                let radius = (point.x * point.x + point.y * point.y).squareRoot()
                #expect(abs(radius - 1) < Self.radiusTolerance, "point \(point) at radius \(radius)")
            }
        }
    }

    @Test("no contour where the function never reaches the level")
    func none() {
        let segments = ContourLines.segments(
            of: { x, y in x * x + y * y }, xRange: -1...1, yRange: -1...1,
            resolution: 20, level: 5)
        #expect(segments.isEmpty)
    }

    static func descentPath(rate: Double, steps: Int) -> [(x: Double, y: Double)] {
        var w = (x: -2.6, y: 1.6)
        var path = [w]
        for _ in 0..<steps {
            w = (w.x - rate * 0.6 * w.x, w.y - rate * 6 * w.y)
            path.append(w)
        }
        return path
    }

    static let bowl: @Sendable (Double, Double) -> Double = { x, y in 0.3 * x * x + 3 * y * y }

    @Test("a contour plot with gradient-descent paths is written")
    func paths() throws {
        let plot = ContourPlot(
            title: "Gradient descent on L(w) = 0.3 w₁² + 3 w₂²", function: Self.bowl, xRange: -3...3, yRange: -2...2,
            paths: [
                ContourPath(name: "η = 0.05", points: Self.descentPath(rate: 0.05, steps: 25)),
                ContourPath(name: "η = 0.3", points: Self.descentPath(rate: 0.3, steps: 12)),
                ContourPath(name: "η = 0.32 (oscillates)", points: Self.descentPath(rate: 0.32, steps: 10)),
            ])
        try writeAndCheck(plot, name: "contour-paths.png")
    }

    @Test("a filled contour plot with log levels is written")
    func filled() throws {
        var plot = ContourPlot(
            title: "Rosenbrock loss (filled, log levels)",
            function: { x, y in (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) },
            xRange: -2...2, yRange: -1...3,
            paths: [ContourPath(name: "path", points: [(-1.5, 2.5), (-0.5, 0.5), (0.5, 0.2), (1, 1)])])
        plot.levels = .logarithmic(count: 10)
        plot.filled = true
        try writeAndCheck(plot, name: "contour-filled.png")
    }

    @Test("filled bands with automatic levels show a colour bar")
    func filledAutomatic() throws {
        var plot = ContourPlot(title: "Filled bands", function: Self.bowl, xRange: -3...3, yRange: -2...2)
        plot.filled = true
        try writeAndCheck(plot, name: "contour-filled-linear.png")
    }
}

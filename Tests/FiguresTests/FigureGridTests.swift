import Foundation
import Testing
@testable import Figures

@Suite("Figure grids")
struct FigureGridTests {
    @Test("small multiples of decision regions for several hidden-unit counts are written")
    func smallMultiples() throws {
        let points = twoBlobs(count: 40)
        let panels: [any Chart] = [1, 2, 3, 4, 5, 20, 50].map { units in
            var regions = DecisionRegions(
                title: "\(units) hidden unit\(units == 1 ? "" : "s")",
                field: .probability { x, y in 1 / (1 + exp(-(2 * x + 1.5 * y + sin(Double(units) * x) * 0.8))) },
                xRange: -3...3, yRange: -3...3, points: points, classNames: ["class 0", "class 1"])
            regions.resolution = 100
            regions.legend = .hidden
            return regions
        }
        let grid = FigureGrid(title: "Decision regions as the hidden layer grows", columns: 4, panels: panels)
        #expect(grid.preferredSize.width == Legibility.maximumDisplayWidth, "four 420 px panels shrink to fit the page")
        #expect(FigureGrid(title: "", columns: 2, panels: panels, panelWidth: 400).preferredSize == (800, 4 * 340))
        try writeAndCheck(grid, name: "grid-hidden-units.png")
    }
}

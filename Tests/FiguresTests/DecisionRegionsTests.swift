import Foundation
import Testing
@testable import Figures

@Suite("Decision regions")
struct DecisionRegionsTests {
    @Test("a class map whose left half is class 0 shows the class-0 tint left and class-1 tint right")
    func halfPlane() throws {
        let regions = DecisionRegions(
            title: "Left is class 0", field: .classes { x, _ in x < 0 ? 0 : 1 },
            xRange: -1...1, yRange: -1...1)
        let image = try writeAndCheck(regions, name: "regions-half-plane.png")
        // The plot area spans most of the canvas; these pixels are well inside each half.
        let left = image.pixel(x: image.width * 3 / 10, y: image.height / 2)
        let right = image.pixel(x: image.width * 8 / 10, y: image.height / 2)
        #expect(closeRGB(left, DecisionRegions.tint(forClass: 0).rgba8), "left pixel \(left)")
        #expect(closeRGB(right, DecisionRegions.tint(forClass: 1).rgba8), "right pixel \(right)")
    }

    @Test("a probability map with a colour bar and points is written")
    func probability() throws {
        var regions = DecisionRegions(
            title: "Logistic regression: p(class 1)",
            field: .probability { x, y in 1 / (1 + exp(-(2.2 * x + 1.8 * y))) },
            xRange: -3...3, yRange: -3...3, points: twoBlobs(), classNames: ["class 0", "class 1"])
        regions.resolution = 150
        try writeAndCheck(regions, name: "regions-probability.png")
    }

    @Test("three classes on a class map are written")
    func threeClasses() throws {
        let classify: (Double, Double) -> Int = { x, y in
            let angle = atan2(y, x)
            return angle < -Double.pi / 3 ? 0 : (angle < Double.pi / 3 ? 1 : 2)
        }
        let points = twoBlobs(count: 90).enumerated().map { index, p in
            LabelledPoint(x: p.x * 1.2, y: p.y * 1.2, label: classify(p.x * 1.2, p.y * 1.2))
        }
        let regions = DecisionRegions(
            title: "Three classes", field: .classes(classify), xRange: -3...3, yRange: -3...3,
            points: points, classNames: ["A", "B", "C"])
        try writeAndCheck(regions, name: "regions-three-classes.png")
    }
}

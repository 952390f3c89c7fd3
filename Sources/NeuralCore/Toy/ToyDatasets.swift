// Seeded generators for the classic toy classification problems of the chapters.

import Foundation

/// Generators of small 2-D datasets. Every one draws from the `SeededGenerator` it is given.
public enum ToyDatasets {
    /// Two Gaussian blobs that a line separates with margin at least `margin`.
    ///
    /// Points are drawn around centres ±(separation/2)·u for a random unit direction u, and any
    /// point closer than `margin` to the separating line u·x = 0 (shifted by a random offset) is
    /// drawn again, so the data is linearly separable with a known margin γ ≥ `margin`.
    /// - Returns: the dataset and the true separating line (w, b) with ‖w‖ = 1.
    public static func separableBlobs(
        count: Int, margin: Double = 0.2, spread: Double = 0.6, using generator: inout SeededGenerator
    ) -> (data: PointDataset, weights: [Double], bias: Double) {
        let angle = generator.uniform(0, 2 * Double.pi)
        let w = [cos(angle), sin(angle)]
        let offset = generator.uniform(-1.5, 1.5)
        let b = -offset
        var points: [[Double]] = []
        var labels: [Int] = []
        while points.count < count {
            let label = points.count % 2
            let side = label == 1 ? 1.0 : -1.0
            let centreDistance = margin + 0.4 * spread
            let x = offset * w[0] + side * centreDistance * w[0] + spread * generator.gaussian()
            let y = offset * w[1] + side * centreDistance * w[1] + spread * generator.gaussian()
            let signedDistance = w[0] * x + w[1] * y + b
            guard signedDistance * side >= margin else { continue }
            points.append([x, y])
            labels.append(label)
        }
        let data = PointDataset(points: points, labels: labels, classNames: ["class 0", "class 1"])
        return (data, w, b)
    }

    /// Two interleaving half circles ("moons") with Gaussian noise of standard deviation `noise`.
    /// Class 0: (cos t, sin t); class 1: (1 − cos t, ½ − sin t), t ∈ [0, π].
    public static func moons(count: Int, noise: Double, using generator: inout SeededGenerator) -> PointDataset {
        var points: [[Double]] = []
        var labels: [Int] = []
        for i in 0..<count {
            let label = i % 2
            let t = generator.uniform(0, Double.pi)
            let x = label == 0 ? cos(t) : 1 - cos(t)
            let y = label == 0 ? sin(t) : 0.5 - sin(t)
            points.append([x + noise * generator.gaussian(), y + noise * generator.gaussian()])
            labels.append(label)
        }
        return PointDataset(points: points, labels: labels, classNames: ["upper moon", "lower moon"])
    }

    /// Two concentric circles: class 0 of radius 1, class 1 of radius `factor`, with noise.
    public static func circles(
        count: Int, noise: Double, factor: Double = 0.5, using generator: inout SeededGenerator
    ) -> PointDataset {
        var points: [[Double]] = []
        var labels: [Int] = []
        for i in 0..<count {
            let label = i % 2
            let radius = label == 0 ? 1 : factor
            let t = generator.uniform(0, 2 * Double.pi)
            let x = radius * cos(t) + noise * generator.gaussian()
            let y = radius * sin(t) + noise * generator.gaussian()
            points.append([x, y])
            labels.append(label)
        }
        return PointDataset(points: points, labels: labels, classNames: ["outer circle", "inner circle"])
    }

    /// `classes` interleaved spiral arms of `countPerClass` points each, radius growing from 0 to 1.
    public static func spirals(
        countPerClass: Int, classes: Int = 3, noise: Double = 0.2, using generator: inout SeededGenerator
    ) -> PointDataset {
        var points: [[Double]] = []
        var labels: [Int] = []
        for label in 0..<classes {
            for i in 0..<countPerClass {
                let radius = Double(i) / Double(max(countPerClass - 1, 1))
                let baseAngle = Double(label) * 2 * Double.pi / Double(classes)
                let angle = baseAngle + 4 * radius + noise * generator.gaussian()
                points.append([radius * sin(angle), radius * cos(angle)])
                labels.append(label)
            }
        }
        let names = (0..<classes).map { "arm \($0 + 1)" }
        return PointDataset(points: points, labels: labels, classNames: names)
    }
}

import NeuralCore
import TestSupport
import Testing

@Suite("Toy datasets — seeded, balanced, shaped as promised")
struct ToyDatasetTests {
    @Test("Separable blobs keep every point at least the margin from the true line")
    func blobsAreSeparable() {
        var generator = SeededGenerator(seed: 11)
        let (data, w, b) = ToyDatasets.separableBlobs(count: 200, margin: 0.3, using: &generator)
        #expect(data.count == 200)
        for i in 0..<data.count {
            let p = data.point(i)
            let signed = w[0] * p[0] + w[1] * p[1] + b
            let side = data.labels[i] == 1 ? 1.0 : -1.0
            #expect(signed * side >= 0.3)
        }
    }

    @Test("Truth tables", arguments: TruthTable.allCases)
    func truthTables(table: TruthTable) {
        let expected: [TruthTable: [Int]] = [
            .and: [0, 0, 0, 1], .or: [0, 1, 1, 1], .nand: [1, 1, 1, 0], .xor: [0, 1, 1, 0],
        ]
        #expect(table.dataset.labels == expected[table])
    }

    @Test("Moons, circles and spirals are deterministic for a seed and balanced")
    func deterministicAndBalanced() {
        var a = SeededGenerator(seed: 9)
        var b = SeededGenerator(seed: 9)
        #expect(
            ToyDatasets.moons(count: 100, noise: 0.2, using: &a) == ToyDatasets.moons(count: 100, noise: 0.2, using: &b)
        )
        let circles = ToyDatasets.circles(count: 100, noise: 0, factor: 0.5, using: &a)
        for i in 0..<circles.count {
            let p = circles.point(i)
            let radius = (p[0] * p[0] + p[1] * p[1]).squareRoot()
            expectClose(radius, circles.labels[i] == 0 ? 1 : 0.5, tolerance: Tolerance.exactArithmetic)
        }
        let spirals = ToyDatasets.spirals(countPerClass: 30, classes: 3, using: &a)
        #expect(spirals.count == 90)
        #expect((0..<3).allSatisfy { c in spirals.labels.filter { $0 == c }.count == 30 })
    }
}

import Foundation
import NeuralCore
import Testing

@Suite("Synthetic digits")
struct SyntheticDigitsTests {
    static let seed: UInt64 = 2024
    static let count = 500
    /// Smallest mean absolute difference (in pixel units 0–255) between the mean images of two digits.
    static let minimumClassDifference = 8.0
    /// Fewest inked pixels (value > 127) an image may have.
    static let minimumInkedPixels = 15
    /// Generated test digits for the learnability check.
    static let heldOut = 200
    /// A nearest-mean classifier gets about 80 % on real MNIST; generated digits should be at least
    /// clearly learnable (chance is 10 %).
    static let minimumNearestMeanAccuracy = 0.6

    static func sample() -> ImageDataset {
        var generator = SeededGenerator(seed: seed)
        return SyntheticDigits.generate(count: count, generator: &generator)
    }

    @Test("the same seed gives identical bytes, another seed different ones")
    func deterministic() {
        let first = Self.sample()
        let second = Self.sample()
        #expect(first.pixels == second.pixels)
        #expect(first.labels == second.labels)
        var other = SeededGenerator(seed: Self.seed + 1)
        let third = SyntheticDigits.generate(count: Self.count, generator: &other)
        #expect(third.pixels != first.pixels)
    }

    @Test("shape, balanced labels and pixel range")
    func shapeAndBalance() {
        let data = Self.sample()
        #expect(data.count == Self.count)
        #expect(data.rows == 28 && data.columns == 28)
        #expect(data.pixels.count == Self.count * 784)
        #expect(data.classCounts() == Array(repeating: Self.count / 10, count: 10))
        #expect(data.pixels.max() == 255)
        #expect(data.pixels.min() == 0)
        // Shuffled: not simply 0, 1, 2, ... 9, 0, 1, ...
        #expect(data.labels != (0..<Self.count).map { UInt8($0 % 10) })
    }

    @Test("every image has ink and a blank border like MNIST")
    func notBlank() {
        let data = Self.sample()
        for index in 0..<data.count {
            let image = data.imageBytes(index)
            let inked = image.filter { $0 > 127 }.count
            #expect(inked >= Self.minimumInkedPixels, "image \(index) (a \(data.label(index))) is nearly blank")
            // The outermost frame stays empty.
            let frame = (0..<28).flatMap { [image[image.startIndex + $0], image[image.startIndex + 27 * 28 + $0]] }
            #expect(frame.allSatisfy { $0 == 0 }, "image \(index) touches the top or bottom edge")
        }
    }

    @Test("the mean images of different digits differ")
    func classesDiffer() {
        let data = Self.sample()
        var sums = [[Double]](repeating: [Double](repeating: 0, count: 784), count: 10)
        for index in 0..<data.count {
            let label = data.label(index)
            for (pixel, value) in data.imageBytes(index).enumerated() { sums[label][pixel] += Double(value) }
        }
        let means = sums.map { $0.map { $0 / Double(Self.count / 10) } }
        for a in 0..<10 {
            for b in (a + 1)..<10 {
                let difference = zip(means[a], means[b]).map { abs($0 - $1) }.reduce(0, +) / 784
                #expect(difference > Self.minimumClassDifference, "digits \(a) and \(b) look alike on average")
            }
        }
    }

    @Test("a nearest-mean classifier trained on generated digits recognises new ones")
    func learnable() {
        let train = Self.sample()
        var generator = SeededGenerator(seed: Self.seed + 99)
        let test = SyntheticDigits.generate(count: Self.heldOut, generator: &generator)
        var means = [[Double]](repeating: [Double](repeating: 0, count: 784), count: 10)
        for index in 0..<train.count {
            let label = train.label(index)
            for (pixel, value) in train.imageBytes(index).enumerated() { means[label][pixel] += Double(value) / 50 }
        }
        var correct = 0
        for index in 0..<test.count {
            let image = test.imageBytes(index).map(Double.init)
            let distances = means.map { mean in zip(mean, image).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
            if distances.indices.min(by: { distances[$0] < distances[$1] }) == test.label(index) { correct += 1 }
        }
        let accuracy = Double(correct) / Double(test.count)
        #expect(accuracy > Self.minimumNearestMeanAccuracy, "nearest-mean accuracy \(accuracy)")
    }

    @Test(
        "writes a grid of samples for a visual check",
        .enabled(
            if: ProcessInfo.processInfo.environment["WORKBOOK_SAMPLES"] != nil,
            "set WORKBOOK_SAMPLES=folder to write sample grids"))
    func writeSamples() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["WORKBOOK_SAMPLES"]!)
        var generator = SeededGenerator(seed: 7)
        let data = SyntheticDigits.generate(count: 100, generator: &generator)
        // Ten rows, one per digit, ten examples each.
        let order = (0..<10).flatMap { digit in (0..<data.count).filter { data.label($0) == digit }.prefix(10) }
        try SampleGrid.writePGM(
            data.subset(indices: order), columns: 10, to: folder.appendingPathComponent("synthetic-digits.pgm"))
    }
}

/// Writes datasets as a grid of images in a PGM file, for looking at them.
enum SampleGrid {
    static func writePGM(_ data: ImageDataset, columns: Int, to url: URL) throws {
        let gap = 2
        let rows = (data.count + columns - 1) / columns
        let width = columns * (data.columns + gap) + gap
        let height = rows * (data.rows + gap) + gap
        var canvas = [UInt8](repeating: 128, count: width * height)
        for index in 0..<data.count {
            let left = gap + (index % columns) * (data.columns + gap)
            let top = gap + (index / columns) * (data.rows + gap)
            let image = Array(data.imageBytes(index))
            for r in 0..<data.rows {
                for c in 0..<data.columns {
                    canvas[(top + r) * width + left + c] = 255 - image[r * data.columns + c]
                }
            }
        }
        let header = Array("P5\n\(width) \(height)\n255\n".utf8)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(header + canvas).write(to: url)
    }
}

import Foundation
import NeuralCore
import Testing

/// Tiny IDX files built in memory: `count` images of 28 × 28 whose pixels encode their index.
enum TinyIDX {
    static let side = 28

    static func imagePixels(count: Int) -> [UInt8] {
        (0..<(count * side * side)).map { UInt8(truncatingIfNeeded: $0 / (side * side) * 40 + $0 % 7) }
    }

    static func images(count: Int) -> [UInt8] {
        IDX.encode(dimensions: [count, side, side], data: imagePixels(count: count))
    }

    /// Just a header, for files whose data does not match it.
    static func header(magicType: UInt8 = 0x08, dimensions: [Int]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, magicType, UInt8(dimensions.count)]
        for size in dimensions {
            let value = UInt32(size)
            bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        return bytes
    }

    static func labels(_ values: [UInt8]) -> [UInt8] {
        IDX.encode(dimensions: [values.count], data: values)
    }
}

@Suite("IDX parsing")
struct IDXTests {
    static let imagesName = "train-images-idx3-ubyte.gz"
    static let labelsName = "train-labels-idx1-ubyte.gz"
    static let digits = (0...9).map(String.init)

    @Test("good images and labels parse into a dataset")
    func good() throws {
        let labels: [UInt8] = [5, 0, 4]
        let data = try DatasetReader.dataset(
            imageBytes: TinyIDX.images(count: 3), imagesName: Self.imagesName,
            labelBytes: TinyIDX.labels(labels), labelsName: Self.labelsName, classNames: Self.digits)
        #expect(data.count == 3)
        #expect(data.rows == 28 && data.columns == 28)
        #expect(data.labels == labels)
        #expect(data.pixels == TinyIDX.imagePixels(count: 3))
    }

    @Test("the header's dimensions come out big-endian")
    func bigEndian() throws {
        let bytes = IDX.encode(dimensions: [2, 3, 258], data: [UInt8](repeating: 1, count: 2 * 3 * 258))
        #expect(Array(bytes.prefix(16)) == [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 1, 2])
        let parsed = try IDX.parseImages(bytes, file: "x")
        #expect(parsed.count == 2 && parsed.rows == 3 && parsed.columns == 258)
    }

    @Test("truncated pixel data names the file, the promised and the actual size")
    func truncated() throws {
        let full = TinyIDX.header(dimensions: [60000, 28, 28])
        let bytes = full + [UInt8](repeating: 0, count: 1000)
        let error = try #require(throws: DatasetError.self) {
            try IDX.parseImages(bytes, file: Self.imagesName)
        }
        let message = error.description
        #expect(message.contains(Self.imagesName))
        #expect(message.contains("truncated"))
        #expect(message.contains("60000 images of 28×28 = 47040000 bytes"))
        #expect(message.contains("file has 1000"))

        let shortHeader = try #require(throws: DatasetError.self) { try IDX.parseLabels([0, 0, 8], file: "l") }
        #expect(shortHeader.description.contains("too short"))
        let shortLabels = try #require(throws: DatasetError.self) {
            try IDX.parseLabels(Array(TinyIDX.labels([1, 2, 3]).dropLast()), file: Self.labelsName)
        }
        #expect(shortLabels.description.contains("3 labels"))
        #expect(shortLabels.description.contains("file has 2"))
    }

    @Test("a labels file where images were expected: the message says so")
    func wrongMagic() throws {
        let error = try #require(throws: DatasetError.self) {
            try IDX.parseImages(TinyIDX.labels([1, 2]), file: Self.imagesName)
        }
        #expect(
            error.description
                == "\(Self.imagesName): expected magic 0x00000803, found 0x00000801 — is this a labels file?")
        let reversed = try #require(throws: DatasetError.self) {
            try IDX.parseLabels(TinyIDX.images(count: 1), file: Self.labelsName)
        }
        #expect(reversed.description.contains("is this an images file?"))
        let gzipped = try #require(throws: DatasetError.self) {
            try IDX.parseLabels(Gzip.compress(TinyIDX.labels([1])), file: "labels")
        }
        #expect(gzipped.description.contains("gzip"))
        let floats = try #require(throws: DatasetError.self) {
            try IDX.parseImages([0, 0, 0x0D, 3] + [UInt8](repeating: 0, count: 12), file: "f")
        }
        #expect(floats.description.contains("0x00000d03"))
    }

    @Test("extra bytes after the data are reported")
    func trailing() throws {
        let error = try #require(throws: DatasetError.self) {
            try IDX.parseImages(TinyIDX.images(count: 2) + [0], file: Self.imagesName)
        }
        #expect(error.description.contains("extra bytes"))
        #expect(error.description.contains("file has 1569"))
    }

    @Test("zero-sized images are rejected")
    func zeroRows() throws {
        let error = try #require(throws: DatasetError.self) {
            try IDX.parseImages(IDX.encode(dimensions: [0, 0, 28], data: []), file: Self.imagesName)
        }
        #expect(error.description.contains("0×28"))
    }

    @Test("a label above 9 is reported with its index")
    func labelOutOfRange() throws {
        let error = try #require(throws: DatasetError.self) {
            try DatasetReader.dataset(
                imageBytes: TinyIDX.images(count: 3), imagesName: Self.imagesName,
                labelBytes: TinyIDX.labels([1, 12, 3]), labelsName: Self.labelsName, classNames: Self.digits)
        }
        #expect(error.description.contains(Self.labelsName))
        #expect(error.description.contains("label 12 at index 1"))
        #expect(error.description.contains("0–9"))
    }

    @Test("different numbers of images and labels are reported")
    func countMismatch() throws {
        let error = try #require(throws: DatasetError.self) {
            try DatasetReader.dataset(
                imageBytes: TinyIDX.images(count: 3), imagesName: Self.imagesName,
                labelBytes: TinyIDX.labels([1, 2]), labelsName: Self.labelsName, classNames: Self.digits)
        }
        #expect(error.description.contains("3 images"))
        #expect(error.description.contains("2 labels"))
        #expect(error.description.contains(Self.imagesName) && error.description.contains(Self.labelsName))
    }
}

@Suite("Image dataset")
struct ImageDatasetTests {
    static let tolerance = 1e-12

    static func tiny() -> ImageDataset {
        ImageDataset(
            rows: 28, columns: 28, pixels: TinyIDX.imagePixels(count: 4), labels: [3, 1, 4, 1],
            classNames: (0...9).map(String.init))
    }

    @Test("image(i) is scaled to [0, 1]")
    func image() {
        let data = Self.tiny()
        let second = data.image(1)
        #expect(second.count == 784)
        #expect(abs(second[0] - 40.0 / 255) < Self.tolerance)
        #expect(second.allSatisfy { (0...1).contains($0) })
    }

    @Test("inputs(indices:) has one column per example")
    func inputs() {
        let data = Self.tiny()
        let batch = data.inputs(indices: [2, 0])
        #expect(batch.rows == 784 && batch.columns == 2)
        let third = data.image(2), first = data.image(0)
        for pixel in [0, 1, 100, 783] {
            #expect(abs(batch[pixel, 0] - third[pixel]) < Self.tolerance)
            #expect(abs(batch[pixel, 1] - first[pixel]) < Self.tolerance)
        }
    }

    @Test("oneHotLabels(indices:) has a single 1 in the label's row")
    func oneHot() {
        let data = Self.tiny()
        let targets = data.oneHotLabels(indices: 0..<4)
        #expect(targets.rows == 10 && targets.columns == 4)
        for (column, label) in [3, 1, 4, 1].enumerated() {
            for row in 0..<10 { #expect(targets[row, column] == (row == label ? 1 : 0)) }
        }
    }

    @Test("subsets keep images and labels together")
    func subset() {
        let data = Self.tiny()
        let tail = data.subset(2..<4)
        #expect(tail.count == 2 && tail.labels == [4, 1])
        #expect(tail.image(0) == data.image(2))
        let picked = data.subset(indices: [3, 0])
        #expect(picked.labels == [1, 3])
        #expect(picked.image(1) == data.image(0))
        #expect(data.classCounts() == [0, 2, 0, 1, 1, 0, 0, 0, 0, 0])
    }
}

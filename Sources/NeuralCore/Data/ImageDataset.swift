// A labelled set of small grey-scale images, stored as bytes (60,000 MNIST images take 47 MB
// this way, eight times less than as Doubles). Networks see them as Doubles in [0, 1], one
// column per example, made on demand for each mini-batch.

import Foundation

/// Images with a class label each, e.g. MNIST's 28 × 28 digits.
public struct ImageDataset: Sendable {
    /// Number of images.
    public let count: Int
    /// Pixel rows per image.
    public let rows: Int
    /// Pixel columns per image.
    public let columns: Int
    /// All pixels, image after image, each image row by row; 0 = background, 255 = ink.
    public let pixels: [UInt8]
    /// The class of each image, an index into `classNames`.
    public let labels: [UInt8]
    /// Human names of the classes ("0"..."9" for digits, "T-shirt/top"... for Fashion-MNIST).
    public let classNames: [String]

    /// Pixels per image (784 for 28 × 28).
    public var pixelsPerImage: Int { rows * columns }
    /// Number of classes (10 here).
    public var classCount: Int { classNames.count }

    /// Makes a dataset, checking sizes and labels; a mismatch is a programming error.
    /// Use `validated(...)` for data read from files, which throws readable errors instead.
    public init(rows: Int, columns: Int, pixels: [UInt8], labels: [UInt8], classNames: [String]) {
        precondition(rows > 0 && columns > 0, "images must have pixels, got \(rows)×\(columns)")
        precondition(
            pixels.count == labels.count * rows * columns,
            "\(labels.count) labels need \(labels.count * rows * columns) pixels, got \(pixels.count)")
        precondition(labels.allSatisfy { Int($0) < classNames.count }, "every label must name a class")
        self.count = labels.count
        self.rows = rows
        self.columns = columns
        self.pixels = pixels
        self.labels = labels
        self.classNames = classNames
    }

    /// Pairs parsed images with parsed labels, checking that the counts agree and that every
    /// label is a class; errors name the files.
    public static func validated(
        images: IDX.Images, imagesFile: String, labels: [UInt8], labelsFile: String, classNames: [String]
    ) throws -> ImageDataset {
        guard images.count == labels.count else {
            throw DatasetError.countMismatch(
                imagesFile: imagesFile, images: images.count, labelsFile: labelsFile, labels: labels.count)
        }
        if let index = labels.firstIndex(where: { Int($0) >= classNames.count }) {
            throw DatasetError.labelOutOfRange(
                file: labelsFile, index: index, label: Int(labels[index]), classCount: classNames.count)
        }
        return ImageDataset(
            rows: images.rows, columns: images.columns, pixels: images.pixels, labels: labels,
            classNames: classNames)
    }

    /// The label of image `index` as an Int.
    public func label(_ index: Int) -> Int { Int(labels[index]) }

    /// Image `index` as `rows × columns` Doubles in [0, 1], row by row.
    public func image(_ index: Int) -> [Double] {
        precondition(index >= 0 && index < count, "image index \(index) is outside 0..<\(count)")
        let start = index * pixelsPerImage
        return pixels[start..<(start + pixelsPerImage)].map { Double($0) / 255 }
    }

    /// The raw bytes of image `index`.
    public func imageBytes(_ index: Int) -> ArraySlice<UInt8> {
        let start = index * pixelsPerImage
        return pixels[start..<(start + pixelsPerImage)]
    }

    /// A mini-batch of inputs: a `pixelsPerImage × indices.count` matrix whose column j is image
    /// `indices[j]` scaled to [0, 1].
    public func inputs<Indices: Collection>(indices: Indices) -> Matrix where Indices.Element == Int {
        let batch = indices.count
        let size = pixelsPerImage
        var elements = [Double](repeating: 0, count: size * batch)
        pixels.withUnsafeBufferPointer { source in
            elements.withUnsafeMutableBufferPointer { target in
                for (column, index) in indices.enumerated() {
                    precondition(index >= 0 && index < count, "image index \(index) is outside 0..<\(count)")
                    let start = index * size
                    for pixel in 0..<size {
                        target[pixel * batch + column] = Double(source[start + pixel]) / 255
                    }
                }
            }
        }
        return Matrix(rows: size, columns: batch, elements: elements)
    }

    /// The desired outputs of a mini-batch: a `classCount × indices.count` matrix whose column j
    /// is 1 in the row of image `indices[j]`'s label and 0 elsewhere.
    public func oneHotLabels<Indices: Collection>(indices: Indices) -> Matrix where Indices.Element == Int {
        Matrix.oneHot(indices.map { Int(labels[$0]) }, classes: classCount)
    }

    /// The images at positions `range`, e.g. `subset(50_000..<60_000)` as a validation set.
    public func subset(_ range: Range<Int>) -> ImageDataset {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "subset \(range) is outside 0..<\(count)")
        let size = pixelsPerImage
        return ImageDataset(
            rows: rows, columns: columns,
            pixels: Array(pixels[(range.lowerBound * size)..<(range.upperBound * size)]),
            labels: Array(labels[range]), classNames: classNames)
    }

    /// The images at `indices`, in that order (e.g. a shuffled or class-filtered selection).
    public func subset(indices: [Int]) -> ImageDataset {
        let size = pixelsPerImage
        var selected = [UInt8]()
        selected.reserveCapacity(indices.count * size)
        for index in indices { selected.append(contentsOf: imageBytes(index)) }
        return ImageDataset(
            rows: rows, columns: columns, pixels: selected, labels: indices.map { labels[$0] },
            classNames: classNames)
    }

    /// How many images each class has.
    public func classCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }
}

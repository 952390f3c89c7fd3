// A stack of feature maps for a whole mini-batch, stored so that a convolution is one matrix
// product: one row per channel, and along the row every example's image one after another,
// each row-major. Entry (c, b, y, x) lives at column (b·H + y)·W + x of row c.

/// Feature maps of shape channels × batch × height × width, held as a `Matrix` with
/// `channels` rows and `batch·height·width` columns.
///
/// With this layout the output of a convolution, W·X_col (Eq. 6.5), already is the next layer's
/// feature maps, with no transposition, and an input image of one channel is the examples'
/// pixel rows laid end to end.
public struct FeatureMaps: Sendable, Equatable {
    public let channels: Int
    public let batch: Int
    public let height: Int
    public let width: Int
    /// channels × (batch·height·width).
    public var values: Matrix

    public init(channels: Int, batch: Int, height: Int, width: Int, values: Matrix) {
        precondition(
            values.rows == channels && values.columns == batch * height * width,
            "FeatureMaps \(channels)×\(batch)×\(height)×\(width) needs a \(channels)×\(batch * height * width) matrix, got \(values.shapeDescription)"
        )
        self.channels = channels
        self.batch = batch
        self.height = height
        self.width = width
        self.values = values
    }

    /// All-zero feature maps.
    public init(channels: Int, batch: Int, height: Int, width: Int) {
        self.init(
            channels: channels, batch: batch, height: height, width: width,
            values: Matrix(rows: channels, columns: batch * height * width))
    }

    /// Feature maps whose entries are `entry(c, b, y, x)`.
    public init(channels: Int, batch: Int, height: Int, width: Int, entry: (Int, Int, Int, Int) -> Double) {
        self.init(channels: channels, batch: batch, height: height, width: width)
        for c in 0..<channels {
            for b in 0..<batch {
                for y in 0..<height {
                    for x in 0..<width { self[c, b, y, x] = entry(c, b, y, x) }
                }
            }
        }
    }

    /// One image (batch 1) from a matrix of rows (height) × columns (width), channel 0.
    public init(image: Matrix) {
        self.init(
            channels: 1, batch: 1, height: image.rows, width: image.columns,
            values: Matrix(rows: 1, columns: image.count, elements: image.elements))
    }

    /// The examples at `indices` of `data` (one row of channels·height·width pixels each, channel
    /// by channel) as feature maps of a mini-batch.
    public init(examples data: LabeledData, indices: [Int], channels: Int, height: Int, width: Int) {
        let plane = height * width
        precondition(
            data.features == channels * plane,
            "examples of \(data.features) features are not \(channels)×\(height)×\(width) images")
        let batch = indices.count
        if plane == 1 {
            // Feature columns (1 × 1 maps): one strided copy per example, as dense layers read them.
            self.init(channels: channels, batch: batch, height: 1, width: 1, values: data.inputs(indices))
            return
        }
        var values = Matrix(rows: channels, columns: batch * plane)
        data.examples.elements.withUnsafeBufferPointer { source in
            values.elements.withUnsafeMutableBufferPointer { target in
                for (b, example) in indices.enumerated() {
                    for c in 0..<channels {
                        let from = example * data.features + c * plane
                        let to = c * batch * plane + b * plane
                        for k in 0..<plane { target[to + k] = source[from + k] }
                    }
                }
            }
        }
        self.init(channels: channels, batch: batch, height: height, width: width, values: values)
    }

    /// Empty feature maps (a buffer not yet sized).
    public static var empty: FeatureMaps { FeatureMaps(channels: 0, batch: 0, height: 0, width: 0) }

    /// Makes `maps` a buffer of the given shape, keeping its storage when the shape already
    /// matches (the entries are then left as they were, to be overwritten).
    public static func prepare(_ maps: inout FeatureMaps, channels: Int, batch: Int, height: Int, width: Int) {
        if maps.channels != channels || maps.batch != batch || maps.height != height || maps.width != width {
            maps = FeatureMaps(channels: channels, batch: batch, height: height, width: width)
        }
    }

    /// `prepare` with the shape of `other`.
    public static func prepare(_ maps: inout FeatureMaps, like other: FeatureMaps) {
        prepare(&maps, channels: other.channels, batch: other.batch, height: other.height, width: other.width)
    }

    /// height·width, the entries of one map.
    public var planeSize: Int { height * width }

    /// Entry (channel c, example b, row y, column x).
    public subscript(c: Int, b: Int, y: Int, x: Int) -> Double {
        get { values.elements[index(c, b, y, x)] }
        set { values.elements[index(c, b, y, x)] = newValue }
    }

    @inline(__always)
    private func index(_ c: Int, _ b: Int, _ y: Int, _ x: Int) -> Int {
        precondition(
            c >= 0 && c < channels && b >= 0 && b < batch && y >= 0 && y < height && x >= 0 && x < width,
            "index (\(c), \(b), \(y), \(x)) outside \(shapeDescription)")
        return c * batch * planeSize + (b * height + y) * width + x
    }

    /// The map of channel c for example b, as a height × width matrix.
    public func map(channel c: Int, example b: Int) -> Matrix {
        let start = c * batch * planeSize + b * planeSize
        return Matrix(
            rows: height, columns: width, elements: Array(values.elements[start..<(start + planeSize)]))
    }

    /// "channels×batch×height×width".
    public var shapeDescription: String { "\(channels)×\(batch)×\(height)×\(width)" }
}

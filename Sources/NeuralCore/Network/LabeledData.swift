// Training data in the form the training loop wants: one row per example (so a mini-batch is a
// handful of contiguous copies) and an integer class per example. A mini-batch comes out in
// the notes' layout, one column per example.

/// Examples with integer class labels, stored one row per example.
public struct LabeledData: Sendable {
    /// count × features, one row per example.
    public var examples: Matrix
    /// The class of each example, 0..<classes.
    public var labels: [Int]
    /// Number of classes (rows of a one-hot target).
    public var classes: Int

    public init(examples: Matrix, labels: [Int], classes: Int) {
        precondition(examples.rows == labels.count, "\(examples.rows) examples but \(labels.count) labels")
        precondition(labels.allSatisfy { $0 >= 0 && $0 < classes }, "labels must lie in 0..<\(classes)")
        self.examples = examples
        self.labels = labels
        self.classes = classes
    }

    /// Images scaled to [0, 1] with their labels (e.g. MNIST, 784 features, 10 classes).
    public init(_ images: ImageDataset) {
        let features = images.rows * images.columns
        var elements = [Double](repeating: 0, count: images.count * features)
        images.pixels.withUnsafeBufferPointer { pixels in
            elements.withUnsafeMutableBufferPointer { out in
                for index in 0..<out.count { out[index] = Double(pixels[index]) / 255 }
            }
        }
        self.init(
            examples: Matrix(rows: images.count, columns: features, elements: elements),
            labels: images.labels.map(Int.init), classes: images.classNames.count)
    }

    /// A 2-D toy dataset.
    public init(_ points: PointDataset) {
        self.init(
            examples: points.inputs.transposed, labels: points.labels, classes: max(points.classNames.count, 2))
    }

    public var count: Int { labels.count }
    public var features: Int { examples.columns }

    /// The examples at `indices` as features × m (one column each) and their one-hot targets,
    /// classes × m: `inputs(indices)` and `oneHotTargets(indices)` together.
    public func batch(_ indices: [Int]) -> (x: Matrix, y: Matrix) {
        (inputs(indices), oneHotTargets(indices))
    }

    /// The examples at `indices` as features × m, one column each.
    ///
    /// A transpose of the chosen rows: eight examples at a time, so that every feature's eight
    /// entries land side by side in one cache line of the result instead of m apart.
    public func inputs(_ indices: [Int]) -> Matrix {
        let m = indices.count
        let n = features
        let elements = examples.elements.withUnsafeBufferPointer { source in
            [Double](unsafeUninitializedCapacity: n * m) { target, initialized in
                var first = 0
                while first < m {
                    let count = min(8, m - first)
                    for b in 0..<count {
                        precondition(
                            indices[first + b] >= 0 && indices[first + b] < self.count, "example index out of range")
                    }
                    for feature in 0..<n {
                        let row = feature * m + first
                        for b in 0..<count { target[row + b] = source[indices[first + b] * n + feature] }
                    }
                    first += count
                }
                initialized = n * m
            }
        }
        return Matrix(rows: n, columns: m, elements: elements)
    }

    /// One-hot targets (classes × m) of the examples at `indices`, without building the inputs.
    public func oneHotTargets(_ indices: [Int]) -> Matrix {
        var y = Matrix(rows: classes, columns: indices.count)
        for (column, example) in indices.enumerated() { y[labels[example], column] = 1 }
        return y
    }

    /// Labels as a 1 × m row for a single sigmoid output (binary problems).
    public func binaryTargets(_ indices: [Int]) -> Matrix {
        Matrix(row: indices.map { Double(labels[$0]) })
    }

    /// The examples in `range`, in order.
    public func subset(_ range: Range<Int>) -> LabeledData {
        let n = features
        let slice = Array(examples.elements[(range.lowerBound * n)..<(range.upperBound * n)])
        return LabeledData(
            examples: Matrix(rows: range.count, columns: n, elements: slice), labels: Array(labels[range]),
            classes: classes)
    }
}

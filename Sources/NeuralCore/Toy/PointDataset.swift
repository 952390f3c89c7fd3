// Small two-dimensional datasets for the early chapters: points with integer class labels.

/// Labelled points in the plane (or any dimension): one column of `inputs` per example.
public struct PointDataset: Sendable, Equatable {
    /// features × count, one column per example.
    public var inputs: Matrix
    /// The class of each example, 0-based.
    public var labels: [Int]
    /// Names of the classes, for legends.
    public var classNames: [String]

    public init(inputs: Matrix, labels: [Int], classNames: [String]) {
        precondition(
            inputs.columns == labels.count,
            "PointDataset: \(inputs.columns) examples but \(labels.count) labels")
        self.inputs = inputs
        self.labels = labels
        self.classNames = classNames
    }

    /// Builds a dataset from points given as arrays.
    public init(points: [[Double]], labels: [Int], classNames: [String]) {
        let features = points.first?.count ?? 0
        let columns = Matrix(points).transposed
        self.init(
            inputs: points.isEmpty ? Matrix(rows: features, columns: 0) : columns,
            labels: labels, classNames: classNames)
    }

    /// Number of examples.
    public var count: Int { labels.count }

    /// Example i's features.
    public func point(_ i: Int) -> [Double] { inputs.column(i) }

    /// All points as arrays, in order.
    public var points: [[Double]] { (0..<count).map(point) }

    /// Labels as a 1 × count row (targets for a single output neuron).
    public var labelRow: Matrix { Matrix(row: labels.map(Double.init)) }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> PointDataset {
        PointDataset(inputs: inputs.columns(indices), labels: indices.map { labels[$0] }, classNames: classNames)
    }

    /// The same examples in an order drawn from `generator`.
    public func shuffled(using generator: inout SeededGenerator) -> PointDataset {
        subset(generator.permutation(count))
    }

    /// The smallest and largest value of each feature, for choosing plot ranges.
    public func bounds(feature: Int) -> ClosedRange<Double> {
        let values = inputs.row(feature)
        return (values.min() ?? 0)...(values.max() ?? 1)
    }
}

// A dense matrix of Doubles, row-major, with value semantics (copy-on-write through Array).
// The workbook's vectors are matrices too: a column vector is n × 1, a mini-batch is one column
// per example, so z = w·a + b reads the same for one example and for many.

/// A dense, row-major matrix of `Double`.
///
/// Shape errors are programming errors: they stop the program with a message naming both shapes.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row by row: entry (i, j) is `elements[i * columns + j]`.
    ///
    /// Read-only outside NeuralCore, so that no assignment can leave a matrix with a number of
    /// entries other than rows · columns. Change entries through the subscript, `mapInPlace(_:)`
    /// or `withUnsafeMutableBufferPointer(_:)`.
    public internal(set) var elements: [Double]

    /// A `rows × columns` matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative, got \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A `rows × columns` matrix from its entries in row-major order.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(
            elements.count == rows * columns,
            "Matrix \(rows)×\(columns) needs \(rows * columns) elements, got \(elements.count)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from nested rows, e.g. `Matrix([[1, 2], [3, 4]])`.
    public init(_ nestedRows: [[Double]]) {
        let columns = nestedRows.first?.count ?? 0
        for (index, row) in nestedRows.enumerated() {
            precondition(row.count == columns, "Row \(index) has \(row.count) entries, expected \(columns)")
        }
        self.init(rows: nestedRows.count, columns: columns, elements: nestedRows.flatMap { $0 })
    }

    /// A column vector (n × 1).
    public init(column values: [Double]) {
        self.init(rows: values.count, columns: 1, elements: values)
    }

    /// A row vector (1 × n).
    public init(row values: [Double]) {
        self.init(rows: 1, columns: values.count, elements: values)
    }

    /// A matrix whose entries are `entry(i, j)`.
    public init(rows: Int, columns: Int, entry: (Int, Int) -> Double) {
        var elements = [Double]()
        elements.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for j in 0..<columns { elements.append(entry(i, j)) }
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// The all-zero matrix.
    public static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns)
    }

    /// The identity matrix of size n.
    public static func identity(_ n: Int) -> Matrix {
        Matrix(rows: n, columns: n) { i, j in i == j ? 1 : 0 }
    }

    /// One-hot columns: a `classes × labels.count` matrix whose column k is 1 in row `labels[k]`
    /// and 0 elsewhere, the target vectors y of a classification mini-batch.
    public static func oneHot(_ labels: [Int], classes: Int) -> Matrix {
        var y = Matrix(rows: classes, columns: labels.count)
        for (k, label) in labels.enumerated() {
            precondition(label >= 0 && label < classes, "one-hot label \(label) outside 0..<\(classes)")
            y.elements[label * labels.count + k] = 1
        }
        return y
    }

    /// Independent N(0, standardDeviation²) entries drawn from `generator`.
    public static func gaussian(
        _ rows: Int, _ columns: Int, standardDeviation: Double = 1, using generator: inout SeededGenerator
    ) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        for index in m.elements.indices {
            m.elements[index] = standardDeviation * generator.gaussian()
        }
        return m
    }

    /// Independent uniform entries in [low, high) drawn from `generator`.
    public static func uniform(
        _ rows: Int, _ columns: Int, low: Double, high: Double, using generator: inout SeededGenerator
    ) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        for index in m.elements.indices {
            m.elements[index] = generator.uniform(low, high)
        }
        return m
    }

    /// The shape as "rows×columns", as used in error messages and the notes.
    public var shapeDescription: String { "\(rows)×\(columns)" }

    /// Total number of entries.
    public var count: Int { elements.count }

    /// Entry (i, j), zero-based.
    public subscript(i: Int, j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Index (\(i), \(j)) outside \(shapeDescription)")
            return elements[i * columns + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Index (\(i), \(j)) outside \(shapeDescription)")
            elements[i * columns + j] = newValue
        }
    }

    /// Replaces every entry x by `transform(x)`, in place.
    public mutating func mapInPlace(_ transform: (Double) -> Double) {
        elements.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = transform(buffer[index]) }
        }
    }

    /// Calls `body` with the entries in row-major order as one mutable buffer, for loops that
    /// write entries directly: entry (i, j) is `buffer[i * columns + j]`. The buffer's length is
    /// fixed, so the shape cannot change; the pointer is valid only inside `body`.
    public mutating func withUnsafeMutableBufferPointer<Result>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> Result
    ) rethrows -> Result {
        // Array traps if `body` replaces the buffer, so the count stays rows · columns.
        try elements.withUnsafeMutableBufferPointer(body)
    }

    /// Calls `body` with the entries in row-major order as one read-only buffer.
    public func withUnsafeBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<Double>) throws -> Result
    ) rethrows -> Result {
        try elements.withUnsafeBufferPointer(body)
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Row \(i) outside \(shapeDescription)")
        return Array(elements[(i * columns)..<((i + 1) * columns)])
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Column \(j) outside \(shapeDescription)")
        return (0..<rows).map { elements[$0 * columns + j] }
    }

    /// The columns listed in `indices`, in that order, as a new matrix (e.g. a mini-batch).
    public func columns(_ indices: [Int]) -> Matrix {
        Matrix(rows: rows, columns: indices.count) { i, k in elements[i * columns + indices[k]] }
    }

    /// The transpose.
    public var transposed: Matrix {
        Matrix(rows: columns, columns: rows) { i, j in elements[j * columns + i] }
    }

    public var description: String {
        let body = (0..<rows).map { i in
            row(i).map { formatEntry($0) }.joined(separator: "  ")
        }
        return "Matrix \(shapeDescription)\n" + body.joined(separator: "\n")
    }
}

private func formatEntry(_ x: Double) -> String {
    let rounded = (x * 10_000).rounded() / 10_000
    return rounded == 0 ? "0" : String(rounded)
}

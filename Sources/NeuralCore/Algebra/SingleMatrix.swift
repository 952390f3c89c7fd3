// A row-major matrix of Float, for products computed in single precision: twice as many numbers
// per vector instruction and half the memory traffic of Double. Only the convolutions' products
// use it (`ProductPrecision.single`); everything around them stays in Double.

/// Which precision a layer computes its matrix products in.
public enum ProductPrecision: String, Sendable, Equatable, CaseIterable {
    /// Double (53-bit significand, about 16 digits): the workbook's default, and what every
    /// gradient check uses.
    case double
    /// Float (24-bit significand, about 7 digits) for the products, with their inputs rounded to
    /// Float and their results added back in Double: what GPU and PyTorch training uses.
    case single
}

/// A dense, row-major matrix of `Float`, the operand of single-precision products.
public struct SingleMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// The entries, row by row.
    public internal(set) var elements: [Float]

    /// A `rows × columns` matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "SingleMatrix shape must be non-negative, got \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        elements = Array(repeating: 0, count: rows * columns)
    }

    /// `matrix` with every entry rounded to the nearest Float.
    public init(_ matrix: Matrix) {
        rows = matrix.rows
        columns = matrix.columns
        elements = matrix.elements.map { Float($0) }
    }

    /// A rows × columns buffer whose entries the caller overwrites before reading them (a product
    /// with beta = 0 does): skips the zero fill. Float is a trivial type, so this is safe.
    static func unfilled(rows: Int, columns: Int) -> SingleMatrix {
        SingleMatrix(rows: rows, columns: columns, uninitialized: ())
    }

    private init(rows: Int, columns: Int, uninitialized: Void) {
        self.rows = rows
        self.columns = columns
        let count = rows * columns
        elements = [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// An empty buffer, to be sized by `prepare`.
    public static var empty: SingleMatrix { SingleMatrix(rows: 0, columns: 0) }

    public var shapeDescription: String { "\(rows)×\(columns)" }

    /// Makes `matrix` a `rows × columns` buffer, keeping its storage when the shape already matches.
    public static func prepare(_ matrix: inout SingleMatrix, rows: Int, columns: Int) {
        if matrix.rows != rows || matrix.columns != columns { matrix = SingleMatrix(rows: rows, columns: columns) }
    }

    /// Copies `block` (rows × B) into columns k·B ..< (k+1)·B: how a window's steps sit side by side.
    public mutating func place(_ block: SingleMatrix, columnBlock k: Int) {
        let width = columns
        let batch = block.columns
        precondition(
            block.rows == rows && (k + 1) * batch <= width && k >= 0,
            "place: block \(k) of \(block.shapeDescription) outside \(shapeDescription)")
        block.elements.withUnsafeBufferPointer { source in
            elements.withUnsafeMutableBufferPointer { target in
                for i in 0..<rows {
                    for b in 0..<batch { target[i * width + k * batch + b] = source[i * batch + b] }
                }
            }
        }
    }

    /// Overwrites this buffer with `matrix` rounded to Float (resized if needed).
    public mutating func assign(_ matrix: Matrix) {
        Self.prepare(&self, rows: matrix.rows, columns: matrix.columns)
        matrix.elements.withUnsafeBufferPointer { source in
            elements.withUnsafeMutableBufferPointer { target in
                for index in 0..<target.count { target[index] = Float(source[index]) }
            }
        }
    }
}

extension Matrix {
    /// `single` with every entry widened to Double (exactly: every Float is a Double).
    public init(widening single: SingleMatrix) {
        self.init(rows: single.rows, columns: single.columns, elements: single.elements.map { Double($0) })
    }
}

extension Matrix {
    /// self ← self + `single` widened to Double, entry by entry (the shapes must match): how a
    /// single-precision product is added into a Double result.
    public mutating func addWidened(_ single: SingleMatrix) {
        precondition(
            rows == single.rows && columns == single.columns,
            "addWidened: \(single.shapeDescription) into \(shapeDescription)")
        single.elements.withUnsafeBufferPointer { source in
            elements.withUnsafeMutableBufferPointer { target in
                for index in 0..<target.count { target[index] += Double(source[index]) }
            }
        }
    }
}

// A matrix whose entries are leaves of the reverse-mode tape: the bridge between the matrix code
// and its independent scalar oracle. Build one from a parameter matrix, write the model's
// equations with its entries, call `backward()` on the result, and read `gradient`.

/// A rows × columns grid of `Value` leaves holding a matrix's entries (row-major).
public struct TapeMatrix {
    public let rows: Int
    public let columns: Int
    /// The leaves, row-major: entry (i, j) is `values[i * columns + j]`.
    public let values: [Value]

    /// Fresh leaves holding the entries of `matrix`.
    public init(_ matrix: Matrix) {
        rows = matrix.rows
        columns = matrix.columns
        values = matrix.elements.map { Value($0) }
    }

    /// Fresh leaves holding the entries of `matrix`, entry (i, j) labelled `label(i, j)` (labels
    /// name the leaves in a drawn computation graph).
    public init(_ matrix: Matrix, label: (Int, Int) -> String) {
        rows = matrix.rows
        columns = matrix.columns
        values = (0..<matrix.rows * matrix.columns).map { index in
            Value(matrix.elements[index], label: label(index / matrix.columns, index % matrix.columns))
        }
    }

    public subscript(i: Int, j: Int) -> Value { values[i * columns + j] }

    /// Σⱼ m[r, j] vⱼ: row r of this matrix times a vector of tape values.
    public func rowTimes(_ r: Int, _ v: [Value]) -> Value {
        precondition(v.count == columns, "TapeMatrix.rowTimes: \(v.count) values for \(columns) columns")
        return Value.sum((0..<columns).map { j in values[r * columns + j] * v[j] })
    }

    /// ∂(output)/∂(each entry) after `backward()` on some output, shaped like the matrix.
    public var gradient: Matrix { Matrix(rows: rows, columns: columns, elements: values.map(\.grad)) }
}

// Element-wise arithmetic, broadcasting and reductions on `Matrix`.

extension Matrix {
    /// Stops with a message naming both shapes when they differ.
    @inline(__always)
    func requireSameShape(_ other: Matrix, _ operation: String) {
        precondition(
            rows == other.rows && columns == other.columns,
            "\(operation): shapes \(shapeDescription) and \(other.shapeDescription) differ")
    }

    /// Applies `transform` to every entry.
    public func map(_ transform: (Double) -> Double) -> Matrix {
        Matrix(rows: rows, columns: columns, elements: elements.map(transform))
    }

    /// Combines two same-shaped matrices entry by entry.
    public func zipWith(_ other: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        requireSameShape(other, "zipWith")
        var result = self
        for index in elements.indices {
            result.elements[index] = combine(elements[index], other.elements[index])
        }
        return result
    }

    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        lhs.requireSameShape(rhs, "Matrix +")
        var result = lhs
        result += rhs
        return result
    }

    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        lhs.requireSameShape(rhs, "Matrix −")
        var result = lhs
        result -= rhs
        return result
    }

    public static func += (lhs: inout Matrix, rhs: Matrix) {
        lhs.requireSameShape(rhs, "Matrix +=")
        for index in lhs.elements.indices { lhs.elements[index] += rhs.elements[index] }
    }

    public static func -= (lhs: inout Matrix, rhs: Matrix) {
        lhs.requireSameShape(rhs, "Matrix −=")
        for index in lhs.elements.indices { lhs.elements[index] -= rhs.elements[index] }
    }

    public static prefix func - (m: Matrix) -> Matrix { m.map { -$0 } }

    /// self ← self + scale · other, in place (the axpy of BLAS level 1).
    public mutating func addScaled(_ other: Matrix, by scale: Double) {
        requireSameShape(other, "addScaled")
        elements.withUnsafeMutableBufferPointer { mine in
            other.elements.withUnsafeBufferPointer { theirs in
                for index in 0..<mine.count { mine[index] += scale * theirs[index] }
            }
        }
    }

    public static func * (scalar: Double, m: Matrix) -> Matrix { m.map { scalar * $0 } }
    public static func * (m: Matrix, scalar: Double) -> Matrix { m.map { $0 * scalar } }
    public static func / (m: Matrix, scalar: Double) -> Matrix { m.map { $0 / scalar } }
    public static func *= (m: inout Matrix, scalar: Double) {
        for index in m.elements.indices { m.elements[index] *= scalar }
    }

    /// The Hadamard (entry-wise) product s ⊙ t.
    public static func ⊙ (lhs: Matrix, rhs: Matrix) -> Matrix {
        lhs.requireSameShape(rhs, "Hadamard product ⊙")
        var result = lhs
        for index in result.elements.indices { result.elements[index] *= rhs.elements[index] }
        return result
    }

    /// The Hadamard product, spelled out.
    public func hadamard(_ other: Matrix) -> Matrix { self ⊙ other }

    // MARK: Broadcasting

    /// Adds the column vector `v` (rows × 1) to every column: z = w·a + b over a mini-batch.
    public func addingToEachColumn(_ v: Matrix) -> Matrix {
        precondition(
            v.columns == 1 && v.rows == rows,
            "addingToEachColumn: \(shapeDescription) needs a \(rows)×1 vector, got \(v.shapeDescription)")
        var result = self
        for i in 0..<rows {
            let bias = v.elements[i]
            for j in 0..<columns { result.elements[i * columns + j] += bias }
        }
        return result
    }

    /// Adds the row vector `v` (1 × columns) to every row.
    public func addingToEachRow(_ v: Matrix) -> Matrix {
        precondition(
            v.rows == 1 && v.columns == columns,
            "addingToEachRow: \(shapeDescription) needs a 1×\(columns) vector, got \(v.shapeDescription)")
        var result = self
        for i in 0..<rows {
            for j in 0..<columns { result.elements[i * columns + j] += v.elements[j] }
        }
        return result
    }

    // MARK: Reductions

    /// The sum of all entries.
    public func sum() -> Double { elements.reduce(0, +) }

    /// Sums each row: a rows × 1 column vector (e.g. ∂C/∂b summed over a mini-batch).
    public func rowSums() -> Matrix {
        Matrix(rows: rows, columns: 1) { i, _ in
            var total = 0.0
            for j in 0..<columns { total += elements[i * columns + j] }
            return total
        }
    }

    /// Sums each column: a 1 × columns row vector.
    public func columnSums() -> Matrix {
        var result = Matrix(rows: 1, columns: columns)
        for i in 0..<rows {
            for j in 0..<columns { result.elements[j] += elements[i * columns + j] }
        }
        return result
    }

    /// The index of the largest entry in each column (a classifier's prediction per example).
    public func argmaxPerColumn() -> [Int] {
        (0..<columns).map { j in
            var best = 0
            for i in 1..<max(rows, 1) where elements[i * columns + j] > elements[best * columns + j] {
                best = i
            }
            return best
        }
    }

    /// The Frobenius (Euclidean) norm √(Σ mᵢⱼ²).
    public func norm() -> Double {
        elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// The largest absolute entry (0 for an empty matrix).
    public func maxAbs() -> Double {
        elements.reduce(0) { max($0, abs($1)) }
    }

    /// Σ sᵢⱼ tᵢⱼ for same-shaped matrices (the dot product of vectors).
    public func dot(_ other: Matrix) -> Double {
        requireSameShape(other, "dot")
        var total = 0.0
        for index in elements.indices { total += elements[index] * other.elements[index] }
        return total
    }
}

infix operator ⊙ : MultiplicationPrecedence

import NeuralCore
import TestSupport
import Testing

@Suite("Matrix — shapes, element-wise arithmetic and BLAS products")
struct MatrixTests {
    /// Shapes that catch transposition and leading-dimension mistakes: vectors, non-square, odd sizes.
    static let productShapes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1), (1, 7, 1), (7, 1, 5), (1, 5, 9), (9, 5, 1), (3, 4, 2), (2, 3, 7), (13, 17, 11), (64, 33, 65),
    ]

    @Test("BLAS product equals the triple loop", arguments: productShapes.indices)
    func productMatchesReference(caseIndex: Int) {
        let (m, k, n) = Self.productShapes[caseIndex]
        var generator = SeededGenerator(seed: UInt64(100 + caseIndex))
        let a = Matrix.gaussian(m, k, using: &generator)
        let b = Matrix.gaussian(k, n, using: &generator)
        expectClose(a * b, referenceProduct(a, b), tolerance: Tolerance.blasVersusLoop)
    }

    @Test("Transposed operands are handed to BLAS, not copied", arguments: productShapes.indices)
    func transposedProducts(caseIndex: Int) {
        let (m, k, n) = Self.productShapes[caseIndex]
        var generator = SeededGenerator(seed: UInt64(200 + caseIndex))
        let aT = Matrix.gaussian(k, m, using: &generator)  // stored transposed
        let bT = Matrix.gaussian(n, k, using: &generator)
        let expected = referenceProduct(aT.transposed, bT.transposed)
        let viaFlags = Matrix.product(aT, bT, transposeA: true, transposeB: true)
        expectClose(viaFlags, expected, tolerance: Tolerance.blasVersusLoop)
        let leftOnly = Matrix.product(aT, bT.transposed, transposeA: true)
        expectClose(leftOnly, expected, tolerance: Tolerance.blasVersusLoop)
        let rightOnly = Matrix.product(aT.transposed, bT, transposeB: true)
        expectClose(rightOnly, expected, tolerance: Tolerance.blasVersusLoop)
    }

    @Test("addProduct accumulates: C ← αAB + βC")
    func accumulatingProduct() {
        var generator = SeededGenerator(seed: 7)
        let a = Matrix.gaussian(4, 3, using: &generator)
        let b = Matrix.gaussian(3, 5, using: &generator)
        let c0 = Matrix.gaussian(4, 5, using: &generator)
        var c = c0
        c.addProduct(a, b, alpha: 2, beta: 0.5)
        expectClose(c, 2 * referenceProduct(a, b) + 0.5 * c0, tolerance: Tolerance.blasVersusLoop)
    }

    @Test("Element-wise arithmetic, Hadamard product and broadcasting")
    func elementwise() {
        let s = Matrix([[1, 2], [3, 4]])
        let t = Matrix([[5, 6], [7, 8]])
        #expect(s + t == Matrix([[6, 8], [10, 12]]))
        #expect(t - s == Matrix([[4, 4], [4, 4]]))
        #expect(s ⊙ t == Matrix([[5, 12], [21, 32]]))
        #expect(2 * s == Matrix([[2, 4], [6, 8]]))
        #expect(s.transposed == Matrix([[1, 3], [2, 4]]))
        #expect(s.addingToEachColumn(Matrix(column: [10, 20])) == Matrix([[11, 12], [23, 24]]))
        #expect(s.addingToEachRow(Matrix(row: [10, 20])) == Matrix([[11, 22], [13, 24]]))
    }

    @Test("Reductions: sums, argmax, norm, dot")
    func reductions() {
        let m = Matrix([[1, -5, 3], [4, 2, -6]])
        #expect(m.sum() == -1)
        #expect(m.rowSums() == Matrix(column: [-1, 0]))
        #expect(m.columnSums() == Matrix(row: [5, -3, -3]))
        #expect(m.argmaxPerColumn() == [1, 1, 0])
        expectClose(m.norm(), (1 + 25 + 9 + 16 + 4 + 36.0).squareRoot(), tolerance: Tolerance.exactArithmetic)
        #expect(m.maxAbs() == 6)
        #expect(m.dot(m) == 91)
    }

    @Test("Selecting columns builds a mini-batch")
    func selectColumns() {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.columns([2, 0]) == Matrix([[3, 1], [6, 4]]))
        #expect(m.row(1) == [4, 5, 6])
        #expect(m.column(1) == [2, 5])
    }

    @Test("Entries change in place without changing the shape")
    func mutationKeepsShape() {
        var m = Matrix([[1, 2, 3], [4, 5, 6]])
        m.mapInPlace { 10 * $0 + 1 }
        #expect(m == Matrix([[11, 21, 31], [41, 51, 61]]))
        m.withUnsafeMutableBufferPointer { buffer in
            #expect(buffer.count == 6)
            buffer[1 * 3 + 2] = -1  // entry (1, 2), row-major
        }
        #expect(m[1, 2] == -1)
        #expect(m.rows == 2 && m.columns == 3 && m.elements.count == 6)
        let total = m.withUnsafeBufferPointer { $0.reduce(0, +) }
        #expect(total == 11 + 21 + 31 + 41 + 51 - 1)
    }

    @Test("mapInPlace on a copy leaves the original alone (value semantics)")
    func mapInPlaceCopiesOnWrite() {
        let original = Matrix([[1, 2], [3, 4]])
        var copy = original
        copy.mapInPlace { -$0 }
        #expect(original == Matrix([[1, 2], [3, 4]]))
        #expect(copy == -original)
    }

    @Test("One-hot columns: a single 1 in each label's row")
    func oneHotColumns() {
        #expect(Matrix.oneHot([2, 0, 2], classes: 3) == Matrix([[0, 1, 0], [0, 0, 0], [1, 0, 1]]))
        #expect(Matrix.oneHot([], classes: 4).shapeDescription == "4×0")
    }
}

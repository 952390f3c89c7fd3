// The arithmetic every gated cell shares: the stacked pre-activations U xₜ + b of all gates in
// one matrix (a column gather for one-hot inputs), their backward pass into ∂U, ∂b and ∂xₜ, and
// the entry-wise kernels (σ, tanh and their derivatives) written as loops over raw storage so a
// step allocates only the matrices BPTT has to keep.

import Foundation

/// Helpers for cells whose gates are stacked blocks of rows of one pre-activation matrix.
enum GateAlgebra {
    /// Initial weights for a gated cell: U (rows × inputSize) and W (rows × hiddenSize) uniform in
    /// ±1/√hidden, b zero — the range recurrent libraries use, so every gate starts unsaturated.
    static func initialWeights(
        rows: Int, inputSize: Int, hiddenSize: Int, using generator: inout SeededGenerator
    ) -> (inputWeights: Matrix, recurrentWeights: Matrix, biases: Matrix) {
        let bound = 1 / Double(hiddenSize).squareRoot()
        let inputWeights = Matrix.uniform(rows, inputSize, low: -bound, high: bound, using: &generator)
        let recurrentWeights = Matrix.uniform(rows, hiddenSize, low: -bound, high: bound, using: &generator)
        return (inputWeights, recurrentWeights, Matrix(rows: rows, columns: 1))
    }

    /// U xₜ + b for a batch: rows × batch. A one-hot xₜ selects columns of U (a gather, no
    /// product); a dense xₜ goes through one GEMM.
    static func inputPart(_ inputWeights: Matrix, _ biases: Matrix, _ x: StepInput) -> Matrix {
        let rows = inputWeights.rows
        let vocabulary = inputWeights.columns
        switch x {
        case .oneHot(let indices):
            let batch = indices.count
            for index in indices {
                precondition(index >= 0 && index < vocabulary, "one-hot index \(index) outside 0..<\(vocabulary)")
            }
            var z = unfilled(rows: rows, columns: batch)
            inputWeights.elements.withUnsafeBufferPointer { u in
                biases.elements.withUnsafeBufferPointer { b in
                    z.elements.withUnsafeMutableBufferPointer { out in
                        for r in 0..<rows {
                            let rowStart = r * vocabulary
                            for j in 0..<batch { out[r * batch + j] = u[rowStart + indices[j]] + b[r] }
                        }
                    }
                }
            }
            return z
        case .dense(let input):
            precondition(
                input.rows == vocabulary,
                "gated cell: input is \(input.shapeDescription), expected \(vocabulary) rows")
            var z = Matrix(rows: rows, columns: input.columns)
            broadcastColumn(biases, into: &z)
            z.addProduct(inputWeights, input, beta: 1)
            return z
        }
    }

    /// A rows × columns matrix whose entries the caller overwrites before reading (skips the
    /// zero fill of `Matrix(rows:columns:)`; Double is trivial, so this is safe).
    static func unfilled(rows: Int, columns: Int) -> Matrix {
        let count = rows * columns
        let elements = [Double](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        return Matrix(rows: rows, columns: columns, elements: elements)
    }

    /// Copies the column vector `v` into every column of `z`.
    static func broadcastColumn(_ v: Matrix, into z: inout Matrix) {
        let columns = z.columns
        v.elements.withUnsafeBufferPointer { b in
            z.elements.withUnsafeMutableBufferPointer { out in
                for r in 0..<z.rows {
                    for j in 0..<columns { out[r * columns + j] = b[r] }
                }
            }
        }
    }

    /// Backward through U xₜ + b: adds δz xₜᵀ into ∂U = gradients[0] (a scatter of columns for
    /// one-hot inputs) and the row sums of δz into ∂b = gradients[2]; returns Uᵀ δz for dense
    /// inputs, nil for one-hot ones. (Every gated cell orders its parameters [U, W, b].)
    static func backwardInputPart(
        _ deltaZ: Matrix, x: StepInput, inputWeights: Matrix, gradients: inout [Matrix]
    ) -> Matrix? {
        let rows = deltaZ.rows
        let batch = deltaZ.columns
        deltaZ.elements.withUnsafeBufferPointer { dz in
            gradients[2].elements.withUnsafeMutableBufferPointer { db in
                for r in 0..<rows {
                    var total = 0.0
                    for j in 0..<batch { total += dz[r * batch + j] }
                    db[r] += total
                }
            }
        }
        switch x {
        case .oneHot(let indices):
            let vocabulary = gradients[0].columns
            deltaZ.elements.withUnsafeBufferPointer { dz in
                gradients[0].elements.withUnsafeMutableBufferPointer { du in
                    for r in 0..<rows {
                        let rowStart = r * vocabulary
                        for j in 0..<batch { du[rowStart + indices[j]] += dz[r * batch + j] }
                    }
                }
            }
            return nil
        case .dense(let input):
            gradients[0].addProduct(deltaZ, input, transposeB: true, beta: 1)
            return Matrix.product(inputWeights, deltaZ, transposeA: true)
        }
    }

    /// Checks that every matrix in `state` is hidden × batch.
    static func requireState(_ state: [Matrix], count: Int, hidden: Int, batch: Int, cell: String) {
        precondition(state.count == count, "\(cell): state has \(state.count) matrices, expected \(count)")
        for (k, s) in state.enumerated() {
            precondition(
                s.rows == hidden && s.columns == batch,
                "\(cell): state[\(k)] is \(s.shapeDescription), expected \(hidden)×\(batch)")
        }
    }
}

// The three products every recurrent cell makes with its input xₜ, for both kinds of input:
// U xₜ (forward), dU += δ xₜᵀ (the weight gradient) and Uᵀ δ (the input gradient). For a one-hot
// input the first is a gather of columns of U and the second a scatter-add into columns of dU, so
// no one-hot matrix is ever built; a dense input goes through BLAS.

extension StepInput {
    /// U xₜ for a batch: hidden × batch, where `weights` is U (hidden × inputSize).
    ///
    /// One-hot: column b of the result is column xₜ[b] of U (a gather). Dense: the BLAS product.
    public func product(_ weights: Matrix) -> Matrix {
        switch self {
        case .dense(let x):
            return Matrix.product(weights, x)
        case .oneHot(let indices):
            var result = Matrix(rows: weights.rows, columns: indices.count)
            addProduct(weights, into: &result)
            return result
        }
    }

    /// result ← result + U xₜ, in place (result is hidden × batch).
    public func addProduct(_ weights: Matrix, into result: inout Matrix) {
        precondition(
            result.rows == weights.rows && result.columns == batchSize,
            "StepInput.addProduct: U is \(weights.shapeDescription), the batch has \(batchSize) sequences, result is \(result.shapeDescription)"
        )
        switch self {
        case .dense(let x):
            result.addProduct(weights, x)
        case .oneHot(let indices):
            let inputs = weights.columns
            let batch = indices.count
            for index in indices {
                precondition(index >= 0 && index < inputs, "one-hot index \(index) outside 0..<\(inputs)")
            }
            weights.elements.withUnsafeBufferPointer { u in
                result.elements.withUnsafeMutableBufferPointer { z in
                    for i in 0..<weights.rows {
                        let uRow = i * inputs
                        let zRow = i * batch
                        for b in 0..<batch { z[zRow + b] += u[uRow + indices[b]] }
                    }
                }
            }
        }
    }

    /// dU ← dU + δ xₜᵀ, where `delta` is hidden × batch and dU is hidden × inputSize.
    ///
    /// One-hot: δ's column b is added to column xₜ[b] of dU (a scatter-add). Dense: BLAS, β = 1.
    public func accumulateWeightGradient(_ delta: Matrix, into weightGradient: inout Matrix) {
        precondition(
            delta.rows == weightGradient.rows && delta.columns == batchSize,
            "StepInput.accumulateWeightGradient: δ is \(delta.shapeDescription), dU is \(weightGradient.shapeDescription), batch \(batchSize)"
        )
        switch self {
        case .dense(let x):
            weightGradient.addProduct(delta, x, transposeB: true)
        case .oneHot(let indices):
            let inputs = weightGradient.columns
            let batch = indices.count
            delta.elements.withUnsafeBufferPointer { d in
                weightGradient.elements.withUnsafeMutableBufferPointer { g in
                    for i in 0..<delta.rows {
                        let gRow = i * inputs
                        let dRow = i * batch
                        for b in 0..<batch { g[gRow + indices[b]] += d[dRow + b] }
                    }
                }
            }
        }
    }

    /// Uᵀ δ, the gradient reaching a dense input (inputSize × batch); nil for one-hot inputs.
    public func inputGradient(_ weights: Matrix, _ delta: Matrix) -> Matrix? {
        switch self {
        case .dense: Matrix.product(weights, delta, transposeA: true)
        case .oneHot: nil
        }
    }
}

extension Matrix {
    /// bᵢ added to every entry of row i (a hidden × 1 bias over a batch), in place.
    public mutating func addToEachColumn(_ bias: Matrix) {
        precondition(
            bias.columns == 1 && bias.rows == rows,
            "addToEachColumn: \(shapeDescription) needs a \(rows)×1 vector, got \(bias.shapeDescription)")
        let columns = columns
        bias.elements.withUnsafeBufferPointer { b in
            elements.withUnsafeMutableBufferPointer { m in
                for i in 0..<b.count {
                    let value = b[i]
                    for j in 0..<columns { m[i * columns + j] += value }
                }
            }
        }
    }

    /// g ← g + (row sums of δ): the bias gradient of a batch accumulated in place (g is rows × 1).
    public mutating func addRowSums(of delta: Matrix) {
        precondition(
            columns == 1 && rows == delta.rows,
            "addRowSums: gradient \(shapeDescription) needs \(delta.rows)×1 for δ \(delta.shapeDescription)")
        let width = delta.columns
        delta.elements.withUnsafeBufferPointer { d in
            elements.withUnsafeMutableBufferPointer { g in
                for i in 0..<g.count {
                    var total = 0.0
                    for j in 0..<width { total += d[i * width + j] }
                    g[i] += total
                }
            }
        }
    }
}

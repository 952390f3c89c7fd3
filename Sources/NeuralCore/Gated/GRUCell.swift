// The gated recurrent unit (Cho et al. 2014): no separate cell state; an update gate mixes the
// old hidden state with a candidate, a reset gate decides how much of the old state the candidate
// sees. The reset gate is applied after the recurrent product (the form cuDNN and PyTorch use),
// so all three recurrent products are one GEMM per step.

/// A GRU cell for a batch of sequences (one column per sequence).
///
/// With the three blocks z (update), r (reset), n (candidate) stacked in 3H rows:
///
///     (8.8)   pₜ = U xₜ + b,  qₜ = W hₜ₋₁            U: 3H × inputSize, W: 3H × H, b: 3H × 1
///             zₜ = σ(p_z + q_z),  rₜ = σ(p_r + q_r)
///     (8.9)  nₜ = tanh(p_n + rₜ ⊙ q_n)
///     (8.10)  hₜ = (1 − zₜ) ⊙ hₜ₋₁ + zₜ ⊙ nₜ
///
/// Backward, given δhₜ = ∂L/∂hₜ:
///
///     (8.11)  δa_n = δhₜ ⊙ zₜ ⊙ (1 − nₜ²),  δa_z = δhₜ ⊙ (nₜ − hₜ₋₁) ⊙ zₜ(1 − zₜ),
///             δa_r = δa_n ⊙ q_n ⊙ rₜ(1 − rₜ);
///             δp = [δa_z; δa_r; δa_n],  δq = [δa_z; δa_r; δa_n ⊙ rₜ];
///             ∂L/∂U += δp xₜᵀ,  ∂L/∂b += Σ δp,  ∂L/∂W += δq hₜ₋₁ᵀ,
///             δhₜ₋₁ = Wᵀ δq + δhₜ ⊙ (1 − zₜ)
///
/// State: `[h]`. Parameters: `[U, W, b]`.
public struct GRUCell: RecurrentCell, Sendable {
    /// What one step keeps for its backward pass.
    public struct StepCache: Sendable {
        public let input: StepInput
        /// hₜ₋₁, H × batch.
        public let previousHidden: Matrix
        /// zₜ, rₜ, nₜ stacked (3H × batch).
        public let gates: Matrix
        /// q_n = (W hₜ₋₁) rows of the candidate block, H × batch.
        public let recurrentCandidate: Matrix

        /// Block k (0 update z, 1 reset r, 2 candidate n) of `gates`, H × batch.
        public func gate(_ k: Int) -> Matrix {
            let hidden = gates.rows / 3
            let size = hidden * gates.columns
            return Matrix(
                rows: hidden, columns: gates.columns, elements: Array(gates.elements[(k * size)..<((k + 1) * size)]))
        }
    }

    public let inputSize: Int
    public let hiddenSize: Int
    public var stateCount: Int { 1 }

    /// U (3H × inputSize), W (3H × H), b (3H × 1), blocks in the order z, r, n.
    public var parameters: [Matrix]
    public var parameterNames: [String] { ["U", "W", "b"] }

    /// A cell with weights uniform in ±1/√H, the update gate's bias set to `updateBias` and the
    /// other biases zero. A negative update bias starts the cell copying hₜ₋₁ forward (zₜ ≈ 0), the
    /// GRU's counterpart of a large LSTM forget bias.
    public init(inputSize: Int, hiddenSize: Int, updateBias: Double = 0, using generator: inout SeededGenerator) {
        precondition(inputSize > 0 && hiddenSize > 0, "GRUCell needs positive sizes, got \(inputSize), \(hiddenSize)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        var (u, w, b) = GateAlgebra.initialWeights(
            rows: 3 * hiddenSize, inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        for r in 0..<hiddenSize { b.elements[r] = updateBias }
        parameters = [u, w, b]
    }

    /// One step (8.8)–(8.10).
    public func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache) {
        let hidden = hiddenSize
        let batch = x.batchSize
        GateAlgebra.requireState(state, count: 1, hidden: hidden, batch: batch, cell: "GRUCell")
        let previousHidden = state[0]
        var gates = GateAlgebra.inputPart(parameters[0], parameters[2], x)
        let recurrent = Matrix.product(parameters[1], previousHidden)
        var recurrentCandidate = Matrix(rows: hidden, columns: batch)
        var output = Matrix(rows: hidden, columns: batch)
        let size = hidden * batch
        gates.elements.withUnsafeMutableBufferPointer { a in
            recurrent.elements.withUnsafeBufferPointer { q in
                previousHidden.elements.withUnsafeBufferPointer { hPrevious in
                    recurrentCandidate.elements.withUnsafeMutableBufferPointer { qn in
                        output.elements.withUnsafeMutableBufferPointer { h in
                            // (8.8): zₜ and rₜ, in place of their pre-activations.
                            for e in 0..<(2 * size) { a[e] += q[e] }
                            VectorMath.sigmoidInPlace(a, 0..<(2 * size))
                            // (8.9)
                            for e in 0..<size {
                                qn[e] = q[2 * size + e]
                                a[2 * size + e] += a[size + e] * qn[e]
                            }
                            VectorMath.tanhInPlace(a, (2 * size)..<(3 * size))
                            // (8.10)
                            for e in 0..<size { h[e] = (1 - a[e]) * hPrevious[e] + a[e] * a[2 * size + e] }
                        }
                    }
                }
            }
        }
        let cache = StepCache(
            input: x, previousHidden: previousHidden, gates: gates, recurrentCandidate: recurrentCandidate)
        return ([output], cache)
    }

    /// One backward step (8.11); accumulates into `gradients` ([∂U, ∂W, ∂b]).
    public func backwardStep(
        _ dState: [Matrix], cache: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        let hidden = hiddenSize
        let batch = cache.previousHidden.columns
        GateAlgebra.requireState(dState, count: 1, hidden: hidden, batch: batch, cell: "GRUCell.backwardStep")
        precondition(gradients.count == 3, "GRUCell.backwardStep: expected 3 gradients, got \(gradients.count)")
        let size = hidden * batch
        var deltaInputPart = Matrix(rows: 3 * hidden, columns: batch)
        var deltaRecurrentPart = Matrix(rows: 3 * hidden, columns: batch)
        var deltaPreviousHidden = Matrix(rows: hidden, columns: batch)
        deltaInputPart.elements.withUnsafeMutableBufferPointer { dp in
            deltaRecurrentPart.elements.withUnsafeMutableBufferPointer { dq in
                deltaPreviousHidden.elements.withUnsafeMutableBufferPointer { dhPrevious in
                    cache.gates.elements.withUnsafeBufferPointer { a in
                        cache.recurrentCandidate.elements.withUnsafeBufferPointer { qn in
                            cache.previousHidden.elements.withUnsafeBufferPointer { hPrevious in
                                dState[0].elements.withUnsafeBufferPointer { dh in
                                    for e in 0..<size {
                                        let z = a[e]
                                        let r = a[size + e]
                                        let n = a[2 * size + e]
                                        // (8.11)
                                        let deltaN = dh[e] * z * (1 - n * n)
                                        let deltaZ = dh[e] * (n - hPrevious[e]) * z * (1 - z)
                                        let deltaR = deltaN * qn[e] * r * (1 - r)
                                        dp[e] = deltaZ
                                        dp[size + e] = deltaR
                                        dp[2 * size + e] = deltaN
                                        dq[e] = deltaZ
                                        dq[size + e] = deltaR
                                        dq[2 * size + e] = deltaN * r
                                        dhPrevious[e] = dh[e] * (1 - z)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        gradients[1].addProduct(deltaRecurrentPart, cache.previousHidden, transposeB: true, beta: 1)
        deltaPreviousHidden.addProduct(parameters[1], deltaRecurrentPart, transposeA: true, beta: 1)
        let deltaInput = GateAlgebra.backwardInputPart(
            deltaInputPart, x: cache.input, inputWeights: parameters[0], gradients: &gradients)
        return ([deltaPreviousHidden], deltaInput)
    }
}

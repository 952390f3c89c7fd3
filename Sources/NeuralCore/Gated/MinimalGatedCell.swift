// The minimal gated unit (Zhou, Wu, Zhang & Zhou 2016): the GRU with its update and reset gates
// merged into a single forget gate. As in `GRUCell`, the gate multiplies the recurrent product
// rather than hₜ₋₁ itself, so both recurrent products are one GEMM per step.

/// A minimal gated unit for a batch of sequences (one column per sequence).
///
/// With the blocks f (forget) and n (candidate) stacked in 2H rows:
///
///     (8.12)  pₜ = U xₜ + b,  qₜ = W hₜ₋₁,  fₜ = σ(p_f + q_f)      U: 2H × inputSize, W: 2H × H
///     (8.13)  nₜ = tanh(p_n + fₜ ⊙ q_n)
///     (8.14)  hₜ = (1 − fₜ) ⊙ hₜ₋₁ + fₜ ⊙ nₜ
///
/// Backward, given δhₜ: the gate receives gradient through both places it appears,
///
///     (8.15)  δa_n = δhₜ ⊙ fₜ ⊙ (1 − nₜ²),
///             δa_f = (δhₜ ⊙ (nₜ − hₜ₋₁) + δa_n ⊙ q_n) ⊙ fₜ(1 − fₜ);
///             δp = [δa_f; δa_n],  δq = [δa_f; δa_n ⊙ fₜ];
///             ∂L/∂U += δp xₜᵀ,  ∂L/∂b += Σ δp,  ∂L/∂W += δq hₜ₋₁ᵀ,  δhₜ₋₁ = Wᵀ δq + δhₜ ⊙ (1 − fₜ)
///
/// State: `[h]`. Parameters: `[U, W, b]`.
public struct MinimalGatedCell: RecurrentCell, Sendable {
    /// What one step keeps for its backward pass.
    public struct StepCache: Sendable {
        public let input: StepInput
        /// hₜ₋₁, H × batch.
        public let previousHidden: Matrix
        /// fₜ and nₜ stacked (2H × batch).
        public let gates: Matrix
        /// q_n, the candidate rows of W hₜ₋₁ (H × batch).
        public let recurrentCandidate: Matrix

        /// The forget gate fₜ, H × batch.
        public var forget: Matrix {
            Matrix(rows: gates.rows / 2, columns: gates.columns, elements: Array(gates.elements[0..<(gates.count / 2)]))
        }
    }

    public let inputSize: Int
    public let hiddenSize: Int
    public var stateCount: Int { 1 }

    /// U (2H × inputSize), W (2H × H), b (2H × 1), blocks in the order f, n.
    public var parameters: [Matrix]
    public var parameterNames: [String] { ["U", "W", "b"] }

    /// A cell with weights uniform in ±1/√H and zero biases.
    public init(inputSize: Int, hiddenSize: Int, using generator: inout SeededGenerator) {
        precondition(
            inputSize > 0 && hiddenSize > 0, "MinimalGatedCell needs positive sizes, got \(inputSize), \(hiddenSize)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let (u, w, b) = GateAlgebra.initialWeights(
            rows: 2 * hiddenSize, inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        parameters = [u, w, b]
    }

    /// One step (8.12)–(8.14).
    public func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache) {
        let hidden = hiddenSize
        let batch = x.batchSize
        GateAlgebra.requireState(state, count: 1, hidden: hidden, batch: batch, cell: "MinimalGatedCell")
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
                            // (8.12): fₜ in place of its pre-activation.
                            for e in 0..<size { a[e] += q[e] }
                            VectorMath.sigmoidInPlace(a, 0..<size)
                            // (8.13)
                            for e in 0..<size {
                                qn[e] = q[size + e]
                                a[size + e] += a[e] * qn[e]
                            }
                            VectorMath.tanhInPlace(a, size..<(2 * size))
                            // (8.14)
                            for e in 0..<size { h[e] = (1 - a[e]) * hPrevious[e] + a[e] * a[size + e] }
                        }
                    }
                }
            }
        }
        let cache = StepCache(
            input: x, previousHidden: previousHidden, gates: gates, recurrentCandidate: recurrentCandidate)
        return ([output], cache)
    }

    /// One backward step (8.15); accumulates into `gradients` ([∂U, ∂W, ∂b]).
    public func backwardStep(
        _ dState: [Matrix], cache: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        let hidden = hiddenSize
        let batch = cache.previousHidden.columns
        GateAlgebra.requireState(dState, count: 1, hidden: hidden, batch: batch, cell: "MinimalGatedCell.backwardStep")
        precondition(
            gradients.count == 3, "MinimalGatedCell.backwardStep: expected 3 gradients, got \(gradients.count)")
        let size = hidden * batch
        var deltaInputPart = Matrix(rows: 2 * hidden, columns: batch)
        var deltaRecurrentPart = Matrix(rows: 2 * hidden, columns: batch)
        var deltaPreviousHidden = Matrix(rows: hidden, columns: batch)
        deltaInputPart.elements.withUnsafeMutableBufferPointer { dp in
            deltaRecurrentPart.elements.withUnsafeMutableBufferPointer { dq in
                deltaPreviousHidden.elements.withUnsafeMutableBufferPointer { dhPrevious in
                    cache.gates.elements.withUnsafeBufferPointer { a in
                        cache.recurrentCandidate.elements.withUnsafeBufferPointer { qn in
                            cache.previousHidden.elements.withUnsafeBufferPointer { hPrevious in
                                dState[0].elements.withUnsafeBufferPointer { dh in
                                    for e in 0..<size {
                                        let f = a[e]
                                        let n = a[size + e]
                                        // (8.15)
                                        let deltaN = dh[e] * f * (1 - n * n)
                                        let deltaF = (dh[e] * (n - hPrevious[e]) + deltaN * qn[e]) * f * (1 - f)
                                        dp[e] = deltaF
                                        dp[size + e] = deltaN
                                        dq[e] = deltaF
                                        dq[size + e] = deltaN * f
                                        dhPrevious[e] = dh[e] * (1 - f)
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

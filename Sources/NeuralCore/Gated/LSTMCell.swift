// The long short-term memory cell (Hochreiter & Schmidhuber 1997, with the forget gate of
// Gers, Schmidhuber & Cummins 2000): a cell state cₜ updated additively, read through gates.
// All four gate pre-activations come from one stacked product, so a step costs one GEMM.

/// An LSTM cell for a batch of sequences (one column per sequence).
///
/// Forward, with the four gates stacked in one 4H × batch matrix (blocks f, i, o, g):
///
///     (8.1)  zₜ = U xₜ + W hₜ₋₁ + b                      U: 4H × inputSize, W: 4H × H, b: 4H × 1
///     (8.2)  fₜ = σ(z_f), iₜ = σ(z_i), oₜ = σ(z_o), gₜ = tanh(z_g)
///     (8.3)  cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ
///     (8.4)  hₜ = oₜ ⊙ tanh(cₜ)
///
/// Backward, given δhₜ = ∂L/∂hₜ and δcₜ = ∂L/∂cₜ arriving from above and from step t+1:
///
///     (8.5)  δĉₜ = δcₜ + δhₜ ⊙ oₜ ⊙ (1 − tanh² cₜ),   δcₜ₋₁ = δĉₜ ⊙ fₜ
///     (8.6)  δz_f = δĉₜ ⊙ cₜ₋₁ ⊙ fₜ(1 − fₜ),  δz_i = δĉₜ ⊙ gₜ ⊙ iₜ(1 − iₜ),
///            δz_o = δhₜ ⊙ tanh cₜ ⊙ oₜ(1 − oₜ),  δz_g = δĉₜ ⊙ iₜ ⊙ (1 − gₜ²)
///     (8.7)  ∂L/∂W += δz hₜ₋₁ᵀ,  ∂L/∂U += δz xₜᵀ,  ∂L/∂b += Σ_batch δz,  δhₜ₋₁ = Wᵀ δz
///
/// State: `[h, c]`, each H × batch. Parameters: `[U, W, b]`.
public struct LSTMCell: RecurrentCell, Sendable {
    /// What one step keeps for its backward pass.
    public struct StepCache: Sendable {
        /// The step's input xₜ.
        public let input: StepInput
        /// hₜ₋₁ and cₜ₋₁, H × batch.
        public let previousHidden: Matrix
        public let previousCell: Matrix
        /// The gate activations stacked as in (8.2): rows [0, H) fₜ, [H, 2H) iₜ, [2H, 3H) oₜ, [3H, 4H) gₜ.
        public let gates: Matrix
        /// tanh cₜ, H × batch.
        public let tanhCell: Matrix

        /// Block k (0 f, 1 i, 2 o, 3 g) of `gates`, H × batch.
        public func gate(_ k: Int) -> Matrix {
            let size = gates.rows / 4 * gates.columns
            return Matrix(
                rows: gates.rows / 4, columns: gates.columns,
                elements: Array(gates.elements[(k * size)..<((k + 1) * size)]))
        }
        /// The forget gate fₜ.
        public var forget: Matrix { gate(0) }
        /// The input gate iₜ.
        public var inputGate: Matrix { gate(1) }
        /// The output gate oₜ.
        public var output: Matrix { gate(2) }
        /// The candidate gₜ.
        public var candidate: Matrix { gate(3) }
    }

    public let inputSize: Int
    public let hiddenSize: Int
    public var stateCount: Int { 2 }

    /// U (4H × inputSize), W (4H × H) and b (4H × 1), gate blocks in the order f, i, o, g.
    public var parameters: [Matrix]
    public var parameterNames: [String] { ["U", "W", "b"] }

    /// A cell with weights uniform in ±1/√H and the forget gate's bias set to `forgetBias`
    /// (1 by default, Jozefowicz, Zaremba & Sutskever 2015: the cell starts by remembering).
    public init(inputSize: Int, hiddenSize: Int, forgetBias: Double = 1, using generator: inout SeededGenerator) {
        precondition(inputSize > 0 && hiddenSize > 0, "LSTMCell needs positive sizes, got \(inputSize), \(hiddenSize)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        var (u, w, b) = GateAlgebra.initialWeights(
            rows: 4 * hiddenSize, inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        for r in 0..<hiddenSize { b.elements[r] = forgetBias }
        parameters = [u, w, b]
    }

    /// One step (8.1)–(8.4).
    public func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache) {
        let hidden = hiddenSize
        let batch = x.batchSize
        GateAlgebra.requireState(state, count: 2, hidden: hidden, batch: batch, cell: "LSTMCell")
        let previousHidden = state[0]
        let previousCell = state[1]
        // (8.1): the gathered input part plus one GEMM for the recurrent part.
        var gates = GateAlgebra.inputPart(parameters[0], parameters[2], x)
        gates.addProduct(parameters[1], previousHidden, beta: 1)
        // Every entry of these is written below before anything reads it.
        var cell = GateAlgebra.unfilled(rows: hidden, columns: batch)
        var tanhCell = GateAlgebra.unfilled(rows: hidden, columns: batch)
        var output = GateAlgebra.unfilled(rows: hidden, columns: batch)
        let size = hidden * batch
        gates.elements.withUnsafeMutableBufferPointer { z in
            // (8.2): three sigmoid blocks and one tanh block, each a branch-free loop.
            VectorMath.sigmoidInPlace(z, 0..<(3 * size))
            VectorMath.tanhInPlace(z, (3 * size)..<(4 * size))
            previousCell.elements.withUnsafeBufferPointer { cPrevious in
                cell.elements.withUnsafeMutableBufferPointer { c in
                    tanhCell.elements.withUnsafeMutableBufferPointer { tc in
                        output.elements.withUnsafeMutableBufferPointer { h in
                            // (8.3)
                            for e in 0..<size {
                                let cNew = z[e] * cPrevious[e] + z[size + e] * z[3 * size + e]
                                c[e] = cNew
                                tc[e] = cNew
                            }
                            // (8.4)
                            VectorMath.tanhInPlace(tc, 0..<size)
                            for e in 0..<size { h[e] = z[2 * size + e] * tc[e] }
                        }
                    }
                }
            }
        }
        let cache = StepCache(
            input: x, previousHidden: previousHidden, previousCell: previousCell, gates: gates, tanhCell: tanhCell)
        return ([output, cell], cache)
    }

    /// One backward step (8.5)–(8.7); accumulates into `gradients` ([∂U, ∂W, ∂b]).
    public func backwardStep(
        _ dState: [Matrix], cache: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        let hidden = hiddenSize
        let batch = cache.previousHidden.columns
        GateAlgebra.requireState(dState, count: 2, hidden: hidden, batch: batch, cell: "LSTMCell.backwardStep")
        precondition(gradients.count == 3, "LSTMCell.backwardStep: expected 3 gradients, got \(gradients.count)")
        let size = hidden * batch
        var deltaZ = GateAlgebra.unfilled(rows: 4 * hidden, columns: batch)
        var deltaPreviousCell = GateAlgebra.unfilled(rows: hidden, columns: batch)
        deltaZ.elements.withUnsafeMutableBufferPointer { dz in
            deltaPreviousCell.elements.withUnsafeMutableBufferPointer { dcPrevious in
                cache.gates.elements.withUnsafeBufferPointer { a in
                    cache.tanhCell.elements.withUnsafeBufferPointer { tc in
                        cache.previousCell.elements.withUnsafeBufferPointer { cPrevious in
                            dState[0].elements.withUnsafeBufferPointer { dh in
                                dState[1].elements.withUnsafeBufferPointer { dc in
                                    for e in 0..<size {
                                        let f = a[e]
                                        let i = a[size + e]
                                        let o = a[2 * size + e]
                                        let g = a[3 * size + e]
                                        let t = tc[e]
                                        // (8.5): the cell's total gradient, then its path to cₜ₋₁.
                                        let deltaCell = dc[e] + dh[e] * o * (1 - t * t)
                                        dcPrevious[e] = deltaCell * f
                                        // (8.6)
                                        dz[e] = deltaCell * cPrevious[e] * f * (1 - f)
                                        dz[size + e] = deltaCell * g * i * (1 - i)
                                        dz[2 * size + e] = dh[e] * t * o * (1 - o)
                                        dz[3 * size + e] = deltaCell * i * (1 - g * g)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // (8.7)
        gradients[1].addProduct(deltaZ, cache.previousHidden, transposeB: true, beta: 1)
        let deltaPreviousHidden = Matrix.product(parameters[1], deltaZ, transposeA: true)
        let deltaInput = GateAlgebra.backwardInputPart(
            deltaZ, x: cache.input, inputWeights: parameters[0], gradients: &gradients)
        return ([deltaPreviousHidden, deltaPreviousCell], deltaInput)
    }
}

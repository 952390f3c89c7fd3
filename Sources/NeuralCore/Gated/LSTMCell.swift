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
        /// hₜ₋₁ rounded to Float when the products are in single precision (empty otherwise).
        let singlePreviousHidden: SingleMatrix

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
    public var parameters: [Matrix] { didSet { roundRecurrentWeights() } }

    /// The precision of the products with W: W hₜ₋₁ in (8.1), δz hₜ₋₁ᵀ and Wᵀ δz in (8.7), the
    /// bulk of a step's arithmetic. `.single` rounds W, hₜ₋₁ and δz to Float, multiplies in
    /// Float and adds the results back in Double; everything else (the gates, the cell state,
    /// the gradients) stays in Double.
    public var precision: ProductPrecision = .double { didSet { roundRecurrentWeights() } }

    /// W rounded to Float while `precision` is `.single` (empty otherwise), refreshed whenever the
    /// parameters change: once per update, not once per step.
    private var singleRecurrentWeights = SingleMatrix.empty

    private mutating func roundRecurrentWeights() {
        if precision == .single {
            singleRecurrentWeights.assign(parameters[1])
        } else {
            singleRecurrentWeights = .empty
        }
    }
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
        var singlePreviousHidden = SingleMatrix.empty
        switch precision {
        case .double:
            gates.addProduct(parameters[1], previousHidden, beta: 1)
        case .single:
            singlePreviousHidden.assign(previousHidden)
            var product = SingleMatrix.unfilled(rows: 4 * hidden, columns: batch)
            product.addProduct(singleRecurrentWeights, singlePreviousHidden, beta: 0)
            gates.addWidened(product)
        }
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
            input: x, previousHidden: previousHidden, previousCell: previousCell, gates: gates, tanhCell: tanhCell,
            singlePreviousHidden: singlePreviousHidden)
        return ([output, cell], cache)
    }

    /// One backward step (8.5)–(8.7); accumulates into `gradients` ([∂U, ∂W, ∂b]).
    public func backwardStep(
        _ dState: [Matrix], cache: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        precondition(gradients.count == 3, "LSTMCell.backwardStep: expected 3 gradients, got \(gradients.count)")
        let (deltaZ, deltaPreviousCell) = gateDeltas(dState, cache: cache)
        // (8.7)
        let deltaPreviousHidden: Matrix
        switch precision {
        case .double:
            gradients[1].addProduct(deltaZ, cache.previousHidden, transposeB: true, beta: 1)
            deltaPreviousHidden = Matrix.product(parameters[1], deltaZ, transposeA: true)
        case .single:
            let singleDeltaZ = SingleMatrix(deltaZ)
            var weightGradient = SingleMatrix.unfilled(rows: 4 * hiddenSize, columns: hiddenSize)
            weightGradient.addProduct(singleDeltaZ, cache.singlePreviousHidden, transposeB: true, beta: 0)
            gradients[1].addWidened(weightGradient)
            deltaPreviousHidden = recurrentPart(singleDeltaZ)
        }
        let deltaInput = GateAlgebra.backwardInputPart(
            deltaZ, x: cache.input, inputWeights: parameters[0], gradients: &gradients)
        return ([deltaPreviousHidden, deltaPreviousCell], deltaInput)
    }

    /// BPTT through a window. In Double, one `backwardStep` per step. In single precision the
    /// window's ∂L/∂W = Σₜ δzₜ hₜ₋₁ᵀ of (8.7) is one product instead of T: the δzₜ side by side
    /// (4H × T·B) times the hₜ₋₁ side by side (H × T·B), transposed.
    public func backwardThroughTime(
        dHiddenFromOutputs: Matrix, caches: [StepCache], dFinalState: [Matrix], gradients: inout [Matrix]
    ) -> [Matrix] {
        guard precision == .single, let first = caches.first else {
            return backwardStepByStep(
                dHiddenFromOutputs: dHiddenFromOutputs, caches: caches, dFinalState: dFinalState,
                gradients: &gradients)
        }
        precondition(gradients.count == 3, "LSTMCell.backwardThroughTime: expected 3 gradients, got \(gradients.count)")
        let batch = first.previousHidden.columns
        let steps = caches.count
        var windowDeltaZ = SingleMatrix.unfilled(rows: 4 * hiddenSize, columns: steps * batch)
        var windowPreviousHidden = SingleMatrix.unfilled(rows: hiddenSize, columns: steps * batch)
        var dState = dFinalState
        for t in stride(from: steps - 1, through: 0, by: -1) {
            dState[0] += SequenceModel<Self>.slice(dHiddenFromOutputs, step: t, batch: batch)
            let (deltaZ, deltaPreviousCell) = gateDeltas(dState, cache: caches[t])
            let singleDeltaZ = SingleMatrix(deltaZ)
            windowDeltaZ.place(singleDeltaZ, columnBlock: t)
            windowPreviousHidden.place(caches[t].singlePreviousHidden, columnBlock: t)
            _ = GateAlgebra.backwardInputPart(
                deltaZ, x: caches[t].input, inputWeights: parameters[0], gradients: &gradients)
            dState = [recurrentPart(singleDeltaZ), deltaPreviousCell]
        }
        // (8.7) summed over the window in one product.
        var weightGradient = SingleMatrix.unfilled(rows: 4 * hiddenSize, columns: hiddenSize)
        weightGradient.addProduct(windowDeltaZ, windowPreviousHidden, transposeB: true, beta: 0)
        gradients[1].addWidened(weightGradient)
        return dState
    }

    /// Wᵀ δz in single precision, widened: the δhₜ₋₁ of (8.7).
    private func recurrentPart(_ singleDeltaZ: SingleMatrix) -> Matrix {
        var product = SingleMatrix.unfilled(rows: hiddenSize, columns: singleDeltaZ.columns)
        product.addProduct(singleRecurrentWeights, singleDeltaZ, transposeA: true, beta: 0)
        return Matrix(widening: product)
    }

    /// (8.5)–(8.6): δz (4H × batch, blocks f, i, o, g) and δcₜ₋₁ from δhₜ and δcₜ.
    private func gateDeltas(_ dState: [Matrix], cache: StepCache) -> (deltaZ: Matrix, deltaPreviousCell: Matrix) {
        let hidden = hiddenSize
        let batch = cache.previousHidden.columns
        GateAlgebra.requireState(dState, count: 2, hidden: hidden, batch: batch, cell: "LSTMCell.backwardStep")
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
        return (deltaZ, deltaPreviousCell)
    }
}

// The GRU step written as its equations (8.8)–(8.11) in whole-matrix operations: slow, and the
// reference the fast `GRUCell` is tested against.

/// The GRU of `GRUCell` (same parameters [U, W, b], blocks z, r, n; state [h]), one matrix
/// expression per equation.
public struct GRUReference: RecurrentCell {
    /// Everything (8.11) reads, by the notes' names.
    public struct StepCache: Sendable {
        public let x: StepInput
        public let hPrevious: Matrix
        public let z: Matrix
        public let r: Matrix
        public let n: Matrix
        /// q_n, the candidate rows of W hₜ₋₁.
        public let qn: Matrix
    }

    public var parameters: [Matrix]
    public let inputSize: Int
    public let hiddenSize: Int
    public var stateCount: Int { 1 }
    public var parameterNames: [String] { ["U", "W", "b"] }

    /// The reference of `cell`, with the same parameters.
    public init(_ cell: GRUCell) {
        parameters = cell.parameters
        inputSize = cell.inputSize
        hiddenSize = cell.hiddenSize
    }

    public func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache) {
        let (u, w, b) = (parameters[0], parameters[1], parameters[2])
        let hPrevious = state[0]
        let p = x.product(u).addingToEachColumn(b)  // (8.8)
        let q = w * hPrevious
        let z = σ(p.rowBlock(0, of: 3) + q.rowBlock(0, of: 3))
        let r = σ(p.rowBlock(1, of: 3) + q.rowBlock(1, of: 3))
        let qn = q.rowBlock(2, of: 3)
        let n = tanh(p.rowBlock(2, of: 3) + r ⊙ qn)  // (8.9)
        let h = oneMinus(z) ⊙ hPrevious + z ⊙ n  // (8.10)
        return ([h], StepCache(x: x, hPrevious: hPrevious, z: z, r: r, n: n, qn: qn))
    }

    public func backwardStep(
        _ dState: [Matrix], cache s: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        let (u, w) = (parameters[0], parameters[1])
        let dh = dState[0]
        // (8.11)
        let dan = dh ⊙ s.z ⊙ oneMinus(s.n ⊙ s.n)
        let daz = dh ⊙ (s.n - s.hPrevious) ⊙ s.z ⊙ oneMinus(s.z)
        let dar = dan ⊙ s.qn ⊙ s.r ⊙ oneMinus(s.r)
        let dp = Matrix.stacking([daz, dar, dan])
        let dq = Matrix.stacking([daz, dar, dan ⊙ s.r])
        s.x.accumulateWeightGradient(dp, into: &gradients[0])
        gradients[1] += dq * s.hPrevious.transposed
        gradients[2] += dp.rowSums()
        let dhPrevious = w.transposed * dq + dh ⊙ oneMinus(s.z)
        return ([dhPrevious], s.x.inputGradient(u, dp))
    }
}

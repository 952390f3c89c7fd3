// The minimal gated unit's step written as its equations (8.12)–(8.15) in whole-matrix
// operations: slow, and the reference the fast `MinimalGatedCell` is tested against.

/// The minimal gated unit of `MinimalGatedCell` (same parameters [U, W, b], blocks f, n; state
/// [h]), one matrix expression per equation.
public struct MinimalGatedReference: RecurrentCell {
    /// Everything (8.15) reads, by the notes' names.
    public struct StepCache: Sendable {
        public let x: StepInput
        public let hPrevious: Matrix
        public let f: Matrix
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
    public init(_ cell: MinimalGatedCell) {
        parameters = cell.parameters
        inputSize = cell.inputSize
        hiddenSize = cell.hiddenSize
    }

    public func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache) {
        let (u, w, b) = (parameters[0], parameters[1], parameters[2])
        let hPrevious = state[0]
        let p = x.product(u).addingToEachColumn(b)  // (8.12)
        let q = w * hPrevious
        let f = σ(p.rowBlock(0, of: 2) + q.rowBlock(0, of: 2))
        let qn = q.rowBlock(1, of: 2)
        let n = tanh(p.rowBlock(1, of: 2) + f ⊙ qn)  // (8.13)
        let h = oneMinus(f) ⊙ hPrevious + f ⊙ n  // (8.14)
        return ([h], StepCache(x: x, hPrevious: hPrevious, f: f, n: n, qn: qn))
    }

    public func backwardStep(
        _ dState: [Matrix], cache s: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        let (u, w) = (parameters[0], parameters[1])
        let dh = dState[0]
        // (8.15)
        let dan = dh ⊙ s.f ⊙ oneMinus(s.n ⊙ s.n)
        let daf = (dh ⊙ (s.n - s.hPrevious) + dan ⊙ s.qn) ⊙ s.f ⊙ oneMinus(s.f)
        let dp = Matrix.stacking([daf, dan])
        let dq = Matrix.stacking([daf, dan ⊙ s.f])
        s.x.accumulateWeightGradient(dp, into: &gradients[0])
        gradients[1] += dq * s.hPrevious.transposed
        gradients[2] += dp.rowSums()
        let dhPrevious = w.transposed * dq + dh ⊙ oneMinus(s.f)
        return ([dhPrevious], s.x.inputGradient(u, dp))
    }
}

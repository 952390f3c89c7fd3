// The interface shared by every recurrent cell of Chapters 07–08 (vanilla, LSTM, GRU, minimal
// gated unit): one time step for a whole batch of sequences, and that step's backward pass.
// Sequence models, BPTT and the character trainer are written once against it.

/// The input of one time step for a batch of sequences.
public enum StepInput: Sendable {
    /// One symbol per sequence (index into a vocabulary of `inputSize` symbols): xₜ is one-hot,
    /// so U xₜ is a gather of columns of U rather than a product.
    case oneHot([Int])
    /// A dense input, inputSize × batch.
    case dense(Matrix)

    /// The number of sequences in the batch.
    public var batchSize: Int {
        switch self {
        case .oneHot(let indices): indices.count
        case .dense(let x): x.columns
        }
    }
}

/// One recurrent cell: sₜ = step(xₜ, sₜ₋₁) for a batch (one column per sequence).
///
/// The state is a list of matrices, hidden × batch each: `[h]` for the vanilla cell, GRU and
/// minimal gated unit, `[h, c]` for the LSTM. `state[0]` is always hₜ, the output the layer above
/// reads.
///
/// Gradient convention: `backwardStep` **accumulates** (`+=`) this step's parameter gradients
/// into `gradients`, because BPTT sums every step's contribution to the shared weights. The caller
/// zeroes the gradients once per sequence window (`zeroGradients()`), never the cell.
public protocol RecurrentCell: Sendable {
    /// What `step` keeps for `backwardStep`.
    associatedtype StepCache: Sendable

    /// Size of xₜ (vocabulary size for one-hot inputs).
    var inputSize: Int { get }
    /// Size of hₜ.
    var hiddenSize: Int { get }
    /// How many matrices make up the state (1, or 2 for the LSTM's h and c).
    var stateCount: Int { get }
    /// The rows of each state matrix, in state order: `hiddenSize` for every one by default; a
    /// stack of layers of different sizes has one entry per layer's state.
    var stateSizes: [Int] { get }

    /// Every parameter in a fixed order (what optimizers update), named in `parameterNames`.
    var parameters: [Matrix] { get set }
    /// Names in the notes' notation, e.g. ["U", "W", "b"], in `parameters` order.
    var parameterNames: [String] { get }

    /// One forward step: the new state and what the backward step needs.
    func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache)

    /// The forward step at position `t` of a training window (0 at the window's first input).
    /// Every cell but a stack with dropout ignores `t` (the default calls `step(_:state:)`);
    /// `StackedCell` uses it to pick the dropout mask of step t. Training (`SequenceModel.forward`)
    /// calls this one; evaluation and sampling call `step(_:state:)`.
    func step(_ x: StepInput, state: [Matrix], time t: Int) -> (state: [Matrix], cache: StepCache)

    /// One backward step. `dState` is ∂L/∂sₜ (the gradient reaching this step's state from the
    /// output above and from step t+1). Adds ∂L/∂θ of this step into `gradients` and returns
    /// ∂L/∂sₜ₋₁ and ∂L/∂xₜ (nil for one-hot inputs, which need no input gradient).
    func backwardStep(
        _ dState: [Matrix], cache: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?)

    /// BPTT through a whole window, last step to first (Eq. 7.5): step t receives the columns
    /// t·B ..< (t+1)·B of `dHiddenFromOutputs` (hidden × T·B, the gradient from the outputs
    /// above) plus what step t+1 sends back; `dFinalState` arrives at s_T from beyond the window.
    /// Adds the window's parameter gradients into `gradients` and returns ∂L/∂s₀. The default
    /// calls `backwardStep` once per step (`backwardStepByStep`); a cell may instead gather
    /// products over the window, computing the same sums.
    func backwardThroughTime(
        dHiddenFromOutputs: Matrix, caches: [StepCache], dFinalState: [Matrix], gradients: inout [Matrix]
    ) -> [Matrix]
}

extension RecurrentCell {
    public func backwardThroughTime(
        dHiddenFromOutputs: Matrix, caches: [StepCache], dFinalState: [Matrix], gradients: inout [Matrix]
    ) -> [Matrix] {
        backwardStepByStep(
            dHiddenFromOutputs: dHiddenFromOutputs, caches: caches, dFinalState: dFinalState, gradients: &gradients)
    }

    /// `backwardThroughTime` as the plain recursion: ∂L/∂hₜ gains the output's gradient, then one
    /// `backwardStep`, for t = T−1 down to 0.
    public func backwardStepByStep(
        dHiddenFromOutputs: Matrix, caches: [StepCache], dFinalState: [Matrix], gradients: inout [Matrix]
    ) -> [Matrix] {
        let batch = dHiddenFromOutputs.columns / max(caches.count, 1)
        var dState = dFinalState
        for t in stride(from: caches.count - 1, through: 0, by: -1) {
            dState[0] += SequenceModel<Self>.slice(dHiddenFromOutputs, step: t, batch: batch)
            dState = backwardStep(dState, cache: caches[t], gradients: &gradients).dPreviousState
        }
        return dState
    }

    /// The step ignores its position in the window.
    public func step(_ x: StepInput, state: [Matrix], time t: Int) -> (state: [Matrix], cache: StepCache) {
        step(x, state: state)
    }

    /// Every state matrix has hₜ's size.
    public var stateSizes: [Int] { Array(repeating: hiddenSize, count: stateCount) }

    /// The all-zero state s₀ for a batch of `batch` sequences: one `stateSizes[k]` × batch matrix
    /// per state entry.
    public func initialState(batch: Int) -> [Matrix] {
        stateSizes.map { Matrix(rows: $0, columns: batch) }
    }

    /// Zero gradients shaped like `parameters`, ready for `backwardStep` to accumulate into.
    public func zeroGradients() -> [Matrix] {
        parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
    }
}

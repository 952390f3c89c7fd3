// Two recurrent layers stacked into one cell: the upper cell reads the lower cell's hidden states
// hₜ⁽¹⁾ as its input, with dropout between the layers (and optionally on the top hₜ before the
// read-out) but never on the recurrent path. A stack is itself a RecurrentCell, so SequenceModel,
// BPTT and the character trainer run it unchanged, and stacks of any cells (a stack included)
// work through the one protocol.

/// Inverted dropout masks for one training window of a `StackedCell`: entries 0 (dropped, with
/// probability 1 − keep) or 1/keep (kept), so that the expected value of a masked h is h and
/// evaluation uses no mask at all.
public struct StackDropout: Sendable, Equatable {
    /// The probability p_keep that a unit passes.
    public var keep: Double
    /// `between[t]` (hidden × batch) multiplies h⁽¹⁾ₜ where the upper layer reads it.
    public var between: [Matrix]
    /// `top[t]` multiplies h⁽²⁾ₜ where the read-out reads it; nil leaves the top unmasked.
    public var top: [Matrix]?

    public init(keep: Double, between: [Matrix], top: [Matrix]? = nil) {
        precondition(keep > 0 && keep <= 1, "StackDropout: keep probability \(keep) outside (0, 1]")
        precondition(top == nil || top?.count == between.count, "StackDropout: one top mask per step")
        self.keep = keep
        self.between = between
        self.top = top
    }

    /// Fresh masks for a window of `steps` steps and `batch` sequences: each entry kept with
    /// probability `keep` (one `generator.uniform()` draw per entry, the between masks of every
    /// step first, then the top masks). The between masks are `hidden` tall (the lower layer's
    /// size), the top masks `topHidden` (the upper layer's; `hidden` when not given).
    public static func draw(
        keep: Double, hidden: Int, topHidden: Int? = nil, batch: Int, steps: Int, top: Bool,
        using generator: inout SeededGenerator
    ) -> StackDropout {
        func mask(_ rows: Int) -> Matrix {
            Matrix(rows: rows, columns: batch) { _, _ in generator.bernoulli(keep) ? 1 / keep : 0 }
        }
        let between = (0..<steps).map { _ in mask(hidden) }
        let topMasks = top ? (0..<steps).map { _ in mask(topHidden ?? hidden) } : nil
        return StackDropout(keep: keep, between: between, top: topMasks)
    }
}

/// A lower recurrent cell feeding an upper one (Eq. 8.21): h⁽¹⁾ₜ = cell₁(xₜ, s⁽¹⁾ₜ₋₁),
/// h⁽²⁾ₜ = cell₂(m⁽¹⁾ₜ ⊙ h⁽¹⁾ₜ, s⁽²⁾ₜ₋₁), and the read-out sees m⁽²⁾ₜ ⊙ h⁽²⁾ₜ.
///
/// The masks m are those of `dropout` at the window position t (`step(_:state:time:)`); the
/// untimed `step(_:state:)` (evaluation, sampling) uses none. Masks never touch the recurrence:
/// each layer's own state carries its unmasked h to the next step.
///
/// State: `[m⁽²⁾ₜ ⊙ h⁽²⁾ₜ]` (what the read-out reads, never read back by the next step) followed by
/// the lower cell's state and then the upper cell's, each entry as tall as its own layer's hidden
/// size (the layers may differ: 256 units under 128). Parameters: the lower cell's, then the upper cell's, named
/// "U⁽¹⁾", "W⁽¹⁾", … and "U⁽²⁾", ….
public struct StackedCell<Lower: RecurrentCell, Upper: RecurrentCell>: RecurrentCell {
    public struct StepCache: Sendable {
        public var lower: Lower.StepCache
        public var upper: Upper.StepCache
        /// The masks this step used (nil: none).
        public var between: Matrix?
        public var top: Matrix?
    }

    public var lower: Lower
    public var upper: Upper
    /// This window's masks; nil trains without dropout.
    public var dropout: StackDropout?

    public init(lower: Lower, upper: Upper, dropout: StackDropout? = nil) {
        precondition(
            upper.inputSize == lower.hiddenSize,
            "StackedCell: the upper cell reads \(upper.inputSize) inputs, the lower cell gives \(lower.hiddenSize)")
        self.lower = lower
        self.upper = upper
        self.dropout = dropout
    }

    public var inputSize: Int { lower.inputSize }
    public var hiddenSize: Int { upper.hiddenSize }
    public var stateCount: Int { 1 + lower.stateCount + upper.stateCount }
    /// The read-out's copy of h⁽²⁾ₜ, then each layer's own state sizes.
    public var stateSizes: [Int] { [upper.hiddenSize] + lower.stateSizes + upper.stateSizes }

    /// Fresh masks for a window (`StackDropout.draw`) shaped for this stack: the between masks as
    /// tall as the lower layer's h, the top masks as the upper layer's.
    public func drawDropout(keep: Double, batch: Int, steps: Int, top: Bool, using generator: inout SeededGenerator)
        -> StackDropout
    {
        StackDropout.draw(
            keep: keep, hidden: lower.hiddenSize, topHidden: upper.hiddenSize, batch: batch, steps: steps, top: top,
            using: &generator)
    }

    public var parameters: [Matrix] {
        get { lower.parameters + upper.parameters }
        set {
            let count = lower.parameters.count
            precondition(
                newValue.count == count + upper.parameters.count,
                "StackedCell.parameters: expected \(count + upper.parameters.count) matrices, got \(newValue.count)")
            lower.parameters = Array(newValue[..<count])
            upper.parameters = Array(newValue[count...])
        }
    }

    public var parameterNames: [String] {
        lower.parameterNames.map { $0 + "⁽¹⁾" } + upper.parameterNames.map { $0 + "⁽²⁾" }
    }

    /// The lower cell's state and the upper cell's inside the stack's state.
    public func layerStates(_ state: [Matrix]) -> (lower: [Matrix], upper: [Matrix]) {
        precondition(state.count == stateCount, "StackedCell: a state of \(state.count) matrices, not \(stateCount)")
        let split = 1 + lower.stateCount
        return (Array(state[1..<split]), Array(state[split...]))
    }

    /// The step with no dropout (evaluation and sampling).
    public func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache) {
        step(x, state: state, between: nil, top: nil, time: nil)
    }

    /// The training step at window position t: the masks `dropout` holds for step t.
    public func step(_ x: StepInput, state: [Matrix], time t: Int) -> (state: [Matrix], cache: StepCache) {
        guard let dropout else { return step(x, state: state, between: nil, top: nil, time: t) }
        precondition(
            t < dropout.between.count, "StackedCell: step \(t) of a window with masks for \(dropout.between.count)")
        return step(x, state: state, between: dropout.between[t], top: dropout.top?[t], time: t)
    }

    private func step(_ x: StepInput, state: [Matrix], between: Matrix?, top: Matrix?, time t: Int?) -> (
        state: [Matrix], cache: StepCache
    ) {
        let (lowerState, upperState) = layerStates(state)
        let (nextLower, lowerCache) =
            t.map { lower.step(x, state: lowerState, time: $0) } ?? lower.step(x, state: lowerState)
        let read = between.map { nextLower[0] ⊙ $0 } ?? nextLower[0]
        let (nextUpper, upperCache) =
            t.map { upper.step(.dense(read), state: upperState, time: $0) }
            ?? upper.step(.dense(read), state: upperState)
        let output = top.map { nextUpper[0] ⊙ $0 } ?? nextUpper[0]
        return (
            [output] + nextLower + nextUpper,
            StepCache(lower: lowerCache, upper: upperCache, between: between, top: top)
        )
    }

    /// Backward through the read-out mask, the upper cell, the between mask and the lower cell:
    /// ∂L/∂h⁽²⁾ₜ gains m⁽²⁾ₜ ⊙ ∂L/∂(read-out input), ∂L/∂h⁽¹⁾ₜ gains m⁽¹⁾ₜ ⊙ (the upper cell's input
    /// gradient). The first state entry is never read by the next step, so its gradient at sₜ₋₁ is 0.
    public func backwardStep(
        _ dState: [Matrix], cache: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        var (dLower, dUpper) = layerStates(dState)
        dUpper[0] += cache.top.map { dState[0] ⊙ $0 } ?? dState[0]
        let split = lower.parameters.count
        var upperGradients = Self.takeOut(&gradients, split..<gradients.count)
        let upperStep = upper.backwardStep(dUpper, cache: cache.upper, gradients: &upperGradients)
        Self.putBack(upperGradients, into: &gradients, at: split)
        guard let dRead = upperStep.dInput else {
            preconditionFailure("StackedCell: the upper cell gave no gradient for its dense input")
        }
        dLower[0] += cache.between.map { dRead ⊙ $0 } ?? dRead
        var lowerGradients = Self.takeOut(&gradients, 0..<split)
        let lowerStep = lower.backwardStep(dLower, cache: cache.lower, gradients: &lowerGradients)
        Self.putBack(lowerGradients, into: &gradients, at: 0)
        let zero = Matrix(rows: dState[0].rows, columns: dState[0].columns)
        return ([zero] + lowerStep.dPreviousState + upperStep.dPreviousState, lowerStep.dInput)
    }

    /// Moves `range` out of `gradients` (leaving empty matrices), so that a layer accumulates into
    /// them without a copy.
    private static func takeOut(_ gradients: inout [Matrix], _ range: Range<Int>) -> [Matrix] {
        range.map { index in
            var taken = Matrix(rows: 0, columns: 0)
            swap(&taken, &gradients[index])
            return taken
        }
    }

    private static func putBack(_ part: [Matrix], into gradients: inout [Matrix], at start: Int) {
        for (offset, matrix) in part.enumerated() { gradients[start + offset] = matrix }
    }
}

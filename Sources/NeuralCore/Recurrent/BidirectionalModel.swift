// A bidirectional recurrent network (Schuster & Paliwal 1997): two recurrent passes over the same
// sequence, one forward in time and one backward, with their own weights; the output at every step
// reads both hidden states. Forward and backward (BPTT) side by side, for any RecurrentCell.

import Foundation

/// h→ₜ = cell→(xₜ, h→ₜ₋₁) over x₁ … x_T (Eq. 7.15), h←ₜ = cell←(xₜ, h←ₜ₊₁) over x_T … x₁
/// (Eq. 7.16), oₜ = V→ h→ₜ + V← h←ₜ + c and ŷₜ = softmax(oₜ) (Eq. 7.17), trained on the loss of
/// Eq. 7.3 by BPTT (Eq. 7.18: the forward pass's gradient runs backward in time, the backward
/// pass's gradient runs forward in time).
///
/// Shapes: V→ is output × hidden→, V← is output × hidden←, c is output × 1. Batches, ignored targets
/// (−1) and `normalization` behave as in `SequenceModel`. Both passes start from the zero state.
public struct BidirectionalModel<Cell: RecurrentCell>: Sendable {
    /// The cell read forward in time, x₁ … x_T.
    public var forwardCell: Cell
    /// The cell read backward in time, x_T … x₁.
    public var backwardCell: Cell
    /// V→ (output × forward hidden).
    public var forwardOutputWeights: Matrix
    /// V← (output × backward hidden).
    public var backwardOutputWeights: Matrix
    /// c (output × 1).
    public var outputBiases: Matrix
    /// What the summed loss (and so every gradient) is divided by.
    public var normalization: LossNormalization

    /// The number of output classes.
    public var outputSize: Int { outputBiases.rows }

    public init(
        forwardCell: Cell, backwardCell: Cell, forwardOutputWeights: Matrix, backwardOutputWeights: Matrix,
        outputBiases: Matrix, normalization: LossNormalization = .perSequence
    ) {
        precondition(
            forwardCell.inputSize == backwardCell.inputSize,
            "BidirectionalModel: the two cells read inputs of \(forwardCell.inputSize) and \(backwardCell.inputSize)")
        precondition(
            forwardOutputWeights.columns == forwardCell.hiddenSize
                && backwardOutputWeights.columns == backwardCell.hiddenSize
                && forwardOutputWeights.rows == outputBiases.rows && backwardOutputWeights.rows == outputBiases.rows
                && outputBiases.columns == 1,
            "BidirectionalModel: V→ \(forwardOutputWeights.shapeDescription), V← \(backwardOutputWeights.shapeDescription) and c \(outputBiases.shapeDescription) do not fit hidden sizes \(forwardCell.hiddenSize) and \(backwardCell.hiddenSize)"
        )
        self.forwardCell = forwardCell
        self.backwardCell = backwardCell
        self.forwardOutputWeights = forwardOutputWeights
        self.backwardOutputWeights = backwardOutputWeights
        self.outputBiases = outputBiases
        self.normalization = normalization
    }

    /// N(0, scale²) output weights (V→ drawn first, then V←) and zero output biases.
    public init(
        forwardCell: Cell, backwardCell: Cell, outputSize: Int, scale: Double = 0.01,
        using generator: inout SeededGenerator
    ) {
        let forward = Matrix.gaussian(outputSize, forwardCell.hiddenSize, standardDeviation: scale, using: &generator)
        let backward = Matrix.gaussian(outputSize, backwardCell.hiddenSize, standardDeviation: scale, using: &generator)
        self.init(
            forwardCell: forwardCell, backwardCell: backwardCell, forwardOutputWeights: forward,
            backwardOutputWeights: backward, outputBiases: Matrix(rows: outputSize, columns: 1))
    }

    /// The forward cell's parameters, the backward cell's, then V→, V← and c.
    public var parameters: [Matrix] {
        get {
            forwardCell.parameters + backwardCell.parameters + [
                forwardOutputWeights, backwardOutputWeights, outputBiases,
            ]
        }
        set {
            let f = forwardCell.parameters.count
            let b = backwardCell.parameters.count
            precondition(
                newValue.count == f + b + 3,
                "BidirectionalModel.parameters: expected \(f + b + 3) matrices, got \(newValue.count)")
            forwardCell.parameters = Array(newValue[0..<f])
            backwardCell.parameters = Array(newValue[f..<f + b])
            forwardOutputWeights = newValue[f + b]
            backwardOutputWeights = newValue[f + b + 1]
            outputBiases = newValue[f + b + 2]
        }
    }

    /// Names in `parameters` order, e.g. ["U→", "W→", "b→", "U←", "W←", "b←", "V→", "V←", "c"].
    public var parameterNames: [String] {
        forwardCell.parameterNames.map { $0 + "→" } + backwardCell.parameterNames.map { $0 + "←" } + [
            "V→", "V←", "c",
        ]
    }

    /// The number of parameters, Σ rows · columns over `parameters`.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.rows * $1.columns } }

    // MARK: Forward

    /// Everything one forward pass keeps for BPTT.
    public struct Forward: Sendable {
        /// One cache per step of the forward pass, in time order: `forwardCaches[t]` made h→ₜ.
        public var forwardCaches: [Cell.StepCache]
        /// One cache per step of the backward pass, **indexed by time**: `backwardCaches[t]` made
        /// h←ₜ (from xₜ and h←ₜ₊₁); they were computed from t = T − 1 down to 0.
        public var backwardCaches: [Cell.StepCache]
        /// [h→₁ … h→_T], forward hidden × (T·B), step-major like `SequenceModel.Forward.hidden`.
        public var forwardHidden: Matrix
        /// [h←₁ … h←_T], backward hidden × (T·B), laid out by time like `forwardHidden`.
        public var backwardHidden: Matrix
        /// o = V→ H→ + V← H← + c, output × (T·B).
        public var logits: Matrix
        /// ŷ = softmax(o), output × (T·B).
        public var probabilities: Matrix
        /// log Σₖ exp(o[k]) of every column (see `SequenceModel.Forward.logNormalizers`).
        public var logNormalizers: [Double]
        public let steps: Int
        public let batch: Int

        /// ŷₜ for the whole batch (output × B).
        public func probabilities(at t: Int) -> Matrix {
            SequenceModel<Cell>.slice(probabilities, step: t, batch: batch)
        }
        /// h→ at step t for the whole batch.
        public func forwardHidden(at t: Int) -> Matrix {
            SequenceModel<Cell>.slice(forwardHidden, step: t, batch: batch)
        }
        /// h← at step t for the whole batch.
        public func backwardHidden(at t: Int) -> Matrix {
            SequenceModel<Cell>.slice(backwardHidden, step: t, batch: batch)
        }
    }

    /// Eqs. 7.15–7.17 over `inputs` (one StepInput per time step), both passes from zero states.
    public func forward(_ inputs: [StepInput]) -> Forward {
        precondition(!inputs.isEmpty, "BidirectionalModel.forward: no time steps")
        let batch = inputs[0].batchSize
        let steps = inputs.count
        for (t, x) in inputs.enumerated() {
            precondition(
                x.batchSize == batch, "BidirectionalModel.forward: step \(t) has \(x.batchSize) sequences, not \(batch)"
            )
        }
        // Eq. 7.15: forward in time.
        var state = forwardCell.initialState(batch: batch)
        var forwardCaches: [Cell.StepCache] = []
        forwardCaches.reserveCapacity(steps)
        var forwardHidden = Matrix(rows: forwardCell.hiddenSize, columns: steps * batch)
        for (t, x) in inputs.enumerated() {
            let (next, cache) = forwardCell.step(x, state: state)
            SequenceModel<Cell>.place(next[0], into: &forwardHidden, step: t)
            forwardCaches.append(cache)
            state = next
        }
        // Eq. 7.16: backward in time, its own weights, from a zero state after the last input.
        state = backwardCell.initialState(batch: batch)
        var reversedCaches: [Cell.StepCache] = []
        reversedCaches.reserveCapacity(steps)
        var backwardHidden = Matrix(rows: backwardCell.hiddenSize, columns: steps * batch)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let (next, cache) = backwardCell.step(inputs[t], state: state)
            SequenceModel<Cell>.place(next[0], into: &backwardHidden, step: t)
            reversedCaches.append(cache)
            state = next
        }
        // Eq. 7.17: both hidden states feed every output.
        var logits = Matrix.product(forwardOutputWeights, forwardHidden)
        logits.addProduct(backwardOutputWeights, backwardHidden)
        logits.addToEachColumn(outputBiases)
        let (probabilities, logNormalizers) = SequenceModel<Cell>.softmaxColumns(logits)
        return Forward(
            forwardCaches: forwardCaches, backwardCaches: Array(reversedCaches.reversed()),
            forwardHidden: forwardHidden, backwardHidden: backwardHidden, logits: logits,
            probabilities: probabilities, logNormalizers: logNormalizers, steps: steps, batch: batch)
    }

    /// Eq. 7.3 summed over the batch and divided as `normalization` says (ignored targets add nothing).
    public func loss(_ forward: Forward, targets: [[Int]]) -> Double {
        checkTargets(targets, forward: forward)
        var total = 0.0
        let width = forward.logits.columns
        forward.logits.elements.withUnsafeBufferPointer { o in
            for (t, stepTargets) in targets.enumerated() {
                for (b, y) in stepTargets.enumerated() where y >= 0 {
                    let column = t * forward.batch + b
                    total += forward.logNormalizers[column] - o[y * width + column]
                }
            }
        }
        return total * SequenceModel<Cell>.lossScale(targets, normalization: normalization)
    }

    // MARK: Backward

    /// BPTT through both passes (Eq. 7.18): the gradients of the loss in `parameters` order.
    ///
    /// ∂L/∂oₜ = (ŷₜ − 1_{yₜ}) / B as in Eq. 7.4. The forward pass receives V→ᵀ ∂L/∂oₜ and runs its
    /// recursion from t = T down to 1, as in Eq. 7.5; the backward pass receives V←ᵀ ∂L/∂oₜ, and
    /// because h←ₜ feeds h←ₜ₋₁, its recursion runs from t = 1 up to T: forward in time.
    public func backward(_ forward: Forward, targets: [[Int]]) -> [Matrix] {
        checkTargets(targets, forward: forward)
        let batch = forward.batch
        let dLogits = SequenceModel<Cell>.outputDelta(
            forward.probabilities, targets: targets, batch: batch, normalization: normalization)
        let dForwardOutput = Matrix.product(dLogits, forward.forwardHidden, transposeB: true)
        let dBackwardOutput = Matrix.product(dLogits, forward.backwardHidden, transposeB: true)
        let dOutputBiases = dLogits.rowSums()

        // The forward pass: gradients flow from t = T − 1 back to 0.
        var forwardGradients = forwardCell.zeroGradients()
        let dForwardHidden = Matrix.product(forwardOutputWeights, dLogits, transposeA: true)
        var dState = forwardCell.initialState(batch: batch)
        for t in stride(from: forward.steps - 1, through: 0, by: -1) {
            dState[0] += SequenceModel<Cell>.slice(dForwardHidden, step: t, batch: batch)
            dState =
                forwardCell.backwardStep(dState, cache: forward.forwardCaches[t], gradients: &forwardGradients)
                .dPreviousState
        }
        // The backward pass: h←ₜ was computed from h←ₜ₊₁, so its gradient flows from t = 0 up to T − 1.
        var backwardGradients = backwardCell.zeroGradients()
        let dBackwardHidden = Matrix.product(backwardOutputWeights, dLogits, transposeA: true)
        dState = backwardCell.initialState(batch: batch)
        for t in 0..<forward.steps {
            dState[0] += SequenceModel<Cell>.slice(dBackwardHidden, step: t, batch: batch)
            dState =
                backwardCell.backwardStep(
                    dState, cache: forward.backwardCaches[t], gradients: &backwardGradients
                ).dPreviousState
        }
        return forwardGradients + backwardGradients + [dForwardOutput, dBackwardOutput, dOutputBiases]
    }

    /// Loss and gradients of one batch in one call.
    public func lossAndGradients(inputs: [StepInput], targets: [[Int]]) -> (loss: Double, gradients: [Matrix]) {
        let pass = forward(inputs)
        return (loss(pass, targets: targets), backward(pass, targets: targets))
    }

    private func checkTargets(_ targets: [[Int]], forward: Forward) {
        precondition(
            targets.count == forward.steps && targets.allSatisfy { $0.count == forward.batch },
            "BidirectionalModel: targets must be \(forward.steps) steps × \(forward.batch) sequences")
        precondition(
            targets.allSatisfy { $0.allSatisfy { $0 >= -1 && $0 < outputSize } },
            "BidirectionalModel: a target lies outside 0..<\(outputSize) (−1 means no target)")
    }
}

/// The bidirectional vanilla network of Eqs. 7.15–7.17 on the `Value` tape, one scalar at a time,
/// for a batch of one sequence: reverse mode differentiates it with no gradient formula written
/// anywhere (the independent check of Eq. 7.18).
public struct TapeBidirectionalNetwork {
    /// U→, W→, b→, U←, W←, b←, V→, V←, c as tape leaves, in `BidirectionalModel.parameters` order.
    public let parameters: [TapeMatrix]

    public init(_ model: BidirectionalModel<VanillaCell>) {
        parameters = model.parameters.map(TapeMatrix.init)
    }

    /// L = Σₜ −log ŷₜ[yₜ] over targets that are not −1, for one-hot inputs `sequence`.
    public func loss(inputs sequence: [Int], targets: [Int]) -> Value {
        precondition(
            sequence.count == targets.count,
            "TapeBidirectionalNetwork: \(sequence.count) inputs, \(targets.count) targets")
        let (uf, wf, bf) = (parameters[0], parameters[1], parameters[2])
        let (ub, wb, bb) = (parameters[3], parameters[4], parameters[5])
        let (vf, vb, c) = (parameters[6], parameters[7], parameters[8])
        let steps = sequence.count
        var forwardStates: [[Value]] = []
        var h = (0..<wf.rows).map { _ in Value(0) }
        for x in sequence {
            h = (0..<wf.rows).map { i in (uf[i, x] + wf.rowTimes(i, h) + bf[i, 0]).tanh() }
            forwardStates.append(h)
        }
        var backwardStates = [[Value]](repeating: [], count: steps)
        h = (0..<wb.rows).map { _ in Value(0) }
        for t in stride(from: steps - 1, through: 0, by: -1) {
            h = (0..<wb.rows).map { i in (ub[i, sequence[t]] + wb.rowTimes(i, h) + bb[i, 0]).tanh() }
            backwardStates[t] = h
        }
        var terms: [Value] = []
        for t in 0..<steps where targets[t] >= 0 {
            let logits = (0..<c.rows).map { k in
                vf.rowTimes(k, forwardStates[t]) + vb.rowTimes(k, backwardStates[t]) + c[k, 0]
            }
            let total = Value.sum(logits.map { $0.exp() })
            terms.append(-(logits[targets[t]].exp() / total).log())
        }
        return Value.sum(terms)
    }

    /// The gradients after `backward()` on the loss, in `BidirectionalModel.parameters` order.
    public var gradients: [Matrix] { parameters.map(\.gradient) }
}

// A recurrent network for sequences: any RecurrentCell unrolled over time, with a softmax output
// layer on every step and the summed log-likelihood loss. Forward and backward (BPTT) side by side.

import Foundation

/// oₜ = V hₜ + c, ŷₜ = softmax(oₜ) (Eq. 7.2) on top of any recurrent cell, trained on
/// L = Σₜ −log ŷₜ[yₜ] (Eq. 7.3) by backpropagation through time (Eqs. 7.4–7.6).
///
/// Shapes: V is output × hidden, c is output × 1. A batch of B sequences runs side by side, one
/// column per sequence. A target of `SequenceModel.ignored` (−1) puts no loss on that step (for
/// tasks answered only at some steps). `normalization` says what the summed loss is divided by:
/// the batch size B (`.perSequence`, so a batch of one gives exactly Eq. 7.3) or the number of
/// targets that are not ignored (`.perTarget`, Eq. 8.17).
public struct SequenceModel<Cell: RecurrentCell>: Sendable {
    /// A target that contributes no loss.
    public static var ignored: Int { -1 }

    public var cell: Cell
    /// V (output × hidden).
    public var outputWeights: Matrix
    /// c (output × 1).
    public var outputBiases: Matrix
    /// What the summed loss (and so every gradient) is divided by.
    public var normalization: LossNormalization

    /// The number of output classes (the vocabulary size of a character model).
    public var outputSize: Int { outputWeights.rows }

    public init(
        cell: Cell, outputWeights: Matrix, outputBiases: Matrix, normalization: LossNormalization = .perSequence
    ) {
        precondition(
            outputWeights.columns == cell.hiddenSize && outputBiases.rows == outputWeights.rows
                && outputBiases.columns == 1,
            "SequenceModel: V \(outputWeights.shapeDescription) and c \(outputBiases.shapeDescription) do not fit hidden size \(cell.hiddenSize)"
        )
        self.cell = cell
        self.outputWeights = outputWeights
        self.outputBiases = outputBiases
        self.normalization = normalization
    }

    /// N(0, scale²) output weights and zero output biases.
    public init(cell: Cell, outputSize: Int, scale: Double = 0.01, using generator: inout SeededGenerator) {
        let v = Matrix.gaussian(outputSize, cell.hiddenSize, standardDeviation: scale, using: &generator)
        self.init(cell: cell, outputWeights: v, outputBiases: Matrix(rows: outputSize, columns: 1))
    }

    /// The cell's parameters followed by V and c.
    public var parameters: [Matrix] {
        get { cell.parameters + [outputWeights, outputBiases] }
        set {
            precondition(
                newValue.count == cell.parameters.count + 2,
                "SequenceModel.parameters: expected \(cell.parameters.count + 2) matrices, got \(newValue.count)")
            cell.parameters = Array(newValue.dropLast(2))
            outputWeights = newValue[newValue.count - 2]
            outputBiases = newValue[newValue.count - 1]
        }
    }

    /// Names in `parameters` order, e.g. ["U", "W", "b", "V", "c"].
    public var parameterNames: [String] { cell.parameterNames + ["V", "c"] }

    // MARK: Forward

    /// Everything one forward pass over a sequence window keeps for BPTT.
    public struct Forward: Sendable {
        /// s₀ … s_T: `states[t + 1]` is the state after input t.
        public var states: [[Matrix]]
        /// One cache per step.
        public var caches: [Cell.StepCache]
        /// H = [h₁ … h_T], hidden × (T·B): column t·B + b is step t of sequence b.
        public var hidden: Matrix
        /// o = V H + c for every step, output × (T·B), laid out like `hidden` (the loss reads these,
        /// not ŷ, so that it stays exact where ŷ underflows).
        public var logits: Matrix
        /// ŷ = softmax(o) for every step, output × (T·B), laid out like `hidden`.
        public var probabilities: Matrix
        /// log Σₖ exp(o[k]) of every column, computed stably as m + log Σₖ exp(o[k] − m) with
        /// m = maxₖ o[k] while the softmax is taken: −log ŷ[y] = logNormalizers[column] − o[y].
        public var logNormalizers: [Double]
        public let steps: Int
        public let batch: Int

        /// The state after the last step (where the next window starts).
        public var finalState: [Matrix] { states[states.count - 1] }

        /// ŷₜ for the whole batch (output × B).
        public func probabilities(at t: Int) -> Matrix { SequenceModel.slice(probabilities, step: t, batch: batch) }
        /// hₜ₊₁ for the whole batch (hidden × B): the hidden state after input t.
        public func hidden(at t: Int) -> Matrix { SequenceModel.slice(hidden, step: t, batch: batch) }
    }

    /// Runs Eqs. 7.1–7.2 over `inputs` (one StepInput per time step) from `initialState`
    /// (zeros when nil): every output product V H goes through one BLAS call for the whole window.
    public func forward(_ inputs: [StepInput], initialState: [Matrix]? = nil) -> Forward {
        precondition(!inputs.isEmpty, "SequenceModel.forward: no time steps")
        let batch = inputs[0].batchSize
        let steps = inputs.count
        var state = initialState ?? cell.initialState(batch: batch)
        let sizes = cell.stateSizes
        precondition(
            state.map(\.rows) == sizes && state.allSatisfy { $0.columns == batch },
            "SequenceModel.forward: initial state must be \(sizes.count) matrices, \(sizes.map { "\($0)×\(batch)" }.joined(separator: ", "))"
        )
        var states = [state]
        states.reserveCapacity(steps + 1)
        var caches: [Cell.StepCache] = []
        caches.reserveCapacity(steps)
        var hidden = Matrix(rows: cell.hiddenSize, columns: steps * batch)
        for (t, x) in inputs.enumerated() {
            precondition(
                x.batchSize == batch, "SequenceModel.forward: step \(t) has \(x.batchSize) sequences, not \(batch)")
            let (next, cache) = cell.step(x, state: state, time: t)
            Self.place(next[0], into: &hidden, step: t)
            caches.append(cache)
            states.append(next)
            state = next
        }
        var logits = Matrix.product(outputWeights, hidden)
        logits.addToEachColumn(outputBiases)
        let (probabilities, logNormalizers) = Self.softmaxColumns(logits)
        return Forward(
            states: states, caches: caches, hidden: hidden, logits: logits, probabilities: probabilities,
            logNormalizers: logNormalizers, steps: steps, batch: batch)
    }

    /// Eq. 7.3 summed over the batch and divided as `normalization` says (ignored targets add
    /// nothing). Each term is taken from the logits by log-sum-exp,
    /// −log ŷₜ[y] = log Σₖ exp(oₜ[k]) − oₜ[y] (see `Forward.logNormalizers`),
    /// so it stays exact however small ŷₜ[y] is (the log of a stored ŷ would stop at about 708).
    public func loss(_ forward: Forward, targets: [[Int]]) -> Double {
        Self.checkTargets(targets, forward: forward, outputs: outputSize)
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
        return total * Self.lossScale(targets, normalization: normalization)
    }

    /// 1/B or 1/(number of targets that are not ignored), by `normalization`; a window with no
    /// targets at all has zero loss whatever the scale.
    /// Eq. 7.4 for every step at once: ∂L/∂oₜ = (ŷₜ − 1_{yₜ}) / B (or / the number of targets),
    /// zero on ignored steps (target −1). `probabilities` holds ŷₜ for step t in columns
    /// t·batch ..< (t + 1)·batch.
    static func outputDelta(
        _ probabilities: Matrix, targets: [[Int]], batch: Int, normalization: LossNormalization
    ) -> Matrix {
        var dLogits = probabilities
        let outputs = probabilities.rows
        let width = probabilities.columns
        let scale = lossScale(targets, normalization: normalization)
        dLogits.elements.withUnsafeMutableBufferPointer { d in
            for (t, stepTargets) in targets.enumerated() {
                for (b, y) in stepTargets.enumerated() {
                    let column = t * batch + b
                    if y >= 0 {
                        d[y * width + column] -= 1
                        for row in 0..<outputs { d[row * width + column] *= scale }
                    } else {
                        for row in 0..<outputs { d[row * width + column] = 0 }
                    }
                }
            }
        }
        return dLogits
    }

    static func lossScale(_ targets: [[Int]], normalization: LossNormalization) -> Double {
        switch normalization {
        case .perSequence:
            return 1 / Double(targets.first?.count ?? 1)
        case .perTarget:
            let counted = targets.reduce(0) { $0 + $1.filter { $0 >= 0 }.count }
            return 1 / Double(max(counted, 1))
        }
    }

    // MARK: Backward

    /// Backpropagation through time over one window (Eqs. 7.4–7.6): the gradients of the loss
    /// in `parameters` order, and ∂L/∂s₀ (what would flow into an earlier window).
    ///
    /// `dFinalState` is a gradient arriving at s_T from beyond the window (zero when nil).
    public func backward(
        _ forward: Forward, targets: [[Int]], dFinalState: [Matrix]? = nil
    ) -> (gradients: [Matrix], dInitialState: [Matrix]) {
        Self.checkTargets(targets, forward: forward, outputs: outputSize)
        let batch = forward.batch
        let dLogits = Self.outputDelta(
            forward.probabilities, targets: targets, batch: batch, normalization: normalization)
        var cellGradients = cell.zeroGradients()
        let dOutputWeights = Matrix.product(dLogits, forward.hidden, transposeB: true)
        let dOutputBiases = dLogits.rowSums()
        // Vᵀ ∂L/∂oₜ for every step at once; the recursion of Eq. 7.5 adds Wᵀ δₜ₊₁ step by step.
        let dHiddenFromOutput = Matrix.product(outputWeights, dLogits, transposeA: true)
        let dState = cell.backwardThroughTime(
            dHiddenFromOutputs: dHiddenFromOutput, caches: forward.caches,
            dFinalState: dFinalState ?? cell.initialState(batch: batch), gradients: &cellGradients)
        return (cellGradients + [dOutputWeights, dOutputBiases], dState)
    }

    /// Loss, gradients and final state of one window in one call (full BPTT over the window).
    public func lossAndGradients(
        inputs: [StepInput], targets: [[Int]], initialState: [Matrix]? = nil
    ) -> SequenceGradients {
        let pass = forward(inputs, initialState: initialState)
        let (gradients, _) = backward(pass, targets: targets)
        return SequenceGradients(loss: loss(pass, targets: targets), gradients: gradients, finalState: pass.finalState)
    }

    // MARK: Layout helpers

    /// Columns t·B ..< (t+1)·B of a step-major matrix.
    static func slice(_ m: Matrix, step t: Int, batch: Int) -> Matrix {
        let width = m.columns
        precondition((t + 1) * batch <= width, "step \(t) of batch \(batch) outside \(m.shapeDescription)")
        var result = [Double](repeating: 0, count: m.rows * batch)
        m.elements.withUnsafeBufferPointer { source in
            for i in 0..<m.rows {
                for b in 0..<batch { result[i * batch + b] = source[i * width + t * batch + b] }
            }
        }
        return Matrix(rows: m.rows, columns: batch, elements: result)
    }

    /// Writes `block` (rows × B) into columns t·B ..< (t+1)·B.
    static func place(_ block: Matrix, into m: inout Matrix, step t: Int) {
        let width = m.columns
        let batch = block.columns
        block.elements.withUnsafeBufferPointer { source in
            m.elements.withUnsafeMutableBufferPointer { target in
                for i in 0..<block.rows {
                    for b in 0..<batch { target[i * width + t * batch + b] = source[i * batch + b] }
                }
            }
        }
    }

    /// Eq. 4.4 on every column, shifted by the column maximum m for stability, and the log of
    /// each column's normalizer, m + log Σₖ exp(z[k] − m).
    static func softmaxColumns(_ z: Matrix) -> (probabilities: Matrix, logNormalizers: [Double]) {
        let rows = z.rows
        let width = z.columns
        var peak = [Double](repeating: -.infinity, count: width)
        var total = [Double](repeating: 0, count: width)
        var probabilities = [Double](repeating: 0, count: rows * width)
        z.elements.withUnsafeBufferPointer { o in
            probabilities.withUnsafeMutableBufferPointer { a in
                peak.withUnsafeMutableBufferPointer { peak in
                    total.withUnsafeMutableBufferPointer { total in
                        for i in 0..<rows {
                            for j in 0..<width { peak[j] = max(peak[j], o[i * width + j]) }
                        }
                        for i in 0..<rows {
                            for j in 0..<width {
                                let e = exp(o[i * width + j] - peak[j])
                                a[i * width + j] = e
                                total[j] += e
                            }
                        }
                        let reciprocal = total.map { 1 / $0 }
                        for i in 0..<rows {
                            for j in 0..<width { a[i * width + j] *= reciprocal[j] }
                        }
                    }
                }
            }
        }
        let logNormalizers = (0..<width).map { j in peak[j] + log(total[j]) }
        return (Matrix(rows: rows, columns: width, elements: probabilities), logNormalizers)
    }

    static func checkTargets(_ targets: [[Int]], forward: Forward, outputs: Int) {
        precondition(
            targets.count == forward.steps && targets.allSatisfy { $0.count == forward.batch },
            "SequenceModel: targets must be \(forward.steps) steps × \(forward.batch) sequences")
        precondition(
            targets.allSatisfy { $0.allSatisfy { $0 >= -1 && $0 < outputs } },
            "SequenceModel: a target lies outside 0..<\(outputs) (−1 means no target)")
    }
}

/// What a sequence model's summed loss is divided by.
public enum LossNormalization: Sendable, Equatable {
    /// By the batch size B: (1/B) Σₜ Σ_b −log ŷₜ[yₜ], the loss per sequence (Eq. 7.3 for B = 1).
    case perSequence
    /// By the number |S| of targets that are not ignored: −(1/|S|) Σ_{(t, b) ∈ S} log ŷₜ[yₜ],
    /// the mean loss per answer (Eq. 8.17).
    case perTarget
}

/// The loss of a window, its gradients (in `parameters` order) and the state it ended in.
public struct SequenceGradients: Sendable {
    public var loss: Double
    public var gradients: [Matrix]
    public var finalState: [Matrix]
}

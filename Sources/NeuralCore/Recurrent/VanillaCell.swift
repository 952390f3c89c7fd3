// The vanilla (Elman) recurrent cell of Chapter 07: one tanh layer that reads the input and its
// own previous output. The same U, W and b are used at every time step.

import Foundation

/// hₜ = tanh(U xₜ + W hₜ₋₁ + b), Eq. 7.1, for a batch (one column per sequence).
///
/// Shapes: U is hidden × input, W is hidden × hidden, b is hidden × 1; xₜ is input × batch (or one
/// index per sequence), hₜ is hidden × batch. Parameters in order: U, W, b.
public struct VanillaCell: RecurrentCell {
    /// What the backward step needs: the input, hₜ₋₁ and hₜ (tanh′ = 1 − hₜ²).
    public struct StepCache: Sendable {
        public var input: StepInput
        public var previousHidden: Matrix
        public var hidden: Matrix
    }

    /// [U, W, b], stored together so optimizers update them in place.
    public var parameters: [Matrix]
    public let inputSize: Int
    public let hiddenSize: Int
    public var stateCount: Int { 1 }
    public var parameterNames: [String] { ["U", "W", "b"] }

    /// U, the input weights (hidden × input).
    public var inputWeights: Matrix {
        get { parameters[0] }
        set { parameters[0] = newValue }
    }
    /// W, the recurrent weights (hidden × hidden).
    public var recurrentWeights: Matrix {
        get { parameters[1] }
        set { parameters[1] = newValue }
    }
    /// b, the hidden biases (hidden × 1).
    public var biases: Matrix {
        get { parameters[2] }
        set { parameters[2] = newValue }
    }

    /// A cell from given weights.
    public init(inputWeights: Matrix, recurrentWeights: Matrix, biases: Matrix) {
        let hidden = recurrentWeights.rows
        precondition(
            recurrentWeights.columns == hidden && inputWeights.rows == hidden && biases.rows == hidden
                && biases.columns == 1,
            "VanillaCell: U \(inputWeights.shapeDescription), W \(recurrentWeights.shapeDescription), b \(biases.shapeDescription) do not fit hidden × input, hidden × hidden, hidden × 1"
        )
        parameters = [inputWeights, recurrentWeights, biases]
        inputSize = inputWeights.columns
        hiddenSize = hidden
    }

    /// A cell with N(0, scale²) weights and zero biases (scale 0.01 as in the minimal char-RNN).
    public init(inputSize: Int, hiddenSize: Int, scale: Double = 0.01, using generator: inout SeededGenerator) {
        let u = Matrix.gaussian(hiddenSize, inputSize, standardDeviation: scale, using: &generator)
        let w = Matrix.gaussian(hiddenSize, hiddenSize, standardDeviation: scale, using: &generator)
        self.init(inputWeights: u, recurrentWeights: w, biases: Matrix(rows: hiddenSize, columns: 1))
    }

    /// Eq. 7.1: zₜ = U xₜ + W hₜ₋₁ + b, hₜ = tanh(zₜ).
    public func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache) {
        let previous = state[0]
        precondition(
            previous.rows == hiddenSize && previous.columns == x.batchSize,
            "VanillaCell.step: hₜ₋₁ is \(previous.shapeDescription), expected \(hiddenSize)×\(x.batchSize)")
        // W hₜ₋₁ through BLAS, then U xₜ and b added in place.
        var z = Matrix.product(parameters[1], previous)
        x.addProduct(parameters[0], into: &z)
        z.addToEachColumn(parameters[2])
        z.elements.withUnsafeMutableBufferPointer { entries in
            for k in 0..<entries.count { entries[k] = tanh(entries[k]) }
        }
        return ([z], StepCache(input: x, previousHidden: previous, hidden: z))
    }

    /// Eqs. 7.5–7.6 for one step: δₜ = ∂L/∂hₜ ⊙ (1 − hₜ²) is ∂L/∂zₜ; then
    /// dU += δₜ xₜᵀ, dW += δₜ hₜ₋₁ᵀ, db += Σ_batch δₜ, and ∂L/∂hₜ₋₁ = Wᵀ δₜ (the
    /// recursion of Eq. 7.5).
    public func backwardStep(
        _ dState: [Matrix], cache: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        let dHidden = dState[0]
        precondition(
            dHidden.rows == hiddenSize && dHidden.columns == cache.hidden.columns,
            "VanillaCell.backwardStep: ∂L/∂hₜ is \(dHidden.shapeDescription), hₜ is \(cache.hidden.shapeDescription)")
        var delta = dHidden
        cache.hidden.elements.withUnsafeBufferPointer { h in
            delta.elements.withUnsafeMutableBufferPointer { d in
                for k in 0..<d.count { d[k] *= 1 - h[k] * h[k] }
            }
        }
        cache.input.accumulateWeightGradient(delta, into: &gradients[0])
        gradients[1].addProduct(delta, cache.previousHidden, transposeB: true)
        gradients[2].addRowSums(of: delta)
        let dPrevious = Matrix.product(parameters[1], delta, transposeA: true)
        return ([dPrevious], cache.input.inputGradient(parameters[0], delta))
    }

    /// ∂hₜ/∂hₜ₋₁ = diag(1 − hₜ²) W for one sequence (column `sequence` of the batch), Eq. 7.11:
    /// the Jacobian whose product over steps decides whether gradients vanish or explode.
    public func hiddenJacobian(_ cache: StepCache, sequence: Int = 0) -> Matrix {
        let w = parameters[1]
        return Matrix(rows: hiddenSize, columns: hiddenSize) { i, j in
            let h = cache.hidden[i, sequence]
            return (1 - h * h) * w[i, j]
        }
    }
}

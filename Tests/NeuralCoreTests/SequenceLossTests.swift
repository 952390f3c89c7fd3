// The loss of a sequence model exactly where the probabilities underflow (log-sum-exp on the
// logits), and the two normalizations: per sequence (7.3) and per target (8.17).

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Sequence model loss — log-sum-exp (7.3) and per-target normalization (8.17)")
struct SequenceLossTests {
    /// A model whose logits are exactly `c` at every step: U = W = 0 and b = 0 give hₜ = 0.
    static func constantLogits(_ c: [Double], normalization: LossNormalization = .perSequence)
        -> SequenceModel<VanillaCell>
    {
        let cell = VanillaCell(
            inputWeights: Matrix(rows: 2, columns: 3), recurrentWeights: Matrix(rows: 2, columns: 2),
            biases: Matrix(rows: 2, columns: 1))
        return SequenceModel(
            cell: cell, outputWeights: Matrix(rows: c.count, columns: 2), outputBiases: Matrix(column: c),
            normalization: normalization)
    }

    @Test(
        "Eq. 7.3 — logits of ±1000: −log ŷ[y] is the true 2000, 1000 or 0, not capped at 708",
        arguments: [(1, 2000.0), (2, 1000.0), (0, 0.0)])
    func extremeLogits(target: Int, expected: Double) {
        let model = Self.constantLogits([1000, -1000, 0])
        let pass = model.forward([.oneHot([0])])
        // ŷ[1] = e⁻²⁰⁰⁰ underflows to 0: only the logits know the loss.
        #expect(pass.probabilities[1, 0] == 0)
        expectClose(model.loss(pass, targets: [[target]]), expected, tolerance: Tolerance.exactArithmetic)
        // Its gradient ∂L/∂c = ŷ − 1_y is finite and exact too.
        let dc = model.backward(pass, targets: [[target]]).gradients[4]
        let oneHot = Matrix(column: (0..<3).map { $0 == target ? 1 : 0 })
        expectClose(dc, pass.probabilities(at: 0) - oneHot, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 7.3 — the log-sum-exp loss equals −log ŷ[y] where ŷ is representable")
    func ordinaryLogits() {
        let (model, inputs, targets, h0) = RecurrentCase(vocabulary: 5, hidden: 4, steps: 6, batch: 3).make(seed: 13)
        let pass = model.forward(inputs, initialState: h0)
        var total = 0.0
        for t in 0..<6 {
            for b in 0..<3 { total -= log(pass.probabilities(at: t)[targets[t][b], b]) }
        }
        expectClose(model.loss(pass, targets: targets), total / 3, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 8.17 — per-target normalization divides loss and gradients by |S|, not by B")
    func perTarget() {
        let (model, inputs, targets, h0) = RecurrentCase(vocabulary: 5, hidden: 4, steps: 4, batch: 3).make(seed: 14)
        var masked = targets
        let ignored = SequenceModel<VanillaCell>.ignored
        masked[0] = [ignored, ignored, ignored]
        masked[1] = [targets[1][0], ignored, ignored]
        masked[2][2] = ignored
        let answered = 1 + 2 + 3  // |S| = 6 of the 12 (step, sequence) pairs
        var perTarget = model
        perTarget.normalization = .perTarget
        let bySequence = model.lossAndGradients(inputs: inputs, targets: masked, initialState: h0)
        let byTarget = perTarget.lossAndGradients(inputs: inputs, targets: masked, initialState: h0)
        let ratio = 3.0 / Double(answered)  // (1/|S|) / (1/B)
        expectClose(byTarget.loss, bySequence.loss * ratio, tolerance: Tolerance.exactArithmetic)
        for k in byTarget.gradients.indices {
            expectClose(
                byTarget.gradients[k], bySequence.gradients[k] * ratio, tolerance: Tolerance.exactArithmetic,
                "\(model.parameterNames[k])")
        }
        // A window without any target has no loss and no gradient under either normalization.
        let none = Array(repeating: [ignored, ignored, ignored], count: 4)
        let empty = perTarget.lossAndGradients(inputs: inputs, targets: none, initialState: h0)
        #expect(empty.loss == 0)
        #expect(empty.gradients.allSatisfy { $0.maxAbs() == 0 })
    }
}

// Helpers shared by the checks of Chapter 07's exercises: seeded matrices, the hello network of
// §7.3, gradients laid side by side, and BPTT written out with the classic mistakes switchable,
// so a check can name the term a learner's gradient is missing.

import ExerciseKit
import Foundation
import NeuralCore

enum Ch07 {
    /// The four letters h, e, l, o: "hell" in, "ello" expected out (indices into h, e, l, o).
    static let helloInputs = [0, 1, 2, 2]
    static let helloTargets = [1, 2, 2, 3]

    /// A vanilla network V → n → V with N(0, scale²) weights and small random biases, as in §7.2.
    static func network(vocabulary: Int, hidden: Int, scale: Double = 0.5, seed: UInt64) -> SequenceModel<VanillaCell> {
        var generator = SeededGenerator(seed: seed)
        let cell = VanillaCell(inputSize: vocabulary, hiddenSize: hidden, scale: scale, using: &generator)
        var model = SequenceModel(cell: cell, outputSize: vocabulary, scale: scale, using: &generator)
        model.cell.biases = Matrix.gaussian(hidden, 1, standardDeviation: 0.1, using: &generator)
        model.outputBiases = Matrix.gaussian(vocabulary, 1, standardDeviation: 0.1, using: &generator)
        return model
    }

    /// Seeded symbols in 0..<vocabulary.
    static func symbols(_ count: Int, vocabulary: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in generator.integer(below: vocabulary) }
    }

    /// All the matrices' entries in one row, in order (to compare a list of gradients at once).
    static func flat(_ matrices: [Matrix]) -> Matrix {
        Matrix(row: matrices.flatMap(\.elements))
    }

    /// The mistakes `bptt` can make on purpose.
    enum Variant {
        case correct
        /// ∂L/∂hₜ without the term Wᵀδₜ₊₁ from the step after (each step on its own).
        case noFutureTerm
        /// ∂L/∂W summed from δₜ hₜᵀ instead of δₜ hₜ₋₁ᵀ.
        case currentHidden
        /// δₜ = ∂L/∂hₜ, without the factor 1 − hₜ².
        case noTanhPrime
        /// ∂L/∂oₜ = ŷₜ, without the − 1_{yₜ}.
        case noMinusOne
    }

    /// Eqs. 7.1–7.6 for a batch of one, written out step by step: [∂U, ∂W, ∂b, ∂V, ∂c].
    static func bptt(
        U: Matrix, W: Matrix, b: Matrix, V: Matrix, c: Matrix, inputs: [Int], targets: [Int],
        variant: Variant = .correct
    ) -> [Matrix] {
        let n = W.rows
        let vocabulary = U.columns
        var h = [Matrix(rows: n, columns: 1)]
        var errors: [Matrix] = []
        for (t, x) in inputs.enumerated() {
            let z = U * Matrix.oneHot([x], classes: vocabulary) + W * h[t] + b
            h.append(z.map { Foundation.tanh($0) })
            var error = Softmax.apply(V * h[t + 1] + c)
            if variant != .noMinusOne { error[targets[t], 0] -= 1 }
            errors.append(error)
        }
        var dU = Matrix(rows: n, columns: vocabulary)
        var dW = Matrix(rows: n, columns: n)
        var db = Matrix(rows: n, columns: 1)
        var dV = Matrix(rows: V.rows, columns: n)
        var dc = Matrix(rows: V.rows, columns: 1)
        var deltaNext = Matrix(rows: n, columns: 1)
        for t in stride(from: inputs.count - 1, through: 0, by: -1) {
            var dh = V.transposed * errors[t]
            if variant != .noFutureTerm { dh += W.transposed * deltaNext }
            let delta = variant == .noTanhPrime ? dh : dh ⊙ h[t + 1].map { 1 - $0 * $0 }
            dU += delta * Matrix.oneHot([inputs[t]], classes: vocabulary).transposed
            dW += delta * (variant == .currentHidden ? h[t + 1] : h[t]).transposed
            db += delta
            dV += errors[t] * h[t + 1].transposed
            dc += errors[t]
            deltaNext = delta
        }
        return [dU, dW, db, dV, dc]
    }

    /// Eq. 7.3 for a batch of one, from the logits by log-sum-exp.
    static func loss(U: Matrix, W: Matrix, b: Matrix, V: Matrix, c: Matrix, inputs: [Int], targets: [Int]) -> Double {
        var h = Matrix(rows: W.rows, columns: 1)
        var total = 0.0
        for (t, x) in inputs.enumerated() {
            h = (U * Matrix.oneHot([x], classes: U.columns) + W * h + b).map { Foundation.tanh($0) }
            total -= Softmax.logApply(V * h + c)[targets[t], 0]
        }
        return total
    }
}

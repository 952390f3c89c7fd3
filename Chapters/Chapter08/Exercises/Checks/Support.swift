// Helpers shared by the checks of Chapter 08's exercises: gate blocks, seeded cells with given
// weights, and the LSTM and GRU steps written out with the classic mistakes switchable, so a check
// can name the term a learner's answer gets wrong.

import ExerciseKit
import Foundation
import NeuralCore

enum Ch08 {
    /// Rows k·n ..< (k+1)·n of a matrix that stacks `count` blocks of n rows.
    static func rows(_ m: Matrix, _ k: Int, of count: Int) -> Matrix {
        let n = m.rows / count
        return Matrix(rows: n, columns: m.columns) { i, j in m[k * n + i, j] }
    }

    /// Blocks stacked on top of each other.
    static func stack(_ blocks: [Matrix]) -> Matrix {
        Matrix(
            rows: blocks.reduce(0) { $0 + $1.rows }, columns: blocks[0].columns, elements: blocks.flatMap(\.elements))
    }

    static func sigmoid(_ m: Matrix) -> Matrix { m.map { 1 / (1 + Foundation.exp(-$0)) } }
    static func tanh(_ m: Matrix) -> Matrix { m.map { Foundation.tanh($0) } }
    static func oneMinus(_ m: Matrix) -> Matrix { m.map { 1 - $0 } }

    /// An LSTM cell (blocks f, i, o, g) with seeded weights of the given spread.
    static func lstm(inputs: Int, hidden: Int, spread: Double = 0.8, seed: UInt64) -> LSTMCell {
        var generator = SeededGenerator(seed: seed)
        var cell = LSTMCell(inputSize: inputs, hiddenSize: hidden, using: &generator)
        cell.parameters = [
            Matrix.gaussian(4 * hidden, inputs, standardDeviation: spread, using: &generator),
            Matrix.gaussian(4 * hidden, hidden, standardDeviation: spread, using: &generator),
            Matrix.gaussian(4 * hidden, 1, standardDeviation: spread, using: &generator),
        ]
        return cell
    }

    /// A GRU cell (blocks z, r, n) with seeded weights of the given spread.
    static func gru(inputs: Int, hidden: Int, spread: Double = 0.8, seed: UInt64) -> GRUCell {
        var generator = SeededGenerator(seed: seed)
        var cell = GRUCell(inputSize: inputs, hiddenSize: hidden, using: &generator)
        cell.parameters = [
            Matrix.gaussian(3 * hidden, inputs, standardDeviation: spread, using: &generator),
            Matrix.gaussian(3 * hidden, hidden, standardDeviation: spread, using: &generator),
            Matrix.gaussian(3 * hidden, 1, standardDeviation: spread, using: &generator),
        ]
        return cell
    }

    static func gaussian(_ rows: Int, _ columns: Int, spread: Double = 1, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return Matrix.gaussian(rows, columns, standardDeviation: spread, using: &generator)
    }

    // MARK: The LSTM step, Eqs. 8.1–8.4, with mistakes

    enum LSTMForwardVariant {
        case correct
        /// The blocks read in the order i, f, o, g instead of f, i, o, g.
        case swappedForgetAndInput
        /// hₜ = oₜ ⊙ cₜ, without tanh.
        case noTanhOnCell
        /// gₜ = σ(z_g) instead of tanh(z_g).
        case sigmoidCandidate
        /// cₜ = iₜ ⊙ gₜ, the old cell dropped.
        case noForgetTerm
    }

    static func lstmForward(
        U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix, cPrevious: Matrix,
        variant: LSTMForwardVariant = .correct
    ) -> (h: Matrix, c: Matrix) {
        let z = (U * x + W * hPrevious).addingToEachColumn(b)
        var f = sigmoid(rows(z, 0, of: 4))
        var i = sigmoid(rows(z, 1, of: 4))
        if variant == .swappedForgetAndInput { swap(&f, &i) }
        let o = sigmoid(rows(z, 2, of: 4))
        let g = variant == .sigmoidCandidate ? sigmoid(rows(z, 3, of: 4)) : tanh(rows(z, 3, of: 4))
        let c = variant == .noForgetTerm ? i ⊙ g : f ⊙ cPrevious + i ⊙ g
        let h = variant == .noTanhOnCell ? o ⊙ c : o ⊙ tanh(c)
        return (h, c)
    }

    // MARK: The LSTM backward step, Eqs. 8.5–8.7, with mistakes

    enum LSTMBackwardVariant {
        case correct
        /// δĉₜ without δcₜ (only the path through hₜ).
        case noIncomingCellGradient
        /// δĉₜ = δcₜ + δhₜ ⊙ oₜ, without (1 − tanh² cₜ).
        case noTanhPrimeOnCell
        /// δz_f with cₜ instead of cₜ₋₁.
        case currentCellInForget
        /// δcₜ₋₁ = δĉₜ, without ⊙ fₜ.
        case noForgetOnCellPath
    }

    static func lstmBackward(
        dh: Matrix, dc: Matrix, cache s: LSTMCell.StepCache, W: Matrix, variant: LSTMBackwardVariant = .correct
    ) -> (dz: Matrix, dhPrevious: Matrix, dcPrevious: Matrix) {
        let (f, i, o, g) = (s.forget, s.inputGate, s.output, s.candidate)
        let t = s.tanhCell
        let c = f ⊙ s.previousCell + i ⊙ g
        let incoming = variant == .noIncomingCellGradient ? Matrix.zeros(dc.rows, dc.columns) : dc
        let throughTanh = variant == .noTanhPrimeOnCell ? dh ⊙ o : dh ⊙ o ⊙ oneMinus(t ⊙ t)
        let dcHat = incoming + throughTanh
        let dcPrevious = variant == .noForgetOnCellPath ? dcHat : dcHat ⊙ f
        let cellInForget = variant == .currentCellInForget ? c : s.previousCell
        let dz = stack([
            dcHat ⊙ cellInForget ⊙ f ⊙ oneMinus(f),
            dcHat ⊙ g ⊙ i ⊙ oneMinus(i),
            dh ⊙ t ⊙ o ⊙ oneMinus(o),
            dcHat ⊙ i ⊙ oneMinus(g ⊙ g),
        ])
        return (dz, W.transposed * dz, dcPrevious)
    }

    // MARK: The GRU step, Eqs. 8.8–8.10, with mistakes

    enum GRUForwardVariant {
        case correct
        /// hₜ = zₜ ⊙ hₜ₋₁ + (1 − zₜ) ⊙ nₜ (the opposite convention, PyTorch's).
        case swappedUpdate
        /// nₜ = tanh(p_n + W_n (rₜ ⊙ hₜ₋₁)), the reset gate before the product.
        case resetBeforeProduct
        /// nₜ = tanh(p_n + q_n), the reset gate left out.
        case noReset
        /// hₜ = nₜ (no mixing with the old state).
        case candidateOnly
    }

    static func gruForward(
        U: Matrix, W: Matrix, b: Matrix, x: Matrix, hPrevious: Matrix, variant: GRUForwardVariant = .correct
    ) -> Matrix {
        let p = (U * x).addingToEachColumn(b)
        let q = W * hPrevious
        let z = sigmoid(rows(p, 0, of: 3) + rows(q, 0, of: 3))
        let r = sigmoid(rows(p, 1, of: 3) + rows(q, 1, of: 3))
        let candidateInput: Matrix
        switch variant {
        case .resetBeforeProduct: candidateInput = rows(W, 2, of: 3) * (r ⊙ hPrevious)
        case .noReset: candidateInput = rows(q, 2, of: 3)
        default: candidateInput = r ⊙ rows(q, 2, of: 3)
        }
        let n = tanh(rows(p, 2, of: 3) + candidateInput)
        switch variant {
        case .swappedUpdate: return z ⊙ hPrevious + oneMinus(z) ⊙ n
        case .candidateOnly: return n
        default: return oneMinus(z) ⊙ hPrevious + z ⊙ n
        }
    }

    // MARK: The GRU backward step, Eq. 8.11, with mistakes

    enum GRUBackwardVariant {
        case correct
        /// δhₜ₋₁ = Wᵀδq, without the direct path δhₜ ⊙ (1 − zₜ).
        case noDirectPath
        /// δq = [δa_z; δa_r; δa_n], without ⊙ rₜ on the candidate block.
        case noResetOnRecurrentCandidate
        /// δa_z with (hₜ₋₁ − nₜ) instead of (nₜ − hₜ₋₁).
        case flippedUpdateSign
        /// δa_n without (1 − nₜ²).
        case noTanhPrime
    }

    static func gruBackward(dh: Matrix, cache s: GRUCell.StepCache, W: Matrix, variant: GRUBackwardVariant = .correct)
        -> (dp: Matrix, dq: Matrix, dhPrevious: Matrix)
    {
        let (z, r, n, qn, hPrevious) = (s.gate(0), s.gate(1), s.gate(2), s.recurrentCandidate, s.previousHidden)
        let dan = variant == .noTanhPrime ? dh ⊙ z : dh ⊙ z ⊙ oneMinus(n ⊙ n)
        let difference = variant == .flippedUpdateSign ? hPrevious - n : n - hPrevious
        let daz = dh ⊙ difference ⊙ z ⊙ oneMinus(z)
        let dar = dan ⊙ qn ⊙ r ⊙ oneMinus(r)
        let dp = stack([daz, dar, dan])
        let dq = stack([daz, dar, variant == .noResetOnRecurrentCandidate ? dan : dan ⊙ r])
        let dhPrevious =
            W.transposed * dq + (variant == .noDirectPath ? Matrix.zeros(dh.rows, dh.columns) : dh ⊙ oneMinus(z))
        return (dp, dq, dhPrevious)
    }
}

/// BPTT of L = Σₜ Σ Pₜ ⊙ hₜ over 6 steps of a single-state cell (GRU, minimal gated unit), done
/// twice from the same forward pass: with the core's backward step, and with the learner's step,
/// which returns δp (the input block), δq (the recurrent block) and δhₜ₋₁. The parameter gradients
/// must agree: ∂L/∂U = Σₜ δpₜ xₜᵀ, ∂L/∂W = Σₜ δqₜ hₜ₋₁ᵀ, ∂L/∂b = Σₜ Σ_batch δpₜ.
func expectBPTTLikeCore<Cell: RecurrentCell>(
    _ cell: Cell, seed: UInt64, previousHidden: (Cell.StepCache) -> Matrix,
    learnerStep: (_ dh: Matrix, _ cache: Cell.StepCache) throws -> (dp: Matrix, dq: Matrix, dhPrevious: Matrix)
) throws {
    let xs = (0..<6).map { Ch08.gaussian(4, 2, seed: seed + 1 + UInt64($0)) }
    let ps = (0..<6).map { Ch08.gaussian(3, 2, seed: seed + 11 + UInt64($0)) }
    var state = cell.initialState(batch: 2)
    var caches: [Cell.StepCache] = []
    for x in xs {
        let (next, cache) = cell.step(.dense(x), state: state)
        caches.append(cache)
        state = next
    }
    var expected = cell.zeroGradients()
    var got = cell.zeroGradients()
    var coreState = [Matrix.zeros(3, 2)]
    var dh = Matrix.zeros(3, 2)
    for t in (0..<6).reversed() {
        coreState[0] += ps[t]
        coreState = cell.backwardStep(coreState, cache: caches[t], gradients: &expected).dPreviousState
        let step = try learnerStep(dh + ps[t], caches[t])
        got[0] += step.dp * xs[t].transposed
        got[1] += step.dq * previousHidden(caches[t]).transposed
        got[2] += step.dp.rowSums()
        dh = step.dhPrevious
    }
    for (index, name) in ["∂L/∂U", "∂L/∂W", "∂L/∂b"].enumerated() {
        try expectClose(got[index], expected[index], name, tolerance: 1e-8)
    }
}

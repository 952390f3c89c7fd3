// The fast gated cells (unsafe-pointer loops, the vectorized exp) against their reference steps
// (one matrix expression per equation, Foundation's exp and tanh): forward states and BPTT
// gradients agree to rounding for several sequence lengths, batch sizes and both input kinds.

import NeuralCore
import TestSupport
import Testing

/// One comparison: a cell kind, a sequence length, a batch size, one-hot or dense inputs.
struct ReferenceCase: CustomTestStringConvertible, Sendable {
    var kind: GatedKind
    var length: Int
    var batch: Int
    var dense: Bool
    var testDescription: String { "\(kind.rawValue), T = \(length), B = \(batch), \(dense ? "dense" : "one-hot")" }

    static let all: [ReferenceCase] = GatedKind.allCases.flatMap { kind in
        [(1, 1, false), (3, 4, false), (9, 2, true), (17, 5, false), (6, 1, true)].map {
            ReferenceCase(kind: kind, length: $0.0, batch: $0.1, dense: $0.2)
        }
    }
}

@Suite("Gated cells — the fast steps against their matrix-level references (8.1)–(8.15)")
struct GatedReferenceTests {
    /// Rounding only: the fast cells' exp is a polynomial good to a couple of ulps, and the order
    /// of their sums differs from the reference's.
    static let tolerance = Tolerance.blasVersusLoop

    @Test("Forward states and BPTT gradients of the fast cell equal the reference's", arguments: ReferenceCase.all)
    func agree(_ c: ReferenceCase) {
        var generator = SeededGenerator(seed: 40 + UInt64(c.length))
        switch c.kind {
        case .lstm:
            let cell = LSTMCell(inputSize: 5, hiddenSize: 4, forgetBias: 0.5, using: &generator)
            compare(cell, LSTMReference(cell), c)
        case .gru:
            let cell = GRUCell(inputSize: 5, hiddenSize: 4, updateBias: -0.5, using: &generator)
            compare(cell, GRUReference(cell), c)
        case .minimal:
            let cell = MinimalGatedCell(inputSize: 5, hiddenSize: 4, using: &generator)
            compare(cell, MinimalGatedReference(cell), c)
        }
    }

    @Test("Eq. 8.2, Eq. 8.8 — The fast caches' gate accessors are the reference's fₜ, iₜ, oₜ, gₜ and zₜ, rₜ, nₜ")
    func gateAccessors() {
        var generator = SeededGenerator(seed: 3)
        let x = StepInput.dense(Matrix.gaussian(5, 3, using: &generator))
        let lstm = LSTMCell(inputSize: 5, hiddenSize: 4, forgetBias: 0.5, using: &generator)
        let lstmState = [Matrix.gaussian(4, 3, using: &generator), Matrix.gaussian(4, 3, using: &generator)]
        let fast = lstm.step(x, state: lstmState).cache
        let reference = LSTMReference(lstm).step(x, state: lstmState).cache
        expectClose(fast.forget, reference.f, tolerance: Self.tolerance, "fₜ")
        expectClose(fast.inputGate, reference.i, tolerance: Self.tolerance, "iₜ")
        expectClose(fast.output, reference.o, tolerance: Self.tolerance, "oₜ")
        expectClose(fast.candidate, reference.g, tolerance: Self.tolerance, "gₜ")
        let gru = GRUCell(inputSize: 5, hiddenSize: 4, using: &generator)
        let gruState = [Matrix.gaussian(4, 3, using: &generator)]
        let fastGRU = gru.step(x, state: gruState).cache
        let referenceGRU = GRUReference(gru).step(x, state: gruState).cache
        for (k, gate) in [referenceGRU.z, referenceGRU.r, referenceGRU.n].enumerated() {
            expectClose(fastGRU.gate(k), gate, tolerance: Self.tolerance, "GRU gate \(k)")
        }
        let minimal = MinimalGatedCell(inputSize: 5, hiddenSize: 4, using: &generator)
        let fastMinimal = minimal.step(x, state: gruState).cache
        expectClose(
            fastMinimal.forget, MinimalGatedReference(minimal).step(x, state: gruState).cache.f,
            tolerance: Self.tolerance, "minimal fₜ")
    }

    func compare<Fast: RecurrentCell, Reference: RecurrentCell>(
        _ fast: Fast, _ reference: Reference, _ c: ReferenceCase
    ) {
        let problem = GatedSequenceProblem(
            cell: fast, length: c.length, batch: c.batch, dense: c.dense, seed: 7 + UInt64(c.batch))
        var fastState = problem.initialState
        var referenceState = problem.initialState
        for (t, x) in problem.inputs.enumerated() {
            fastState = fast.step(x, state: fastState).state
            referenceState = reference.step(x, state: referenceState).state
            for k in fastState.indices {
                expectClose(fastState[k], referenceState[k], tolerance: Self.tolerance, "state[\(k)] at t = \(t)")
            }
        }
        let fastGradients = problem.gradients(fast)
        let referenceGradients = problem.gradients(reference)
        for k in fastGradients.parameters.indices {
            expectClose(
                fastGradients.parameters[k], referenceGradients.parameters[k], tolerance: Self.tolerance,
                "∂L/∂\(fast.parameterNames[k])")
        }
        for k in fastGradients.initialState.indices {
            expectClose(
                fastGradients.initialState[k], referenceGradients.initialState[k], tolerance: Self.tolerance,
                "∂L/∂s₀[\(k)]")
        }
        for t in problem.inputs.indices {
            switch (fastGradients.inputs[t], referenceGradients.inputs[t]) {
            case (nil, nil): #expect(!c.dense, "a dense input needs a gradient")
            case (let a?, let b?): expectClose(a, b, tolerance: Self.tolerance, "∂L/∂x at t = \(t)")
            default: Issue.record("only one of the cells returned ∂L/∂x at t = \(t)")
            }
        }
    }
}

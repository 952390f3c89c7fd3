// Where the gate biases land: the LSTM's forget bias on the forget gate's rows (block f of the
// order f, i, o, g of Eq. 8.1) and the GRU's update bias on the update gate's rows (block z of
// z, r, n, Eq. 8.8) — checked on the bias vector and on the gates at zero input.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Gate biases — the LSTM forget bias and the GRU update bias sit on their own gate")
struct GateBiasTests {
    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    @Test(
        "Eq. 8.1, Eq. 8.2 — LSTM: b = [b_f·1; 0; 0; 0], and at zero input and state fₜ = σ(b_f), iₜ = oₜ = ½, gₜ = 0",
        arguments: [-1.5, 1.0, 4.0])
    func lstmForgetBias(bias: Double) {
        var generator = SeededGenerator(seed: 1)
        let cell = LSTMCell(inputSize: 3, hiddenSize: 4, forgetBias: bias, using: &generator)
        let b = cell.parameters[2]
        #expect(b.rows == 16 && b.columns == 1)
        #expect(b.elements == Array(repeating: bias, count: 4) + Array(repeating: 0, count: 12))
        let (state, cache) = cell.step(.dense(Matrix(rows: 3, columns: 2)), state: cell.initialState(batch: 2))
        expectClose(cache.forget, Matrix(rows: 4, columns: 2, repeating: Self.sigmoid(bias)), tolerance: 1e-15)
        expectClose(cache.inputGate, Matrix(rows: 4, columns: 2, repeating: 0.5), tolerance: 1e-15)
        expectClose(cache.output, Matrix(rows: 4, columns: 2, repeating: 0.5), tolerance: 1e-15)
        expectClose(cache.candidate, Matrix(rows: 4, columns: 2), tolerance: 1e-15)
        // With cₜ₋₁ = 0 and gₜ = 0 nothing is written: cₜ = hₜ = 0.
        #expect(state[1].maxAbs() < 1e-15 && state[0].maxAbs() < 1e-15)
        // From cₜ₋₁ = 1 (and hₜ₋₁ = 0) the cell keeps exactly the fraction σ(b_f).
        let kept = cell.step(
            .dense(Matrix(rows: 3, columns: 2)),
            state: [Matrix(rows: 4, columns: 2), Matrix(rows: 4, columns: 2, repeating: 1)]
        ).state[1]
        expectClose(kept, Matrix(rows: 4, columns: 2, repeating: Self.sigmoid(bias)), tolerance: 1e-15)
    }

    @Test(
        "Eq. 8.8, Eq. 8.10 — GRU: b = [b_z·1; 0; 0], and at zero input and state zₜ = σ(b_z), rₜ = ½", arguments: [-4.0, 0.5])
    func gruUpdateBias(bias: Double) {
        var generator = SeededGenerator(seed: 2)
        let cell = GRUCell(inputSize: 3, hiddenSize: 4, updateBias: bias, using: &generator)
        #expect(cell.parameters[2].elements == Array(repeating: bias, count: 4) + Array(repeating: 0, count: 8))
        let (_, cache) = cell.step(.dense(Matrix(rows: 3, columns: 2)), state: cell.initialState(batch: 2))
        expectClose(cache.gate(0), Matrix(rows: 4, columns: 2, repeating: Self.sigmoid(bias)), tolerance: 1e-15)
        expectClose(cache.gate(1), Matrix(rows: 4, columns: 2, repeating: 0.5), tolerance: 1e-15)
        // With W = 0 and hₜ₋₁ = 1 the cell keeps exactly 1 − zₜ of it (the candidate is tanh(0) = 0).
        var still = cell
        still.parameters[1] = Matrix(rows: 12, columns: 4)
        let kept = still.step(.dense(Matrix(rows: 3, columns: 2)), state: [Matrix(rows: 4, columns: 2, repeating: 1)])
            .state[0]
        expectClose(kept, Matrix(rows: 4, columns: 2, repeating: 1 - Self.sigmoid(bias)), tolerance: 1e-15)
    }
}

// The third way to check BPTT through the gated cells: rebuild each cell's equations entry by
// entry on the scalar reverse-mode tape (`Value`) and let the tape differentiate the unrolled
// sequence. Nothing is shared with the matrix code but the equations themselves (and `TapeMatrix`,
// which only holds the leaves).

import NeuralCore
import TestSupport
import Testing

/// One step of a cell on scalars for one sequence: (state, parameters U, W, b, input) → state.
typealias TapeStep = (_ state: [[Value]], _ u: TapeMatrix, _ w: TapeMatrix, _ b: TapeMatrix, _ x: [Value])
    -> [[Value]]

/// (8.1)–(8.4) on scalars, gate blocks f, i, o, g.
func lstmTapeStep(_ state: [[Value]], _ u: TapeMatrix, _ w: TapeMatrix, _ b: TapeMatrix, _ x: [Value])
    -> [[Value]]
{
    let hidden = state[0].count
    func pre(_ r: Int) -> Value { u.rowTimes(r, x) + w.rowTimes(r, state[0]) + b[r, 0] }
    var h: [Value] = []
    var c: [Value] = []
    for k in 0..<hidden {
        let f = pre(k).sigmoid()
        let i = pre(hidden + k).sigmoid()
        let o = pre(2 * hidden + k).sigmoid()
        let g = pre(3 * hidden + k).tanh()
        let cell = f * state[1][k] + i * g
        c.append(cell)
        h.append(o * cell.tanh())
    }
    return [h, c]
}

/// (8.8)–(8.10) on scalars, blocks z, r, n; the reset gate multiplies the recurrent product.
func gruTapeStep(_ state: [[Value]], _ u: TapeMatrix, _ w: TapeMatrix, _ b: TapeMatrix, _ x: [Value])
    -> [[Value]]
{
    let hidden = state[0].count
    let previous = state[0]
    let h = (0..<hidden).map { k -> Value in
        let z = (u.rowTimes(k, x) + b[k, 0] + w.rowTimes(k, previous)).sigmoid()
        let r = (u.rowTimes(hidden + k, x) + b[hidden + k, 0] + w.rowTimes(hidden + k, previous)).sigmoid()
        let n = (u.rowTimes(2 * hidden + k, x) + b[2 * hidden + k, 0] + r * w.rowTimes(2 * hidden + k, previous))
            .tanh()
        return (1 - z) * previous[k] + z * n
    }
    return [h]
}

/// (8.12)–(8.14) on scalars, blocks f, n.
func minimalTapeStep(_ state: [[Value]], _ u: TapeMatrix, _ w: TapeMatrix, _ b: TapeMatrix, _ x: [Value])
    -> [[Value]]
{
    let hidden = state[0].count
    let previous = state[0]
    let h = (0..<hidden).map { k -> Value in
        let f = (u.rowTimes(k, x) + b[k, 0] + w.rowTimes(k, previous)).sigmoid()
        let n = (u.rowTimes(hidden + k, x) + b[hidden + k, 0] + f * w.rowTimes(hidden + k, previous)).tanh()
        return (1 - f) * previous[k] + f * n
    }
    return [h]
}

@Suite("Gated cells — BPTT against the scalar reverse-mode tape")
struct GatedTapeOracleTests {
    @Test(
        "Eq. 8.7, Eq. 8.11, Eq. 8.15 — BPTT gradients equal the tape's through an unrolled sequence",
        arguments: GatedKind.allCases, [3, 7])
    func tapeAgrees(kind: GatedKind, length: Int) {
        let cell = kind.cell(inputSize: 3, hiddenSize: 3, seed: 21)
        let tapeStep: TapeStep =
            switch kind {
            case .lstm: lstmTapeStep
            case .gru: gruTapeStep
            case .minimal: minimalTapeStep
            }
        compare(cell, length: length, tapeStep: tapeStep)
    }

    private func compare<C: RecurrentCell>(_ cell: C, length: Int, tapeStep: TapeStep) {
        let batch = 2
        let problem = GatedSequenceProblem(cell: cell, length: length, batch: batch, dense: true, seed: 31)
        let analytic = problem.gradients(cell)
        let u = TapeMatrix(cell.parameters[0])
        let w = TapeMatrix(cell.parameters[1])
        let b = TapeMatrix(cell.parameters[2])
        var terms: [Value] = []
        var initialLeaves: [[[Value]]] = []
        for j in 0..<batch {
            var state = problem.initialState.map { s in (0..<s.rows).map { Value(s[$0, j]) } }
            initialLeaves.append(state)
            for (t, input) in problem.inputs.enumerated() {
                guard case .dense(let x) = input else { return }
                state = tapeStep(state, u, w, b, (0..<x.rows).map { Value(x[$0, j]) })
                for k in 0..<cell.hiddenSize { terms.append(state[0][k] * problem.projections[t][k, j]) }
            }
        }
        let loss = Value.sum(terms)
        loss.backward()
        expectClose(loss.data, problem.loss(cell), tolerance: Tolerance.exactArithmetic, "forward value")
        for (k, tape) in [u, w, b].enumerated() {
            expectGradientsMatch(
                analytic: analytic.parameters[k], numeric: tape.gradient, tolerance: Tolerance.twoAnalyticGradients,
                "∂L/∂\(cell.parameterNames[k])")
        }
        for k in problem.initialState.indices {
            let tapeGradient = Matrix(rows: cell.hiddenSize, columns: batch) { i, j in initialLeaves[j][k][i].grad }
            expectGradientsMatch(
                analytic: analytic.initialState[k], numeric: tapeGradient, tolerance: Tolerance.twoAnalyticGradients,
                "∂L/∂s₀[\(k)]")
        }
    }
}

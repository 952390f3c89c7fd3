// BPTT through the gated cells (LSTM, GRU, minimal gated unit) against central finite
// differences, for several sequence lengths, one-hot and dense inputs, and a non-zero initial
// state so that every path of the backward step (8.5)–(8.15) is exercised.

import NeuralCore
import TestSupport
import Testing

/// The three gated cells, for parameterized tests.
enum GatedKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case lstm = "LSTM (8.1)–(8.7)"
    case gru = "GRU (8.8)–(8.11)"
    case minimal = "minimal gated unit (8.12)–(8.15)"

    var testDescription: String { rawValue }

    func cell(inputSize: Int, hiddenSize: Int, seed: UInt64) -> any RecurrentCell {
        var generator = SeededGenerator(seed: seed)
        switch self {
        case .lstm:
            // A forget bias of 0.5 instead of 1 keeps the forget gate away from saturation.
            return LSTMCell(inputSize: inputSize, hiddenSize: hiddenSize, forgetBias: 0.5, using: &generator)
        case .gru: return GRUCell(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        case .minimal: return MinimalGatedCell(inputSize: inputSize, hiddenSize: hiddenSize, using: &generator)
        }
    }
}

/// A short sequence for a batch, a random initial state and a loss L = Σₜ ⟨Pₜ, hₜ⟩ with fixed
/// random weights Pₜ (so ∂L/∂hₜ = Pₜ enters every step).
struct GatedSequenceProblem {
    var inputs: [StepInput]
    var projections: [Matrix]
    var initialState: [Matrix]

    init(cell: some RecurrentCell, length: Int, batch: Int, dense: Bool, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        inputs = (0..<length).map { _ in
            dense
                ? .dense(Matrix.gaussian(cell.inputSize, batch, using: &generator))
                : .oneHot((0..<batch).map { _ in generator.integer(below: cell.inputSize) })
        }
        projections = (0..<length).map { _ in Matrix.gaussian(cell.hiddenSize, batch, using: &generator) }
        initialState = (0..<cell.stateCount).map { _ in
            Matrix.gaussian(cell.hiddenSize, batch, standardDeviation: 0.5, using: &generator)
        }
    }

    func loss<C: RecurrentCell>(_ cell: C, initialState: [Matrix]? = nil, inputs: [StepInput]? = nil) -> Double {
        var state = initialState ?? self.initialState
        var total = 0.0
        for (t, x) in (inputs ?? self.inputs).enumerated() {
            state = cell.step(x, state: state).state
            total += state[0].dot(projections[t])
        }
        return total
    }

    /// BPTT: forward keeping every cache, then backward from the last step to the first.
    func gradients<C: RecurrentCell>(_ cell: C) -> (parameters: [Matrix], initialState: [Matrix], inputs: [Matrix?]) {
        var state = initialState
        var caches: [C.StepCache] = []
        for x in inputs {
            let (next, cache) = cell.step(x, state: state)
            state = next
            caches.append(cache)
        }
        var gradients = cell.zeroGradients()
        var carried = state.map { Matrix(rows: $0.rows, columns: $0.columns) }
        var inputGradients: [Matrix?] = Array(repeating: nil, count: inputs.count)
        for t in stride(from: inputs.count - 1, through: 0, by: -1) {
            carried[0] += projections[t]
            let (previous, dInput) = cell.backwardStep(carried, cache: caches[t], gradients: &gradients)
            carried = previous
            inputGradients[t] = dInput
        }
        return (gradients, carried, inputGradients)
    }
}

@Suite("Gated cells — BPTT against central finite differences")
struct GatedCellGradientTests {
    static let lengths = [1, 2, 5, 12]

    @Test(
        "Eq. 8.7, Eq. 8.11, Eq. 8.15 — ∂L/∂U, ∂L/∂W, ∂L/∂b by BPTT match finite differences (one-hot inputs)",
        arguments: GatedKind.allCases, lengths)
    func parameterGradients(kind: GatedKind, length: Int) {
        let cell = kind.cell(inputSize: 5, hiddenSize: 4, seed: 11)
        checkParameters(cell, length: length, dense: false)
    }

    @Test(
        "Eq. 8.7, Eq. 8.11, Eq. 8.15 — parameter, input and initial-state gradients match finite differences (dense inputs)",
        arguments: GatedKind.allCases)
    func denseGradients(kind: GatedKind) {
        let cell = kind.cell(inputSize: 3, hiddenSize: 4, seed: 12)
        checkParameters(cell, length: 6, dense: true)
        checkInputsAndState(cell, length: 6)
    }

    func checkParameters<C: RecurrentCell>(_ cell: C, length: Int, dense: Bool) {
        let problem = GatedSequenceProblem(
            cell: cell, length: length, batch: 3, dense: dense, seed: 100 + UInt64(length))
        let analytic = problem.gradients(cell).parameters
        for k in cell.parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { entry in
                    var probe = cell
                    probe.parameters[k] = entry
                    return problem.loss(probe)
                }, at: cell.parameters[k])
            expectGradientsMatch(
                analytic: analytic[k], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor, "∂L/∂\(cell.parameterNames[k]), T = \(length)")
        }
    }

    func checkInputsAndState<C: RecurrentCell>(_ cell: C, length: Int) {
        let problem = GatedSequenceProblem(cell: cell, length: length, batch: 2, dense: true, seed: 7)
        let analytic = problem.gradients(cell)
        for k in problem.initialState.indices {
            let numeric = GradientCheck.numericGradient(
                of: { entry in
                    var state = problem.initialState
                    state[k] = entry
                    return problem.loss(cell, initialState: state)
                }, at: problem.initialState[k])
            expectGradientsMatch(
                analytic: analytic.initialState[k], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor, "∂L/∂s₀[\(k)]")
        }
        for t in [0, length - 1] {
            guard case .dense(let x) = problem.inputs[t], let dInput = analytic.inputs[t] else {
                Issue.record("dense step \(t) returned no input gradient")
                continue
            }
            let numeric = GradientCheck.numericGradient(
                of: { entry in
                    var inputs = problem.inputs
                    inputs[t] = .dense(entry)
                    return problem.loss(cell, inputs: inputs)
                }, at: x)
            expectGradientsMatch(
                analytic: dInput, numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor, "∂L/∂x at t = \(t)")
        }
    }

    @Test(
        "One-hot input is the same step as the dense one-hot matrix (the gather equals U xₜ)",
        arguments: GatedKind.allCases)
    func oneHotEqualsDense(kind: GatedKind) {
        let cell = kind.cell(inputSize: 5, hiddenSize: 3, seed: 4)
        openedOneHotCheck(cell)
    }

    func openedOneHotCheck<C: RecurrentCell>(_ cell: C) {
        let indices = [4, 0, 2, 2]
        let dense = Matrix(rows: 5, columns: 4) { i, j in indices[j] == i ? 1 : 0 }
        var generator = SeededGenerator(seed: 9)
        let state = (0..<cell.stateCount).map { _ in Matrix.gaussian(3, 4, using: &generator) }
        let (a, cacheA) = cell.step(.oneHot(indices), state: state)
        let (b, cacheB) = cell.step(.dense(dense), state: state)
        for k in a.indices { expectClose(a[k], b[k], tolerance: Tolerance.blasVersusLoop) }
        let upstream = state.map { Matrix.gaussian($0.rows, $0.columns, using: &generator) }
        var gradientsA = cell.zeroGradients()
        var gradientsB = cell.zeroGradients()
        _ = cell.backwardStep(upstream, cache: cacheA, gradients: &gradientsA)
        _ = cell.backwardStep(upstream, cache: cacheB, gradients: &gradientsB)
        for k in gradientsA.indices { expectClose(gradientsA[k], gradientsB[k], tolerance: Tolerance.blasVersusLoop) }
    }

    @Test("backwardStep accumulates: two calls add twice the gradient", arguments: GatedKind.allCases)
    func accumulates(kind: GatedKind) {
        let cell = kind.cell(inputSize: 4, hiddenSize: 3, seed: 5)
        openedAccumulation(cell)
    }

    func openedAccumulation<C: RecurrentCell>(_ cell: C) {
        var generator = SeededGenerator(seed: 2)
        let state = (0..<cell.stateCount).map { _ in Matrix.gaussian(3, 2, using: &generator) }
        let (_, cache) = cell.step(.oneHot([1, 3]), state: state)
        let upstream = state.map { Matrix.gaussian($0.rows, $0.columns, using: &generator) }
        var once = cell.zeroGradients()
        _ = cell.backwardStep(upstream, cache: cache, gradients: &once)
        var twice = cell.zeroGradients()
        _ = cell.backwardStep(upstream, cache: cache, gradients: &twice)
        _ = cell.backwardStep(upstream, cache: cache, gradients: &twice)
        #expect(once.contains { $0.maxAbs() > 0 })
        for k in once.indices { expectClose(twice[k], 2 * once[k], tolerance: Tolerance.exactArithmetic) }
    }
}

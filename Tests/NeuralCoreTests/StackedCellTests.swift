// Two stacked recurrent layers with dropout between them (Eq. 8.21–8.22): BPTT through the stack
// checked three ways with fixed masks (hand-written backward pass, central differences, the scalar
// reverse-mode tape), and the mask glue checked exactly: keep = 1 is no dropout, a zero entry cuts
// exactly its path, the recurrence never sees a mask, evaluation uses none.

import Foundation
import NeuralCore
import TestSupport
import Testing

/// (7.1) on scalars: hₜ = tanh(U xₜ + W hₜ₋₁ + b).
func vanillaTapeStep(_ state: [[Value]], _ u: TapeMatrix, _ w: TapeMatrix, _ b: TapeMatrix, _ x: [Value])
    -> [[Value]]
{
    [(0..<state[0].count).map { k in (u.rowTimes(k, x) + w.rowTimes(k, state[0]) + b[k, 0]).tanh() }]
}

/// A character model over a two-layer stack, a window of one-hot inputs and targets, an initial
/// state and masks (keep 0.6, so that some entries are 0 and the rest 1/0.6).
struct StackProblem<Lower: RecurrentCell, Upper: RecurrentCell> {
    var model: SequenceModel<StackedCell<Lower, Upper>>
    var inputs: [StepInput]
    var targets: [[Int]]
    var initialState: [Matrix]

    static var vocabulary: Int { 4 }

    init(lower: Lower, upper: Upper, steps: Int, batch: Int, keep: Double = 0.6, top: Bool = true, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var stack = StackedCell(lower: lower, upper: upper)
        stack.dropout = stack.drawDropout(keep: keep, batch: batch, steps: steps, top: top, using: &generator)
        model = SequenceModel(cell: stack, outputSize: Self.vocabulary, scale: 0.5, using: &generator)
        model.outputBiases = Matrix.gaussian(Self.vocabulary, 1, standardDeviation: 0.2, using: &generator)
        inputs = (0..<steps).map { _ in
            .oneHot((0..<batch).map { _ in generator.integer(below: Self.vocabulary) })
        }
        targets = (0..<steps).map { _ in (0..<batch).map { _ in generator.integer(below: Self.vocabulary) } }
        initialState = stack.stateSizes.map { rows in
            Matrix.gaussian(rows, batch, standardDeviation: 0.5, using: &generator)
        }
    }

    func loss(_ probe: SequenceModel<StackedCell<Lower, Upper>>, initialState: [Matrix]? = nil) -> Double {
        probe.loss(probe.forward(inputs, initialState: initialState ?? self.initialState), targets: targets)
    }
}

/// Small cells with weights large enough that no path is negligible.
private func vanilla(_ inputSize: Int, hidden: Int = 3, seed: UInt64) -> VanillaCell {
    var generator = SeededGenerator(seed: seed)
    var cell = VanillaCell(inputSize: inputSize, hiddenSize: hidden, scale: 0.6, using: &generator)
    cell.biases = Matrix.gaussian(hidden, 1, standardDeviation: 0.2, using: &generator)
    return cell
}

private func lstm(_ inputSize: Int, hidden: Int = 3, seed: UInt64) -> LSTMCell {
    var generator = SeededGenerator(seed: seed)
    return LSTMCell(inputSize: inputSize, hiddenSize: hidden, forgetBias: 0.5, using: &generator)
}

private func gru(_ inputSize: Int, seed: UInt64) -> GRUCell {
    var generator = SeededGenerator(seed: seed)
    return GRUCell(inputSize: inputSize, hiddenSize: 3, using: &generator)
}

/// The stacks the gradient tests run: vanilla on vanilla, LSTM on GRU and GRU on LSTM.
enum StackKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case vanillaOnVanilla = "vanilla on vanilla"
    case lstmOnGRU = "LSTM on GRU"
    case gruOnLSTM = "GRU on LSTM"
    case unequal = "LSTM of 2 on vanilla of 4"

    var testDescription: String { rawValue }
}

@Suite("Stacked layers — BPTT through two layers with dropout between them (Eq. 8.21–8.22)")
struct StackedCellGradientTests {
    static let windows = [(steps: 1, batch: 1), (steps: 4, batch: 2)]

    @Test(
        "Eq. 8.21, Eq. 8.22 — BPTT through the stack matches central differences and the tape (fixed masks)",
        arguments: StackKind.allCases, [0, 1])
    func threeWays(kind: StackKind, window: Int) {
        let (steps, batch) = Self.windows[window]
        let k = StackProblem<VanillaCell, VanillaCell>.vocabulary
        switch kind {
        case .vanillaOnVanilla:
            check(
                StackProblem(
                    lower: vanilla(k, seed: 1), upper: vanilla(3, seed: 2), steps: steps, batch: batch, seed: 3),
                lowerTape: vanillaTapeStep, upperTape: vanillaTapeStep)
        case .lstmOnGRU:
            check(
                StackProblem(lower: gru(k, seed: 4), upper: lstm(3, seed: 5), steps: steps, batch: batch, seed: 6),
                lowerTape: gruTapeStep, upperTape: lstmTapeStep)
        case .gruOnLSTM:
            check(
                StackProblem(lower: lstm(k, seed: 7), upper: gru(3, seed: 8), steps: steps, batch: batch, seed: 9),
                lowerTape: lstmTapeStep, upperTape: gruTapeStep)
        case .unequal:
            check(
                StackProblem(
                    lower: vanilla(k, hidden: 4, seed: 21), upper: lstm(4, hidden: 2, seed: 22), steps: steps,
                    batch: batch, seed: 23),
                lowerTape: vanillaTapeStep, upperTape: lstmTapeStep)
        }
    }

    private func check<L: RecurrentCell, U: RecurrentCell>(
        _ problem: StackProblem<L, U>, lowerTape: TapeStep, upperTape: TapeStep
    ) {
        let model = problem.model
        let pass = model.forward(problem.inputs, initialState: problem.initialState)
        let (analytic, dInitial) = model.backward(pass, targets: problem.targets)
        let loss = model.loss(pass, targets: problem.targets)
        let floor = centralDifferenceFloor(forCost: loss)
        // 1. Central differences of the loss, every parameter and every initial state matrix.
        for index in model.parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { value in
                    var probe = model
                    probe.parameters[index] = value
                    return problem.loss(probe)
                }, at: model.parameters[index])
            expectGradientsMatch(
                analytic: analytic[index], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth, floor: floor,
                "∂L/∂\(model.parameterNames[index])")
        }
        for index in problem.initialState.indices {
            let numeric = GradientCheck.numericGradient(
                of: { value in
                    var state = problem.initialState
                    state[index] = value
                    return problem.loss(model, initialState: state)
                }, at: problem.initialState[index])
            expectGradientsMatch(
                analytic: dInitial[index], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth, floor: floor,
                "∂L/∂s₀[\(index)]")
        }
        // 2. The scalar tape: the same two layers, masks and read-out, written entry by entry.
        let cell = model.cell
        let leaves = model.parameters.map(TapeMatrix.init)
        let (u1, w1, b1) = (leaves[0], leaves[1], leaves[2])
        let (u2, w2, b2) = (leaves[3], leaves[4], leaves[5])
        let (v, c) = (leaves[6], leaves[7])
        guard let dropout = cell.dropout else {
            Issue.record("the problem has masks")
            return
        }
        let batch = problem.inputs[0].batchSize
        var terms: [Value] = []
        var stateLeaves: [[[Value]]] = []
        for j in 0..<batch {
            let start = problem.initialState.map { s in (0..<s.rows).map { Value(s[$0, j]) } }
            stateLeaves.append(start)
            var lower = Array(start[1..<(1 + cell.lower.stateCount)])
            var upper = Array(start[(1 + cell.lower.stateCount)...])
            for (t, input) in problem.inputs.enumerated() {
                guard case .oneHot(let symbols) = input else { return }
                let x = (0..<cell.inputSize).map { Value($0 == symbols[j] ? 1 : 0) }
                lower = lowerTape(lower, u1, w1, b1, x)
                let read = (0..<cell.lower.hiddenSize).map { i in lower[0][i] * dropout.between[t][i, j] }
                upper = upperTape(upper, u2, w2, b2, read)
                let top = (0..<cell.hiddenSize).map { i in upper[0][i] * (dropout.top?[t][i, j] ?? 1) }
                let logits = (0..<model.outputSize).map { k in v.rowTimes(k, top) + c[k, 0] }
                let total = Value.sum(logits.map { $0.exp() })
                terms.append(-(logits[problem.targets[t][j]].exp() / total).log())
            }
        }
        let tapeLoss = Value.sum(terms) / Double(batch)
        tapeLoss.backward()
        expectClose(tapeLoss.data, loss, tolerance: Tolerance.twoAnalyticGradients, "forward value")
        for (index, leaf) in leaves.enumerated() {
            expectClose(
                analytic[index], leaf.gradient, tolerance: Tolerance.twoAnalyticGradients,
                "tape ∂L/∂\(model.parameterNames[index])")
        }
        for index in problem.initialState.indices {
            let fromTape = Matrix(rows: problem.initialState[index].rows, columns: batch) { i, j in
                stateLeaves[j][index][i].grad
            }
            expectClose(dInitial[index], fromTape, tolerance: Tolerance.twoAnalyticGradients, "tape ∂L/∂s₀[\(index)]")
        }
    }
}

@Suite("Stacked layers — the dropout glue, exactly")
struct StackedCellGlueTests {
    typealias Problem = StackProblem<VanillaCell, VanillaCell>

    static func problem(keep: Double = 0.6, top: Bool = true) -> Problem {
        Problem(
            lower: vanilla(4, seed: 11), upper: vanilla(3, seed: 12), steps: 5, batch: 2, keep: keep, top: top, seed: 13
        )
    }

    @Test("Layers of different sizes: each state entry as tall as its layer; trained in one shard and in two, alike")
    func unequalLayers() {
        let stack = StackedCell(lower: vanilla(4, hidden: 5, seed: 31), upper: lstm(5, hidden: 2, seed: 32))
        #expect(stack.stateSizes == [2, 5, 2, 2])  // the read-out's h⁽²⁾, the vanilla's h, the LSTM's h and c
        #expect(stack.initialState(batch: 3).map(\.rows) == [2, 5, 2, 2])
        #expect(stack.initialState(batch: 3).allSatisfy { $0.columns == 3 })
        var masksGenerator = SeededGenerator(seed: 34)
        let masks = stack.drawDropout(keep: 0.5, batch: 3, steps: 2, top: true, using: &masksGenerator)
        #expect(masks.between.map(\.rows) == [5, 5] && masks.top?.map(\.rows) == [2, 2])
        var generator = SeededGenerator(seed: 33)
        let text = (0..<401).map { _ in generator.integer(below: 4) }
        let batches = SequenceBatches(indices: text, batch: 4, length: 5)
        let start = SequenceModel(cell: stack, outputSize: 4, scale: 0.5, using: &generator)
        var trained: [SequenceModel<StackedCell<VanillaCell, LSTMCell>>] = []
        for shards in [1, 2] {
            var model = start
            var options = CharacterTrainingOptions(iterations: 6)
            options.sequenceLength = 5
            options.batchSize = 4
            options.shards = shards
            var optimizer = Adagrad(learningRate: 0.1)
            let history = CharacterTrainer.train(&model, on: batches, options: options, optimizer: &optimizer)
            #expect(history.characters == 6 * 5 * 4)
            trained.append(model)
        }
        #expect(trained[0].parameters != start.parameters)
        for index in start.parameters.indices {
            expectClose(
                trained[1].parameters[index], trained[0].parameters[index], tolerance: 1e-12,
                "\(trained[0].parameterNames[index]) after two shards")
        }
    }

    @Test("Eq. 8.22 — masks of keep = 1 give exactly the stack without dropout: loss, states and gradients")
    func keepOneIsNoDropout() {
        let masked = Self.problem(keep: 1)
        #expect(masked.model.cell.dropout?.between.allSatisfy { $0.elements.allSatisfy { $0 == 1 } } == true)
        var plain = masked.model
        plain.cell.dropout = nil
        let a = masked.model.forward(masked.inputs, initialState: masked.initialState)
        let b = plain.forward(masked.inputs, initialState: masked.initialState)
        #expect(a.states == b.states)
        #expect(masked.model.loss(a, targets: masked.targets) == plain.loss(b, targets: masked.targets))
        #expect(
            masked.model.backward(a, targets: masked.targets).gradients
                == plain.backward(b, targets: masked.targets).gradients)
    }

    @Test("Eq. 8.21 — one timed step is the lower cell, the between mask, the upper cell, the top mask, by hand")
    func stepByHand() {
        var problem = Self.problem()
        let t = 2
        // Unit 0 of sequence 0 dropped from the top at step t, whatever the draw said.
        problem.model.cell.dropout?.top?[t][0, 0] = 0
        let cell = problem.model.cell
        guard let dropout = cell.dropout, let top = dropout.top else {
            Issue.record("masks")
            return
        }
        let (lowerState, upperState) = cell.layerStates(problem.initialState)
        let lowerNext = cell.lower.step(problem.inputs[t], state: lowerState).state
        let upperNext = cell.upper.step(.dense(lowerNext[0] ⊙ dropout.between[t]), state: upperState).state
        let stacked = cell.step(problem.inputs[t], state: problem.initialState, time: t).state
        #expect(stacked == [upperNext[0] ⊙ top[t]] + lowerNext + upperNext)
        // The untimed step (evaluation, sampling) uses no mask.
        let plainUpper = cell.upper.step(.dense(lowerNext[0]), state: upperState).state
        #expect(
            cell.step(problem.inputs[t], state: problem.initialState).state == [plainUpper[0]] + lowerNext + plainUpper)
        // A mask of zeros on the top feeds the read-out zeros, but the upper layer's own state
        // (what its recurrence reads) keeps the unmasked h.
        #expect(stacked[0][0, 0] == 0 && upperNext[0][0, 0] != 0)
        #expect(cell.layerStates(stacked).upper == upperNext)
    }

    @Test("Eq. 8.22 — dropout leaves the lower layer's states unchanged and never masks the recurrence")
    func recurrenceUnmasked() {
        let problem = Self.problem()
        var plain = problem.model
        plain.cell.dropout = nil
        let masked = problem.model.forward(problem.inputs, initialState: problem.initialState)
        let unmasked = plain.forward(problem.inputs, initialState: problem.initialState)
        let cell = problem.model.cell
        for t in masked.states.indices {
            #expect(cell.layerStates(masked.states[t]).lower == cell.layerStates(unmasked.states[t]).lower)
        }
        // The upper layer's recurrence reads its own unmasked h: replaying it by hand from the
        // masked inputs reproduces every state.
        var upper = cell.layerStates(problem.initialState).upper
        for t in problem.inputs.indices {
            let read =
                cell.layerStates(masked.states[t + 1]).lower[0] ⊙ (cell.dropout?.between[t] ?? Matrix.zeros(3, 2))
            upper = cell.upper.step(.dense(read), state: upper).state
            #expect(cell.layerStates(masked.states[t + 1]).upper == upper)
        }
        #expect(cell.layerStates(masked.states[5]).upper != cell.layerStates(unmasked.states[5]).upper)
    }

    @Test("Eq. 8.22 — a zero mask entry cuts exactly its path: no gradient reaches the weights it feeds")
    func zeroEntryCutsPath() {
        var problem = Self.problem(keep: 1)
        // Unit 1 of the lower layer never reaches the upper layer; unit 2 of the top never reaches
        // the read-out.
        var between = Matrix(rows: 3, columns: 2, repeating: 1)
        for j in 0..<2 { between[1, j] = 0 }
        var top = Matrix(rows: 3, columns: 2, repeating: 1)
        for j in 0..<2 { top[2, j] = 0 }
        problem.model.cell.dropout = StackDropout(
            keep: 1, between: Array(repeating: between, count: 5), top: Array(repeating: top, count: 5))
        let gradients = problem.model.lossAndGradients(
            inputs: problem.inputs, targets: problem.targets, initialState: problem.initialState
        ).gradients
        let upperU = gradients[3]
        let readOut = gradients[6]
        for i in 0..<3 {
            #expect(upperU[i, 1] == 0, "U⁽²⁾[\(i), 1] reads the cut unit")
            #expect(upperU[i, 0] != 0 && upperU[i, 2] != 0)
        }
        for k in 0..<4 {
            #expect(readOut[k, 2] == 0, "V[\(k), 2] reads the cut top unit")
            #expect(readOut[k, 0] != 0 && readOut[k, 1] != 0)
        }
    }

    @Test("StackDropout.draw: entries 0 or 1/keep, one uniform draw per entry, the same masks from the same seed")
    func drawMasks() {
        var a = SeededGenerator(seed: 5)
        let start = a
        let masks = StackDropout.draw(keep: 0.8, hidden: 10, batch: 20, steps: 25, top: true, using: &a)
        #expect(a.draws(since: start) == 2 * 10 * 20 * 25)
        var b = SeededGenerator(seed: 5)
        #expect(StackDropout.draw(keep: 0.8, hidden: 10, batch: 20, steps: 25, top: true, using: &b) == masks)
        let entries = (masks.between + (masks.top ?? [])).flatMap(\.elements)
        #expect(entries.allSatisfy { $0 == 0 || $0 == 1 / 0.8 })
        let kept = Double(entries.filter { $0 > 0 }.count) / Double(entries.count)
        #expect(abs(kept - 0.8) < 0.02)
        // By hand: the first between entry is kept exactly when the first uniform draw is < keep.
        var c = SeededGenerator(seed: 5)
        #expect((c.uniform() < 0.8) == (masks.between[0][0, 0] > 0))
    }

    @Test("StackedCell: parameters are the lower cell's then the upper cell's, named by layer")
    func parametersAndNames() {
        var cell = StackedCell(lower: lstm(4, seed: 1), upper: gru(3, seed: 2))
        #expect(cell.parameterNames == ["U⁽¹⁾", "W⁽¹⁾", "b⁽¹⁾", "U⁽²⁾", "W⁽²⁾", "b⁽²⁾"])
        #expect(cell.parameters == cell.lower.parameters + cell.upper.parameters)
        #expect(cell.stateCount == 1 + 2 + 1)
        let changed = cell.parameters.map { $0 * 2 }
        cell.parameters = changed
        #expect(cell.lower.parameters == Array(changed[0..<3]) && cell.upper.parameters == Array(changed[3...]))
    }

    @Test(
        "CharacterTrainer: beforeWindow runs once before each window, in order, and its masks are the ones trained with"
    )
    func trainerHook() {
        var generator = SeededGenerator(seed: 3)
        let text = (0..<400).map { _ in generator.integer(below: 4) }
        let stack = StackedCell(lower: vanilla(4, seed: 1), upper: vanilla(3, seed: 2))
        let start = SequenceModel(cell: stack, outputSize: 4, scale: 0.3, using: &generator)
        var options = CharacterTrainingOptions(iterations: 6)
        options.sequenceLength = 5
        options.batchSize = 2
        let batches = SequenceBatches(indices: text, batch: 2, length: 5)
        // With keep = 1 masks set by the hook, training is exactly training without dropout.
        var seen: [Int] = []
        var withHook = start
        var optimizer = Adagrad(learningRate: 0.1)
        _ = CharacterTrainer.train(
            &withHook, on: batches, options: options, optimizer: &optimizer,
            beforeWindow: { iteration, model in
                seen.append(iteration)
                model.cell.dropout = StackDropout(
                    keep: 1, between: Array(repeating: Matrix(rows: 3, columns: 2, repeating: 1), count: 5))
            }, afterUpdate: { _, _ in })
        #expect(seen == Array(0..<6))
        var plain = start
        var plainOptimizer = Adagrad(learningRate: 0.1)
        _ = CharacterTrainer.train(&plain, on: batches, options: options, optimizer: &plainOptimizer)
        #expect(withHook.parameters == plain.parameters)
        // Masks that drop units change the trained weights.
        var dropped = start
        var droppedOptimizer = Adagrad(learningRate: 0.1)
        var maskGenerator = SeededGenerator(seed: 9)
        _ = CharacterTrainer.train(
            &dropped, on: batches, options: options, optimizer: &droppedOptimizer,
            beforeWindow: { _, model in
                model.cell.dropout = StackDropout.draw(
                    keep: 0.5, hidden: 3, batch: 2, steps: 5, top: false, using: &maskGenerator)
            }, afterUpdate: { _, _ in })
        #expect(dropped.parameters != plain.parameters)
    }
}

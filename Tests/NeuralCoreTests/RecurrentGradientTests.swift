// BPTT through the vanilla recurrent network checked three ways: the hand-written backward pass,
// central differences, and the reverse-mode tape running the same unrolled network one scalar at
// a time. Also: truncated BPTT with a window covering the sequence is full BPTT.

import Foundation
import NeuralCore
import TestSupport
import Testing

/// A small vanilla network and a batch of random sequences to check gradients on.
struct RecurrentCase: CustomStringConvertible, Sendable {
    var vocabulary: Int
    var hidden: Int
    var steps: Int
    var batch: Int
    var description: String { "V=\(vocabulary) hidden=\(hidden) T=\(steps) B=\(batch)" }

    func make(seed: UInt64) -> (SequenceModel<VanillaCell>, [StepInput], [[Int]], [Matrix]) {
        var generator = SeededGenerator(seed: seed)
        // Weights of scale 0.5 keep tanh away from both its linear and its flat regime.
        let cell = VanillaCell(inputSize: vocabulary, hiddenSize: hidden, scale: 0.5, using: &generator)
        var model = SequenceModel(cell: cell, outputSize: vocabulary, scale: 0.5, using: &generator)
        model.cell.biases = Matrix.gaussian(hidden, 1, standardDeviation: 0.2, using: &generator)
        model.outputBiases = Matrix.gaussian(vocabulary, 1, standardDeviation: 0.2, using: &generator)
        let inputs = (0..<steps).map { _ in
            StepInput.oneHot((0..<batch).map { _ in generator.integer(below: vocabulary) })
        }
        let targets = (0..<steps).map { _ in (0..<batch).map { _ in generator.integer(below: vocabulary) } }
        let h0 = Matrix.gaussian(hidden, batch, standardDeviation: 0.3, using: &generator)
        return (model, inputs, targets, [h0])
    }
}

/// `Tolerance.centralDifferenceFloor` is set for a cost near 1. The rounding noise of a central
/// difference is about ε·L/h, so for a cost L of a window of several steps (about 13 for T = 8,
/// B = 3) the floor below which entries are compared absolutely grows with it.
func centralDifferenceFloor(forCost cost: Double) -> Double {
    Tolerance.centralDifferenceFloor * max(1, abs(cost))
}

@Suite("Recurrent network — BPTT (7.4–7.6) against finite differences and the tape")
struct RecurrentGradientTests {
    static let cases = [
        RecurrentCase(vocabulary: 4, hidden: 3, steps: 1, batch: 1),
        RecurrentCase(vocabulary: 4, hidden: 3, steps: 5, batch: 1),
        RecurrentCase(vocabulary: 5, hidden: 4, steps: 8, batch: 3),
        RecurrentCase(vocabulary: 3, hidden: 6, steps: 20, batch: 2),
    ]

    @Test("Eq. 7.5, Eq. 7.6 — BPTT gradients of U, W, b, V, c match central differences", arguments: cases)
    func finiteDifferences(_ c: RecurrentCase) throws {
        let (model, inputs, targets, h0) = c.make(seed: 7)
        let result = model.lossAndGradients(inputs: inputs, targets: targets, initialState: h0)
        let analytic = result.gradients
        for index in model.parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { value in
                    var probe = model
                    probe.parameters[index] = value
                    return probe.loss(probe.forward(inputs, initialState: h0), targets: targets)
                }, at: model.parameters[index])
            expectGradientsMatch(
                analytic: analytic[index], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: centralDifferenceFloor(forCost: result.loss), "\(model.parameterNames[index]) for \(c)")
        }
    }

    @Test("Eq. 7.5 — ∂L/∂h₀ from BPTT matches central differences", arguments: cases)
    func initialStateGradient(_ c: RecurrentCase) throws {
        let (model, inputs, targets, h0) = c.make(seed: 11)
        let pass = model.forward(inputs, initialState: h0)
        let analytic = model.backward(pass, targets: targets).dInitialState[0]
        let numeric = GradientCheck.numericGradient(
            of: { h in model.loss(model.forward(inputs, initialState: [h]), targets: targets) }, at: h0[0])
        expectGradientsMatch(
            analytic: analytic, numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
            floor: centralDifferenceFloor(forCost: model.loss(pass, targets: targets)))
    }

    @Test("Eq. 7.1–7.3, Eq. 7.6 — BPTT gradients equal the reverse-mode tape's", arguments: cases.filter { $0.batch == 1 })
    func tape(_ c: RecurrentCase) throws {
        let (model, inputs, targets, h0) = c.make(seed: 5)
        let result = model.lossAndGradients(inputs: inputs, targets: targets, initialState: h0)
        let tape = TapeRecurrentNetwork(model)
        let indices = inputs.map { input -> Int in
            guard case .oneHot(let i) = input else { preconditionFailure("one-hot inputs") }
            return i[0]
        }
        let loss = tape.loss(inputs: indices, targets: targets.map { $0[0] }, initialHidden: h0[0].elements)
        loss.backward()
        expectClose(loss.data, result.loss, tolerance: Tolerance.twoAnalyticGradients)
        for (index, fromTape) in tape.gradients.enumerated() {
            expectClose(
                result.gradients[index], fromTape, tolerance: Tolerance.twoAnalyticGradients,
                "\(model.parameterNames[index])")
        }
    }

    @Test("Eq. 7.7 — truncated BPTT with a window covering the sequence is full BPTT", arguments: [5, 8, 50])
    func truncatedCoveringWindow(window: Int) throws {
        let (model, inputs, targets, h0) = RecurrentCase(vocabulary: 5, hidden: 4, steps: 8, batch: 3).make(seed: 3)
        let full = model.lossAndGradients(inputs: inputs, targets: targets, initialState: h0)
        let truncated = model.truncatedLossAndGradients(
            inputs: inputs, targets: targets, window: max(window, 8), initialState: h0)
        #expect(full.loss == truncated.loss)
        for index in full.gradients.indices {
            #expect(full.gradients[index] == truncated.gradients[index], "\(model.parameterNames[index])")
        }
        #expect(full.finalState == truncated.finalState)
    }

    @Test("Eq. 7.7 — truncated windows: same loss and final state, the gradient stops at window starts")
    func truncatedShortWindows() throws {
        let (model, inputs, targets, h0) = RecurrentCase(vocabulary: 5, hidden: 4, steps: 9, batch: 2).make(seed: 4)
        let full = model.lossAndGradients(inputs: inputs, targets: targets, initialState: h0)
        let truncated = model.truncatedLossAndGradients(inputs: inputs, targets: targets, window: 3, initialState: h0)
        // The forward pass is unchanged by truncation: the state is carried across windows.
        expectClose(truncated.loss, full.loss, tolerance: Tolerance.exactArithmetic)
        expectClose(truncated.finalState[0], full.finalState[0], tolerance: Tolerance.exactArithmetic)
        // V and c see only hₜ, so their gradients are the same; W's loses the cross-window terms.
        expectClose(truncated.gradients[3], full.gradients[3], tolerance: Tolerance.exactArithmetic)
        #expect((truncated.gradients[1] - full.gradients[1]).norm() > 1e-6)
        // By hand: the sum of three independent windows, each from the state the last one left.
        var state = h0
        var summed = model.parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
        for start in stride(from: 0, to: 9, by: 3) {
            let part = model.lossAndGradients(
                inputs: Array(inputs[start..<start + 3]), targets: Array(targets[start..<start + 3]),
                initialState: state)
            for index in summed.indices { summed[index] += part.gradients[index] }
            state = part.finalState
        }
        for index in summed.indices {
            expectClose(truncated.gradients[index], summed[index], tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test("Eq. 7.3 — ignored targets (−1) add no loss and no gradient")
    func ignoredTargets() throws {
        let (model, inputs, targets, h0) = RecurrentCase(vocabulary: 4, hidden: 3, steps: 4, batch: 2).make(seed: 9)
        var masked = targets
        for t in 0..<3 { masked[t] = [SequenceModel<VanillaCell>.ignored, SequenceModel<VanillaCell>.ignored] }
        let pass = model.forward(inputs, initialState: h0)
        let expected = -(0..<2).map { b in log(pass.probabilities(at: 3)[targets[3][b], b]) }.reduce(0, +) / 2
        expectClose(model.loss(pass, targets: masked), expected, tolerance: Tolerance.exactArithmetic)
        let analytic = model.backward(pass, targets: masked).gradients[1]
        let numeric = GradientCheck.numericGradient(
            of: { w in
                var probe = model
                probe.cell.recurrentWeights = w
                return probe.loss(probe.forward(inputs, initialState: h0), targets: masked)
            }, at: model.cell.recurrentWeights)
        expectGradientsMatch(
            analytic: analytic, numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
            floor: Tolerance.centralDifferenceFloor)
    }

    @Test("Eq. 7.1 — dense inputs: the step equals the one-hot step, and ∂L/∂xₜ matches differences")
    func denseInputs() throws {
        var generator = SeededGenerator(seed: 2)
        let cell = VanillaCell(inputSize: 4, hiddenSize: 3, scale: 0.6, using: &generator)
        let h = Matrix.gaussian(3, 2, standardDeviation: 0.5, using: &generator)
        let oneHot = cell.step(.oneHot([2, 0]), state: [h]).state[0]
        let dense = cell.step(.dense(Vocabulary(symbols: ["a", "b", "c", "d"]).oneHot([2, 0])), state: [h]).state[0]
        expectClose(oneHot, dense, tolerance: Tolerance.exactArithmetic)
        let x = Matrix.gaussian(4, 2, using: &generator)
        let upstream = Matrix.gaussian(3, 2, using: &generator)
        let (_, cache) = cell.step(.dense(x), state: [h])
        var gradients = cell.zeroGradients()
        let dx = try #require(cell.backwardStep([upstream], cache: cache, gradients: &gradients).dInput)
        let numeric = GradientCheck.numericGradient(
            of: { x in cell.step(.dense(x), state: [h]).state[0].dot(upstream) }, at: x)
        expectGradientsMatch(
            analytic: dx, numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
            floor: Tolerance.centralDifferenceFloor)
    }
}

// Single-precision products in the LSTM: the loss, the window's gradients and ∂L/∂s₀ agree with
// the Double cell to Float's precision; the window's ∂L/∂W gathered into one product is the sum of
// the per-step products; the Float copy of W follows the parameters. The gradient checks stay in
// Double (GatedCellGradientTests).

import NeuralCore
import TestSupport
import Testing

@Suite("Single-precision LSTM products")
struct SinglePrecisionLSTMTests {
    /// Float carries 24 bits; a window of a few dozen steps agrees with Double to about 1e-6 of
    /// the gradients' scale.
    static let floatTolerance = 2e-5
    static let vocabulary = 5
    static let steps = 9
    static let batch = 3

    /// A small character model whose outputs are large enough that every gradient is O(0.1).
    static func model(_ precision: ProductPrecision) -> SequenceModel<LSTMCell> {
        var generator = SeededGenerator(seed: 11)
        var cell = LSTMCell(inputSize: vocabulary, hiddenSize: 6, using: &generator)
        cell.precision = precision
        return SequenceModel(cell: cell, outputSize: vocabulary, scale: 1, using: &generator)
    }

    /// One-hot inputs, their targets, a non-zero s₀ and a gradient arriving at s_T.
    static func window() -> (inputs: [StepInput], targets: [[Int]], initial: [Matrix], dFinal: [Matrix]) {
        var generator = SeededGenerator(seed: 12)
        let inputs = (0..<steps).map { _ in
            StepInput.oneHot((0..<batch).map { _ in generator.integer(below: vocabulary) })
        }
        let targets = (0..<steps).map { _ in (0..<batch).map { _ in generator.integer(below: vocabulary) } }
        let initial = (0..<2).map { _ in Matrix.gaussian(6, batch, standardDeviation: 0.5, using: &generator) }
        let dFinal = (0..<2).map { _ in Matrix.gaussian(6, batch, standardDeviation: 0.5, using: &generator) }
        return (inputs, targets, initial, dFinal)
    }

    @Test("Eq. 8.1, Eq. 8.7 — in single precision the loss, the window's gradients and ∂L/∂s₀ agree with Double")
    func agreesWithDouble() {
        let (inputs, targets, initial, dFinal) = Self.window()
        let double = Self.model(.double)
        let single = Self.model(.single)
        let forwardDouble = double.forward(inputs, initialState: initial)
        let forwardSingle = single.forward(inputs, initialState: initial)
        expectClose(
            single.loss(forwardSingle, targets: targets), double.loss(forwardDouble, targets: targets),
            tolerance: Self.floatTolerance, "loss")
        let backDouble = double.backward(forwardDouble, targets: targets, dFinalState: dFinal)
        let backSingle = single.backward(forwardSingle, targets: targets, dFinalState: dFinal)
        for (name, (s, d)) in zip(double.parameterNames, zip(backSingle.gradients, backDouble.gradients)) {
            expectClose(s, d, tolerance: Self.floatTolerance, "∂L/∂\(name)")
        }
        for k in 0..<2 {
            expectClose(
                backSingle.dInitialState[k], backDouble.dInitialState[k], tolerance: Self.floatTolerance,
                "∂L/∂s₀[\(k)]")
        }
        // Rounding to Float did happen: close, not equal.
        #expect(backSingle.gradients[1] != backDouble.gradients[1])
        #expect(forwardSingle.hidden != forwardDouble.hidden)
    }

    @Test("Eq. 8.7 — the window's ∂L/∂W as one product equals the per-step products summed; the rest is unchanged")
    func windowProductEqualsSteps() {
        let (inputs, _, initial, dFinal) = Self.window()
        let model = Self.model(.single)
        let pass = model.forward(inputs, initialState: initial)
        var generator = SeededGenerator(seed: 13)
        let dLogits = Matrix.gaussian(Self.vocabulary, Self.steps * Self.batch, using: &generator)
        let fromOutputs = Matrix.product(model.outputWeights, dLogits, transposeA: true)
        var windowGradients = model.cell.zeroGradients()
        let windowState = model.cell.backwardThroughTime(
            dHiddenFromOutputs: fromOutputs, caches: pass.caches, dFinalState: dFinal, gradients: &windowGradients)
        var stepGradients = model.cell.zeroGradients()
        let stepState = model.cell.backwardStepByStep(
            dHiddenFromOutputs: fromOutputs, caches: pass.caches, dFinalState: dFinal, gradients: &stepGradients)
        // ∂U, ∂b and the state's gradient follow the same operations in the same order.
        #expect(windowGradients[0] == stepGradients[0])
        #expect(windowGradients[2] == stepGradients[2])
        #expect(windowState == stepState)
        // ∂W is summed in another order, in Float.
        expectClose(windowGradients[1], stepGradients[1], tolerance: 1e-6, "∂L/∂W")
    }

    @Test("The Float copy of W follows the parameters, whichever of precision and parameters is set first")
    func singleWeightsFollowParameters() {
        var generator = SeededGenerator(seed: 14)
        let original = LSTMCell(inputSize: 4, hiddenSize: 5, using: &generator)
        let other = LSTMCell(inputSize: 4, hiddenSize: 5, using: &generator).parameters
        var precisionFirst = original
        precisionFirst.precision = .single
        precisionFirst.parameters = other
        var parametersFirst = original
        parametersFirst.parameters = other
        parametersFirst.precision = .single
        var edited = original
        edited.precision = .single
        edited.parameters[1] = other[1]
        edited.parameters[0] = other[0]
        edited.parameters[2] = other[2]
        let x = StepInput.oneHot([0, 3])
        let state = [Matrix.gaussian(5, 2, using: &generator), Matrix.gaussian(5, 2, using: &generator)]
        let expected = parametersFirst.step(x, state: state).state
        #expect(precisionFirst.step(x, state: state).state == expected)
        #expect(edited.step(x, state: state).state == expected)
        var stale = original
        stale.precision = .single
        #expect(stale.step(x, state: state).state != expected)
        // And back in Double, W is used as it is.
        var backToDouble = parametersFirst
        backToDouble.precision = .double
        var doubleCell = original
        doubleCell.parameters = other
        #expect(backToDouble.step(x, state: state).state == doubleCell.step(x, state: state).state)
    }
}

// The additive cell path (8.16), the LSTM diagram, and the read-out model used by the chapter's
// experiments: its loss (8.17) against finite differences, its training step and its accuracy.

import Diagrams
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — the cell path, the diagram and the read-out model")
struct CellPathTests {
    @Test("Eq. 8.16 — With W = 0, ∂L/∂cₜ is the product of forget gates times ∂L/∂c_T exactly", arguments: [1, 4, 15])
    func forgetGateProduct(length: Int) {
        var generator = SeededGenerator(seed: 3)
        var cell = LSTMCell(inputSize: 6, hiddenSize: 5, forgetBias: 2, using: &generator)
        cell.parameters[1] = Matrix(rows: 20, columns: 5)  // gates no longer depend on hₜ₋₁
        let inputs = (0..<length).map { _ in [generator.integer(below: 6), generator.integer(below: 6)] }
        var state = cell.initialState(batch: 2)
        var caches: [LSTMCell.StepCache] = []
        for x in inputs {
            let (next, cache) = cell.step(.oneHot(x), state: state)
            state = next
            caches.append(cache)
        }
        let readout = Matrix.gaussian(5, 2, using: &generator)
        var carried = [Matrix(rows: 5, columns: 2), readout]
        var gradients = cell.zeroGradients()
        var product = Matrix(rows: 5, columns: 2, repeating: 1)
        for t in stride(from: length - 1, through: 0, by: -1) {
            carried = cell.backwardStep(carried, cache: caches[t], gradients: &gradients).dPreviousState
            product = product ⊙ caches[t].forget
            expectClose(carried[1], readout ⊙ product, tolerance: Tolerance.exactArithmetic, "∂L/∂c at step \(t)")
        }
    }

    @Test("Eq. 8.3 — The LSTM diagram draws the additive path cₜ₋₁ → ⊙ → + → cₜ in bold red")
    func diagramPath() {
        let diagram = LSTMCellDiagram()
        let path = diagram.graph.edges.filter { edge in
            edge.attributes.contains(.color(diagram.cellPathColour))
        }
        #expect(path.map(\.from) == ["cPrevious", "forgetProduct", "sum"])
        #expect(path.map(\.to) == ["forgetProduct", "sum", "c"])
        #expect(diagram.dotSource.contains("f<sub>t</sub> = σ(z<sub>f</sub>)"))
    }

    @Test(
        "Eq. 8.17 — Read-out model: masked cross-entropy over the targets and its BPTT gradients match finite differences"
    )
    func readoutGradients() {
        var generator = SeededGenerator(seed: 8)
        let cell = GRUCell(inputSize: LongLagTask.vocabulary, hiddenSize: 4, using: &generator)
        let model = readoutModel(cell: cell, classes: LongLagTask.classes, using: &generator)
        let batch = LongLagTask(lag: 5).batch(size: 3, using: &generator)
        let inputs = batch.stepInputs
        // (8.17) by hand: only the last step has targets, |S| = 3.
        let pass = model.forward(inputs)
        let last = pass.probabilities(at: 5)
        let expected = -(0..<3).map { j in log(last[batch.targets[5][j], j]) }.reduce(0, +) / 3
        expectClose(model.loss(pass, targets: batch.targets), expected, tolerance: Tolerance.exactArithmetic)
        let analytic = model.lossAndGradients(inputs: inputs, targets: batch.targets).gradients
        for k in model.parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { entry in
                    var probe = model
                    probe.parameters[k] = entry
                    return probe.loss(probe.forward(inputs), targets: batch.targets)
                }, at: model.parameters[k])
            expectGradientsMatch(
                analytic: analytic[k], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor, "\(model.parameterNames[k])")
        }
    }

    @Test("Read-out training: each step is Adam on the gradients of a fresh batch, norm-clipped at the limit")
    func readoutTraining() {
        var generator = SeededGenerator(seed: 12)
        let cell = LSTMCell(inputSize: LongLagTask.vocabulary, hiddenSize: 3, using: &generator)
        let start = readoutModel(cell: cell, classes: LongLagTask.classes, using: &generator)
        // The read-out: V uniform in ±1/√H, c = 0, the loss per target (8.17).
        #expect(start.normalization == .perTarget)
        #expect(start.outputWeights.maxAbs() <= 1 / 3.0.squareRoot() && start.outputWeights.maxAbs() > 0.1)
        #expect(start.outputBiases == Matrix(rows: LongLagTask.classes, columns: 1))
        let task = LongLagTask(lag: 4)
        let limit = 0.05  // small enough that both updates are clipped
        var trained = start
        var batchGenerator = SeededGenerator(seed: 99)
        let losses = trainReadout(
            &trained, steps: 2, learningRate: 0.01, clipNorm: limit,
            makeBatch: { task.batch(size: 5, using: &$0) }, generator: &batchGenerator)
        // By hand: the same two batches, the global norm over all five gradients, Adam.
        var byHand = start
        var handGenerator = SeededGenerator(seed: 99)
        var adam = Adam(learningRate: 0.01)
        var handLosses: [Double] = []
        for _ in 0..<2 {
            let batch = task.batch(size: 5, using: &handGenerator)
            var result = byHand.lossAndGradients(inputs: batch.stepInputs, targets: batch.targets)
            let norm = result.gradients.reduce(0) { $0 + $1.dot($1) }.squareRoot()
            #expect(norm > limit, "the update should be clipped (norm \(norm))")
            result.gradients = result.gradients.map { $0 * (limit / norm) }
            adam.step(&byHand.parameters, gradients: result.gradients)
            handLosses.append(result.loss)
        }
        #expect(losses.count == 2)
        for (a, b) in zip(losses, handLosses) { expectClose(a, b, tolerance: Tolerance.exactArithmetic) }
        for k in byHand.parameters.indices {
            expectClose(
                trained.parameters[k], byHand.parameters[k], tolerance: Tolerance.exactArithmetic,
                "\(byHand.parameterNames[k])")
        }
    }

    @Test("Read-out accuracy counts arg-max hits at the steps with targets only")
    func readoutAccuracyCounts() {
        var generator = SeededGenerator(seed: 4)
        let cell = GRUCell(inputSize: LongLagTask.vocabulary, hiddenSize: 4, using: &generator)
        let model = readoutModel(cell: cell, classes: LongLagTask.classes, using: &generator)
        let batch = LongLagTask(lag: 3).batch(size: 40, using: &generator)
        let predicted = model.forward(batch.stepInputs).probabilities(at: 3).argmaxPerColumn()
        let right = zip(predicted, batch.targets[3]).filter { $0.0 == $0.1 }.count
        expectClose(readoutAccuracy(model, on: batch), Double(right) / 40, tolerance: Tolerance.exactArithmetic)
    }
}

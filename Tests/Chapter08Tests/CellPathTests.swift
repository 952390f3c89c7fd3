// The additive cell path (8.8), the LSTM diagram, and the read-out model used by the chapter's
// experiments checked against finite differences.

import Diagrams
import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — the cell path, the diagram and the read-out model")
struct CellPathTests {
    @Test("(8.8) With W = 0, ∂L/∂cₜ is the product of forget gates times ∂L/∂c_T exactly", arguments: [1, 4, 15])
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

    @Test("(8.3) The LSTM diagram draws the additive path cₜ₋₁ → ⊙ → + → cₜ in bold red")
    func diagramPath() {
        let diagram = LSTMCellDiagram()
        let path = diagram.graph.edges.filter { edge in
            edge.attributes.contains(.color(diagram.cellPathColour))
        }
        #expect(path.map(\.from) == ["cPrevious", "forgetProduct", "sum"])
        #expect(path.map(\.to) == ["forgetProduct", "sum", "c"])
        #expect(diagram.dotSource.contains("forget fₜ = σ(z_f)"))
    }

    @Test("(8.17) Read-out model: masked cross-entropy gradients through BPTT match finite differences")
    func readoutGradients() {
        var generator = SeededGenerator(seed: 8)
        let cell = GRUCell(inputSize: LongLagTask.vocabulary, hiddenSize: 4, using: &generator)
        let model = ReadoutModel(cell: cell, classes: LongLagTask.classes, using: &generator)
        let batch = LongLagTask(lag: 5).batch(size: 3, using: &generator)
        let analytic = model.lossAndGradients(batch).gradients
        for k in model.parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { entry in
                    var probe = model
                    var parameters = probe.parameters
                    parameters[k] = entry
                    probe.parameters = parameters
                    return probe.lossAndGradients(batch).loss
                }, at: model.parameters[k])
            expectGradientsMatch(
                analytic: analytic[k], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor, "parameter \(k)")
        }
    }

    @Test("Gradient clipping by global norm rescales to the limit and leaves small gradients alone")
    func clipping() {
        var gradients = [Matrix([[3, 0]]), Matrix([[0], [4]])]
        clipByGlobalNorm(&gradients, maximum: 1)
        expectClose(gradients[0], Matrix([[0.6, 0]]), tolerance: Tolerance.exactArithmetic)
        expectClose(gradients[1], Matrix([[0], [0.8]]), tolerance: Tolerance.exactArithmetic)
        var small = [Matrix([[0.1, 0.2]])]
        clipByGlobalNorm(&small, maximum: 1)
        #expect(small[0] == Matrix([[0.1, 0.2]]))
    }
}

// Section 3.4's claims: the tape of the tanh–softmax network gives the matrix backpropagation's
// gradients, and its ∂C/∂z³ is a³ − y.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — the computation graph of the tiny tanh–softmax network")
struct TapeGraphTests {
    @Test("Eq. 3.3–3.6 — tape gradients of the [2, 3, 2] tanh–softmax network equal matrix backprop")
    func tapeEqualsMatrix() {
        let network = tanhSoftmaxExample()
        let (tape, layers, cost) = tapeExample(network, input: WorkedExample.input, label: tapeLabel)
        var generator = SeededGenerator(seed: 1)
        let matrix = network.backpropagate(
            Matrix(column: WorkedExample.input), Matrix(column: [1, 0]), cost: LogLikelihoodCost(),
            generator: &generator)
        expectClose(cost.data, matrix.cost, tolerance: Tolerance.exactArithmetic)
        for (a, b) in zip(tape.gradients, matrix.gradients) {
            expectClose(a, b, tolerance: Tolerance.twoAnalyticGradients)
        }
        // BP1 for softmax with log-likelihood: δ³ = a³ − y, as the chapter prints.
        for j in 0..<2 {
            expectClose(
                layers[1].z[j].grad, layers[1].a[j].data - (j == tapeLabel ? 1 : 0),
                tolerance: Tolerance.twoAnalyticGradients)
        }
        expectClose(cost.data, 1.357868, tolerance: printedSixDecimals)
    }

    @Test("Eq. 3.3–3.6 — tape gradients match central differences for random weights", arguments: UInt64(1)...UInt64(3))
    func tapeAgainstCentralDifferences(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let network = Network(sizes: [2, 3, 2], hidden: .tanh, output: .softmax, using: &generator)
        let x = [generator.gaussian(), generator.gaussian()]
        let (tape, _, _) = tapeExample(network, input: x, label: 1)
        let y = Matrix(column: [0, 1])
        for index in network.parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { value in
                    var moved = network
                    var parameters = moved.parameters
                    parameters[index] = value
                    moved.parameters = parameters
                    return moved.backpropagate(Matrix(column: x), y, cost: LogLikelihoodCost(), generator: &generator)
                        .cost
                }, at: network.parameters[index])
            expectGradientsMatch(
                analytic: tape.gradients[index], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor)
        }
    }

    @Test("The graph has one node per ×, Σ, tanh, exp, ÷, log and input")
    func graphShape() {
        let graph = tapeExample(tanhSoftmaxExample(), input: WorkedExample.input, label: tapeLabel).cost
            .computationGraph()
        let operations = graph.nodes.map(\.operation)
        #expect(operations.filter { $0 == "×" }.count == 12)  // 6 + 6 weights
        #expect(operations.filter { $0 == "tanh" }.count == 3)
        #expect(operations.filter { $0 == "exp" }.count == 2)
        #expect(operations.filter { $0 == "÷" }.count == 1)  // only a³ᵧ reaches the cost
        #expect(graph.nodes.last?.label == "C")
        #expect(graph.nodes.last?.gradient == 1)
    }
}

// Section 3.3's claim: the per-example loop and the mini-batch as one matrix give one gradient.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter03

/// The two forms add the same terms in different orders; 1e-10 leaves room for any BLAS.
let loopVersusMatrixTolerance = 1e-10

@Suite("Chapter 03 — per-example backpropagation equals the mini-batch matrix form")
struct LoopVersusMatrixTests {
    @Test(
        "Eq. 3.7 — (1/m) Σₓ ∂Cₓ/∂w from a loop equals the matrix backpropagation",
        arguments: [([784, 30, 10], UInt64(1)), ([2, 3, 2], UInt64(2)), ([5, 8, 8, 3], UInt64(3))] as [([Int], UInt64)])
    func loopEqualsMatrix(sizes: [Int], seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let network = Network(sizes: sizes, using: &generator)
        let m = 10
        let x = Matrix.uniform(sizes[0], m, low: 0, high: 1, using: &generator)
        let labels = (0..<m).map { _ in generator.integer(below: sizes.last!) }
        let y = Matrix(rows: sizes.last!, columns: m) { row, column in row == labels[column] ? 1 : 0 }
        let loop = network.backpropagatePerExample(x, y, cost: QuadraticCost())
        let matrix = network.backpropagate(x, y, cost: QuadraticCost(), generator: &generator).gradients
        for (a, b) in zip(loop, matrix) { expectClose(a, b, tolerance: loopVersusMatrixTolerance) }
        // And the loop over the chapter's component form gives the same average.
        let components = ComponentNetwork(network)
        var sum = matrix.map { Matrix(rows: $0.rows, columns: $0.columns) }
        for column in 0..<m {
            let dw = components.weightGradients(x.column(column), y.column(column))
            let db = components.biasGradients(x.column(column), y.column(column))
            for i in dw.indices {
                sum[2 * i] += Matrix(dw[i])
                sum[2 * i + 1] += Matrix(column: db[i])
            }
        }
        for (a, b) in zip(sum.map { $0 / Double(m) }, matrix) {
            expectClose(a, b, tolerance: loopVersusMatrixTolerance)
        }
    }
}

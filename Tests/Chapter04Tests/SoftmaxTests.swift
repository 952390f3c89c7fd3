import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter04

@Suite("Chapter 04 — softmax and log-likelihood")
struct SoftmaxTests {
    static func randomLogits(_ rows: Int, _ columns: Int, seed: UInt64, scale: Double = 3) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return Matrix.gaussian(rows, columns, standardDeviation: scale, using: &generator)
    }

    @Test("Eq. 4.4 — softmax outputs are positive and every column sums to one", arguments: UInt64(1)...UInt64(4))
    func distribution(seed: UInt64) {
        let a = Softmax.apply(Self.randomLogits(6, 5, seed: seed))
        #expect(a.elements.allSatisfy { $0 > 0 })
        for column in 0..<a.columns {
            expectClose((0..<a.rows).map { a[$0, column] }.reduce(0, +), 1, tolerance: Tolerance.exactArithmetic)
        }
        // The example of section 4.3.
        let example = Softmax.apply(Matrix(column: exampleLogits)).elements
        expectClose(example[0], exp(2) / exampleLogits.map(exp).reduce(0, +), tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 4.4 — adding the same constant to every logit changes nothing", arguments: [-700.0, -3, 0.5, 40, 700])
    func shiftInvariance(c: Double) {
        let z = Self.randomLogits(5, 3, seed: 7)
        expectClose(Softmax.apply(z.map { $0 + c }), Softmax.apply(z), tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 4.4 — aⱼ increases with its own zⱼ and decreases with every other zₖ")
    func monotonicity() {
        let z = exampleLogits
        let jacobian = softmaxJacobian(z)
        let numeric = numericSoftmaxJacobian(z)
        for j in z.indices {
            for k in z.indices {
                #expect(j == k ? jacobian[j][k] > 0 : jacobian[j][k] < 0, "∂a\(j)/∂z\(k) = \(jacobian[j][k])")
                expectClose(jacobian[j][k], numeric[j][k], tolerance: Chapter04Tolerance.jacobianByCentralDifferences)
            }
        }
        // And by finite steps, not just derivatives: raise each logit by 1.
        let a = Softmax.apply(Matrix(column: z)).elements
        for k in z.indices {
            var raised = z
            raised[k] += 1
            let b = Softmax.apply(Matrix(column: raised)).elements
            for j in z.indices { #expect(j == k ? b[j] > a[j] : b[j] < a[j]) }
        }
    }

    @Test("Eq. 4.4 — the ratio aⱼ/aₖ is e^(zⱼ − zₖ): logits are log-odds")
    func odds() {
        let z = Self.randomLogits(4, 3, seed: 11)
        let a = Softmax.apply(z)
        for column in 0..<z.columns {
            for j in 0..<z.rows {
                for k in 0..<z.rows {
                    expectClose(a[j, column] / a[k, column], exp(z[j, column] - z[k, column]), tolerance: 1e-12)
                }
            }
        }
    }

    @Test("Eq. 4.4 — with two classes, softmax is the sigmoid of the difference of the logits")
    func twoClasses() {
        let z = Self.randomLogits(2, 8, seed: 12)
        let a = Softmax.apply(z)
        for column in 0..<z.columns {
            let difference = z[0, column] - z[1, column]
            expectClose(a[0, column], 1 / (1 + exp(-difference)), tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test("Eq. 4.4 — the notes' worked example: z = (3, 1, −3) gives a = (0.879, 0.119, 0.002)")
    func workedExample() {
        let a = Softmax.apply(Matrix(column: [3, 1, -3])).elements
        let total = exp(3.0) + exp(1.0) + exp(-3.0)
        #expect((total * 100).rounded() / 100 == 22.85)
        #expect(a.map { ($0 * 1000).rounded() / 1000 } == [0.879, 0.119, 0.002])
        #expect(a[2] > 0)
    }

    @Test("Eq. 4.5 — log-likelihood C = −ln a_y, the core's cost for a one-hot target")
    func logLikelihood() {
        let z = Matrix(column: exampleLogits)
        let a = Softmax.apply(z)
        for y in 0..<4 {
            let cost = LogLikelihoodCost().cost(
                z: z, output: a, target: Matrix.oneHot([y], classes: 4), activation: .softmax)
            expectClose(cost, -log(a[y, 0]), tolerance: Tolerance.exactArithmetic)
            #expect(cost > 0)
        }
        // Near zero when the right class has probability near one.
        let confident = Matrix(column: [12, 0, 0, 0])
        #expect(
            LogLikelihoodCost().cost(
                z: confident, output: Softmax.apply(confident), target: Matrix.oneHot([0], classes: 4),
                activation: .softmax)
                < 1e-4)
    }

    @Test(
        "Eq. 4.6 — δᴸ = aᴸ − y for sigmoid + cross-entropy and softmax + log-likelihood, against the chain rule and central differences",
        arguments: UInt64(1)...UInt64(4))
    func outputError(seed: UInt64) {
        let z = Self.randomLogits(5, 4, seed: seed, scale: 2)
        let y = Matrix.oneHot([0, 4, 2, 2], classes: 5)
        for (cost, activation) in [
            (CrossEntropyCost() as any Cost, Activation.sigmoid), (LogLikelihoodCost(), .softmax),
        ] {
            let forms = OutputErrorForms(cost: cost, activation: activation, z: z, target: y)
            expectClose(
                forms.shortcut, forms.chainRule, tolerance: Tolerance.twoAnalyticGradients, "\(cost.name) chain rule")
            expectClose(
                forms.shortcut, forms.numeric, tolerance: Chapter04Tolerance.outputErrorByCentralDifferences,
                "\(cost.name) central differences")
            // The core's own output error is the shortcut.
            let a = activation.value(z)
            expectClose(cost.outputError(z: z, output: a, target: y, activation: activation), a - y, tolerance: 0)
        }
        // The quadratic cost is the counter-example: its δᴸ carries σ′(z).
        let quadratic = OutputErrorForms(cost: QuadraticCost(), activation: .sigmoid, z: z, target: y)
        expectClose(
            quadratic.chainRule, quadratic.numeric, tolerance: Chapter04Tolerance.outputErrorByCentralDifferences)
        #expect(quadratic.largestDisagreement > 0.1)
    }

    @Test("Stability — softmax and log-likelihood at logits ±1000: no NaN, exact answers")
    func extremeLogits() {
        let z = Matrix(column: [1000, -1000, 0])
        let a = Softmax.apply(z)
        #expect(a.elements == [1, 0, 0])
        let costs = (0..<3).map {
            LogLikelihoodCost().cost(z: z, output: a, target: Matrix.oneHot([$0], classes: 3), activation: .softmax)
        }
        #expect(costs == [0, 2000, 1000])
        let tied = Matrix(column: [1000, 1000, -1000])
        expectClose(Softmax.apply(tied)[0, 0], 0.5, tolerance: Tolerance.exactArithmetic)
        expectClose(
            LogLikelihoodCost().cost(
                z: tied, output: Softmax.apply(tied), target: Matrix.oneHot([1], classes: 3), activation: .softmax),
            log(2),
            tolerance: Tolerance.exactArithmetic)
        let low = Matrix(column: [-1000, -1000, -1000])
        expectClose(Softmax.apply(low), Matrix(column: [1, 1, 1].map { $0 / 3 }), tolerance: Tolerance.exactArithmetic)
        // δᴸ = aᴸ − y stays finite.
        let delta = LogLikelihoodCost().outputError(
            z: z, output: a, target: Matrix.oneHot([1], classes: 3), activation: .softmax)
        #expect(delta.elements == [1, -1, 0])
        // Sigmoid + cross-entropy from z: exactly 1000 for z = −1000 with y = 1, 0 for z = 1000.
        #expect(
            CrossEntropyCost().cost(
                z: Matrix(row: [-1000]), output: Matrix(row: [0]), target: Matrix(row: [1]), activation: .sigmoid)
                == 1000
        )
        #expect(
            CrossEntropyCost().cost(
                z: Matrix(row: [1000]), output: Matrix(row: [1]), target: Matrix(row: [1]), activation: .sigmoid) == 0)
        // The formula as written overflows: the reason for the shift.
        #expect(textbookSoftmax([1000, -1000, 0])[0].isNaN)
    }
}

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Costs and softmax — output errors and numerical stability")
struct CostAndSoftmaxTests {
    @Test("Eq. 4.4 — softmax columns are positive and sum to one; shifting z changes nothing")
    func softmaxProperties() {
        var generator = SeededGenerator(seed: 4)
        let z = Matrix.gaussian(5, 7, standardDeviation: 3, using: &generator)
        let a = Softmax.apply(z)
        #expect(a.elements.allSatisfy { $0 > 0 })
        for sum in a.columnSums().elements { expectClose(sum, 1, tolerance: Tolerance.exactArithmetic) }
        expectClose(Softmax.apply(z.map { $0 + 123.4 }), a, tolerance: Tolerance.exactArithmetic)
        expectClose(Softmax.logApply(z), a.map { log($0) }, tolerance: 1e-12)
    }

    @Test("Eq. 4.4–4.5 — softmax and log-likelihood are exact for logits of ±1000")
    func extremeLogits() {
        let z = Matrix(column: [1000, -1000, 0])
        let a = Softmax.apply(z)
        #expect(a.elements == [1, 0, 0])
        let right = LogLikelihoodCost().cost(z: z, output: a, target: Matrix(column: [1, 0, 0]), activation: .softmax)
        let wrong = LogLikelihoodCost().cost(z: z, output: a, target: Matrix(column: [0, 1, 0]), activation: .softmax)
        #expect(right == 0)
        #expect(wrong == 2000)  // −ln a₂ = −(−1000 − 1000) exactly, from log-sum-exp
        #expect(Softmax.logApply(Matrix(column: [-1000, -1000])).elements.allSatisfy { abs($0 - -log(2)) < 1e-15 })
    }

    @Test("Eq. 4.2 — cross-entropy is finite for saturated sigmoids and matches its definition")
    func crossEntropyStable() {
        let z = Matrix(column: [40, -40, 0.3])
        let a = Activation.sigmoid.value(z)
        let y = Matrix(column: [0, 1, 1])
        let c = CrossEntropyCost().cost(z: z, output: a, target: y, activation: .sigmoid)
        #expect(c.isFinite)
        expectClose(c, 40 + 40 + log(1 + exp(-0.3)), tolerance: 1e-12)
    }

    @Test("Eq. 4.6 — δᴸ = a − y for sigmoid + cross-entropy and softmax + log-likelihood equals the chain rule")
    func outputErrors() {
        var generator = SeededGenerator(seed: 8)
        let z = Matrix.gaussian(4, 3, using: &generator)
        let y = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 1]])
        for (cost, activation) in [
            (CrossEntropyCost() as any Cost, Activation.sigmoid), (LogLikelihoodCost(), .softmax),
        ] {
            let a = activation.value(z)
            let shortcut = cost.outputError(z: z, output: a, target: y, activation: activation)
            let chainRule = activation.backward(z: z, a: a, upstream: cost.gradient(output: a, target: y))
            expectClose(shortcut, a - y, tolerance: Tolerance.exactArithmetic)
            expectClose(chainRule, a - y, tolerance: 1e-12, "\(cost.name)")
            let numeric = GradientCheck.numericGradient(
                of: { cost.cost(z: $0, output: activation.value($0), target: y, activation: activation) }, at: z)
            expectGradientsMatch(analytic: shortcut, numeric: numeric, tolerance: Tolerance.gradientCheckSmooth)
        }
    }
}

@Suite("Dropout and regularization")
struct DropoutAndRegularizationTests {
    @Test("Eq. 5.7 — the inverted-dropout mask keeps the expectation: E[mask ⊙ a] = a")
    func dropoutExpectation() {
        var generator = SeededGenerator(seed: 5)
        let keep = 0.6
        let count = 200_000
        let mask = Dropout.mask(like: Matrix(rows: 1, columns: count), keep: keep, using: &generator)
        let mean = mask.sum() / Double(count)
        // Each entry has mean 1 and variance (1 − p)/p; the mean of n has σ = √((1 − p)/(p n)) ≈ 0.0018.
        let fiveSigma = 5 * ((1 - keep) / (keep * Double(count))).squareRoot()
        #expect(abs(mean - 1) < fiveSigma, "mean \(mean)")
        #expect(Set(mask.elements) == [0, 1 / keep])
    }

    @Test("Eq. 5.2 and 5.4 — one SGD step with L2 and with L1 weight penalties")
    func regularizedUpdates() {
        let layer = DenseLayer(weights: Matrix([[0.5, -2]]), biases: Matrix(column: [0.1]), activation: .sigmoid)
        let network = Network(layers: [layer])
        let gradient0 = [Matrix([[0.2, 0.4]]), Matrix(column: [0.3])]
        let (eta, lambda, n) = (0.5, 2.0, 10)
        for regularization in [Regularization.l2(lambda: lambda), .l1(lambda: lambda)] {
            var gradients = gradient0
            regularization.addGradient(to: &gradients, of: network, trainingCount: n)
            var parameters = network.parameters
            var sgd = SGD(learningRate: eta)
            sgd.step(&parameters, gradients: gradients)
            let w = [0.5, -2.0]
            let g = [0.2, 0.4]
            let expected: [Double]
            if case .l2 = regularization {
                expected = (0..<2).map { (1 - eta * lambda / Double(n)) * w[$0] - eta * g[$0] }
            } else {
                expected = (0..<2).map { w[$0] - eta * lambda / Double(n) * (w[$0] > 0 ? 1 : -1) - eta * g[$0] }
            }
            expectClose(parameters[0], Matrix(row: expected), tolerance: Tolerance.exactArithmetic, "\(regularization)")
            expectClose(parameters[1], Matrix(column: [0.1 - eta * 0.3]), tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test("Eq. 5.1 and 5.3 — the penalties (λ/2n)Σw² and (λ/n)Σ|w|")
    func penalties() {
        let network = Network(layers: [
            DenseLayer(weights: Matrix([[1, -2], [3, 0]]), biases: Matrix(column: [5, 5]), activation: .sigmoid)
        ])
        expectClose(
            Regularization.l2(lambda: 4).penalty(network, trainingCount: 2), 4.0 / 4 * 14,
            tolerance: Tolerance.exactArithmetic)
        expectClose(
            Regularization.l1(lambda: 4).penalty(network, trainingCount: 2), 4.0 / 2 * 6,
            tolerance: Tolerance.exactArithmetic)
    }
}

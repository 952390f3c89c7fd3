// Backpropagation checked three ways: the matrix backward pass, central differences, and the
// reverse-mode tape running the same network one scalar at a time.

import Foundation
import NeuralCore
import TestSupport
import Testing

/// An architecture and cost to check.
struct GradientCase: CustomStringConvertible, Sendable {
    var sizes: [Int]
    var hidden: Activation
    var output: Activation
    var cost: any Cost
    var description: String { "\(sizes) \(hidden)/\(output) \(cost.name)" }
}

@Suite("Backpropagation — BP1–BP4 against finite differences and the tape")
struct NetworkGradientTests {
    static let cases: [GradientCase] = [
        GradientCase(sizes: [3, 4, 2], hidden: .sigmoid, output: .sigmoid, cost: QuadraticCost()),
        GradientCase(sizes: [3, 5, 4, 2], hidden: .tanh, output: .sigmoid, cost: CrossEntropyCost()),
        GradientCase(sizes: [4, 6, 3], hidden: .sigmoid, output: .softmax, cost: LogLikelihoodCost()),
        GradientCase(sizes: [2, 5, 5, 3], hidden: .relu, output: .softmax, cost: LogLikelihoodCost()),
        GradientCase(sizes: [2, 4, 1], hidden: .leakyReLU(slope: 0.1), output: .sigmoid, cost: CrossEntropyCost()),
        GradientCase(sizes: [3, 4, 3], hidden: .tanh, output: .softmax, cost: QuadraticCost()),
    ]

    static func setUp(_ c: GradientCase, seed: UInt64) -> (Network, Matrix, Matrix) {
        var generator = SeededGenerator(seed: seed)
        let network = Network(sizes: c.sizes, hidden: c.hidden, output: c.output, using: &generator)
        let m = 5
        let x = Matrix.gaussian(c.sizes[0], m, using: &generator)
        let outputs = c.sizes.last!
        var y = Matrix(rows: outputs, columns: m)
        for column in 0..<m { y[generator.integer(below: outputs), column] = 1 }
        return (network, x, y)
    }

    /// The cost averaged over the columns, as a function of the parameters.
    static func meanCost(_ network: Network, _ parameters: [Matrix], _ x: Matrix, _ y: Matrix, _ cost: any Cost)
        -> Double
    {
        var probe = network
        probe.parameters = parameters
        var a = x
        var z = x
        for layer in probe.denseLayers {
            let cache = layer.forward(a)
            (z, a) = (cache.z, cache.a)
        }
        return cost.cost(z: z, output: a, target: y, activation: probe.denseLayers.last!.activation)
            / Double(x.columns)
    }

    @Test("Eq. 3.3–3.6 — every weight and bias gradient matches central differences", arguments: cases)
    func finiteDifferences(c: GradientCase) {
        let (network, x, y) = Self.setUp(c, seed: 1)
        var generator = SeededGenerator(seed: 0)
        let analytic = network.backpropagate(x, y, cost: c.cost, generator: &generator).gradients
        let parameters = network.parameters
        // ReLU-family networks have kinks; the random inputs keep every z away from 0 in practice.
        let tolerance =
            c.hidden == .relu || c.hidden == .leakyReLU(slope: 0.1)
            ? Tolerance.gradientCheckKink : Tolerance.gradientCheckSmooth
        for index in parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { probe in
                    var all = parameters
                    all[index] = probe
                    return Self.meanCost(network, all, x, y, c.cost)
                }, at: parameters[index])
            expectGradientsMatch(
                analytic: analytic[index], numeric: numeric, tolerance: tolerance,
                floor: Tolerance.centralDifferenceFloor, "\(c) parameter \(index)")
        }
    }

    @Test("Eq. 3.3–3.6 — the matrix backward pass equals the reverse-mode tape", arguments: cases)
    func tape(c: GradientCase) {
        let (network, x, y) = Self.setUp(c, seed: 2)
        var generator = SeededGenerator(seed: 0)
        let analytic = network.backpropagate(x, y, cost: c.cost, generator: &generator).gradients
        let tape = TapeNetwork(network)
        let cost = tape.meanCost(x, y, cost: c.cost)
        cost.backward()
        for (index, expected) in tape.gradients.enumerated() {
            expectGradientsMatch(
                analytic: analytic[index], numeric: expected, tolerance: Tolerance.twoAnalyticGradients,
                "\(c) parameter \(index)")
        }
    }

    @Test("The per-example loop and the whole mini-batch as a matrix give the same gradient", arguments: cases)
    func perExampleEqualsMatrix(c: GradientCase) {
        let (network, x, y) = Self.setUp(c, seed: 3)
        var generator = SeededGenerator(seed: 0)
        let matrixForm = network.backpropagate(x, y, cost: c.cost, generator: &generator).gradients
        let loopForm = network.backpropagatePerExample(x, y, cost: c.cost)
        for index in matrixForm.indices {
            expectClose(matrixForm[index], loopForm[index], tolerance: 1e-10, "parameter \(index)")
        }
    }

    @Test("Eq. 3.3 — BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ) for the quadratic cost")
    func bp1() {
        let (network, x, y) = Self.setUp(Self.cases[0], seed: 4)
        var generator = SeededGenerator(seed: 0)
        let result = network.backpropagate(x, y, cost: QuadraticCost(), generator: &generator)
        let caches = Self.caches(network, x)
        let last = caches.last!
        expectClose(
            result.deltas.last!, (last.a - y) ⊙ Activation.sigmoid.derivative(last.z),
            tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 3.4 — BP2: δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ′(zˡ)")
    func bp2() {
        let (network, x, y) = Self.setUp(Self.cases[0], seed: 5)
        var generator = SeededGenerator(seed: 0)
        let result = network.backpropagate(x, y, cost: QuadraticCost(), generator: &generator)
        let caches = Self.caches(network, x)
        let expected =
            (network.denseLayers[1].weights.transposed * result.deltas[1]) ⊙ Activation.sigmoid.derivative(caches[0].z)
        expectClose(result.deltas[0], expected, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 3.5–3.6 — BP3 ∂C/∂b = δ and BP4 ∂C/∂wⱼₖ = aₖ δⱼ for a single example")
    func bp3bp4() {
        let (network, x, y) = Self.setUp(Self.cases[0], seed: 6)
        let single = (x.columns([0]), y.columns([0]))
        var generator = SeededGenerator(seed: 0)
        let result = network.backpropagate(single.0, single.1, cost: QuadraticCost(), generator: &generator)
        let caches = Self.caches(network, single.0)
        let delta = result.deltas[1]
        let aBelow = caches[0].a
        expectClose(result.gradients[3], delta, tolerance: Tolerance.exactArithmetic)
        for j in 0..<delta.rows {
            for k in 0..<aBelow.rows {
                expectClose(result.gradients[2][j, k], aBelow[k, 0] * delta[j, 0], tolerance: Tolerance.exactArithmetic)
            }
        }
    }

    /// Every dense layer's cache for a forward pass of `x` (no dropout).
    static func caches(_ network: Network, _ x: Matrix) -> [DenseLayer.Cache] {
        var a = x
        return network.denseLayers.map { layer in
            let cache = layer.forward(a)
            a = cache.a
            return cache
        }
    }

    @Test("Eq. 5.7 — dropout's backward pass matches central differences with the mask held fixed")
    func dropoutGradient() {
        let c = GradientCase(sizes: [3, 6, 2], hidden: .sigmoid, output: .softmax, cost: LogLikelihoodCost())
        var setUpGenerator = SeededGenerator(seed: 7)
        let network = Network(
            sizes: c.sizes, hidden: c.hidden, output: c.output, hiddenDropout: Dropout(keep: 0.5),
            using: &setUpGenerator)
        let x = Matrix.gaussian(3, 5, using: &setUpGenerator)
        var y = Matrix(rows: 2, columns: 5)
        for column in 0..<5 { y[column % 2, column] = 1 }
        var generator = SeededGenerator(seed: 99)
        let analytic = network.backpropagate(x, y, cost: c.cost, generator: &generator).gradients
        let parameters = network.parameters
        for index in parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { probe in
                    var probeNetwork = network
                    var all = parameters
                    all[index] = probe
                    probeNetwork.parameters = all
                    var sameMask = SeededGenerator(seed: 99)
                    return probeNetwork.backpropagate(x, y, cost: c.cost, generator: &sameMask).cost / Double(x.columns)
                }, at: parameters[index])
            expectGradientsMatch(
                analytic: analytic[index], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor)
        }
    }
}

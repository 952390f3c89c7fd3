// Every update rule of Chapter 05 against two steps worked out by hand. Two steps, so that the
// state carried between steps (velocity, G, E, m, v, t) takes part in the second one.
// θ is the 1×2 matrix [1, −2] throughout; the gradients are chosen so the arithmetic stays short.

import NeuralCore
import TestSupport
import Testing

@Suite("Chapter 05 update rules — two steps computed by hand")
struct OptimizerUpdateRuleTests {
    static let start = Matrix(row: [1, -2])

    /// Runs `optimizer` for one step per gradient, returning the parameter after each step.
    static func run(_ optimizer: inout some Optimizer, gradients: [[Double]]) -> [Matrix] {
        var parameters = [start]
        return gradients.map { gradient in
            optimizer.step(&parameters, gradients: [Matrix(row: gradient)])
            return parameters[0]
        }
    }

    @Test("Eq. 2.10 — one SGD step equals θ − ηg")
    func sgd() {
        var optimizer = SGD(learningRate: 0.1)
        let after = Self.run(&optimizer, gradients: [[0.5, -1]])
        // θ − ηg = [1 − 0.1·0.5, −2 − 0.1·(−1)] = [0.95, −1.9]
        expectClose(after[0], Matrix(row: [0.95, -1.9]), tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.10 — two momentum steps equal the hand-computed values")
    func momentum() {
        var optimizer = Momentum(learningRate: 0.1, momentum: 0.9)
        let after = Self.run(&optimizer, gradients: [[0.5, -1], [-0.25, 2]])
        // Step 1: v = 0.9·0 − 0.1·[0.5, −1] = [−0.05, 0.1];  θ = [1, −2] + v = [0.95, −1.9]
        expectClose(after[0], Matrix(row: [0.95, -1.9]), tolerance: Tolerance.exactArithmetic)
        // Step 2: v = 0.9·[−0.05, 0.1] − 0.1·[−0.25, 2] = [−0.045 + 0.025, 0.09 − 0.2] = [−0.02, −0.11]
        //         θ = [0.95, −1.9] + [−0.02, −0.11] = [0.93, −2.01]
        expectClose(after[1], Matrix(row: [0.93, -2.01]), tolerance: Tolerance.exactArithmetic)
        expectClose(optimizer.velocity[0], Matrix(row: [-0.02, -0.11]), tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.11 — two Nesterov steps equal the hand-computed values")
    func nesterov() {
        var optimizer = Nesterov(learningRate: 0.1, momentum: 0.9)
        let after = Self.run(&optimizer, gradients: [[0.5, -1], [-0.25, 2]])
        // Step 1: v_prev = 0, v = [−0.05, 0.1] (as for momentum)
        //         θ = [1, −2] − 0.9·0 + 1.9·[−0.05, 0.1] = [1 − 0.095, −2 + 0.19] = [0.905, −1.81]
        expectClose(after[0], Matrix(row: [0.905, -1.81]), tolerance: Tolerance.exactArithmetic)
        // Step 2: v_prev = [−0.05, 0.1], v = [−0.02, −0.11]
        //         θ = [0.905, −1.81] − 0.9·[−0.05, 0.1] + 1.9·[−0.02, −0.11]
        //           = [0.905 + 0.045 − 0.038, −1.81 − 0.09 − 0.209] = [0.912, −2.109]
        expectClose(after[1], Matrix(row: [0.912, -2.109]), tolerance: Tolerance.exactArithmetic)
        // Cross-check with θ + μv − ηg: [0.905 − 0.018 + 0.025, −1.81 − 0.099 − 0.2] = [0.912, −2.109] ✓
    }

    @Test("Eq. 5.12 — two Adagrad steps equal the hand-computed values")
    func adagrad() {
        // ε = 1 makes its place visible: √G + ε = 4 where √(G + ε) would be √10.
        var optimizer = Adagrad(learningRate: 0.1, epsilon: 1)
        let after = Self.run(&optimizer, gradients: [[3, -4], [4, 3]])
        // Step 1: G = [9, 16], √G + ε = [4, 5]
        //         θ = [1 − 0.1·3/4, −2 − 0.1·(−4)/5] = [0.925, −1.92]
        expectClose(after[0], Matrix(row: [0.925, -1.92]), tolerance: Tolerance.exactArithmetic)
        // Step 2: G = [9 + 16, 16 + 9] = [25, 25], √G + ε = [6, 6]
        //         θ = [0.925 − 0.1·4/6, −1.92 − 0.1·3/6] = [0.925 − 0.0666…, −1.97]
        expectClose(after[1], Matrix(row: [0.925 - 0.4 / 6, -1.97]), tolerance: Tolerance.exactArithmetic)
        expectClose(optimizer.squaredGradientSum[0], Matrix(row: [25, 25]), tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.13 — two RMSprop steps equal the hand-computed values")
    func rmsprop() {
        // ρ = 0.75 (not 0.5) so that swapping ρ and 1 − ρ would change the result.
        var optimizer = RMSprop(learningRate: 0.1, decay: 0.75, epsilon: 1)
        let after = Self.run(&optimizer, gradients: [[2, -4], [-1, 2]])
        // Step 1: E = 0.75·0 + 0.25·[4, 16] = [1, 4], √E + ε = [2, 3]
        //         θ = [1 − 0.1·2/2, −2 − 0.1·(−4)/3] = [0.9, −2 + 0.4/3]
        expectClose(after[0], Matrix(row: [0.9, -2 + 0.4 / 3]), tolerance: Tolerance.exactArithmetic)
        // Step 2: E = 0.75·[1, 4] + 0.25·[1, 4] = [1, 4], √E + ε = [2, 3]
        //         θ = [0.9 − 0.1·(−1)/2, −2 + 0.4/3 − 0.1·2/3] = [0.95, −2 + 0.2/3]
        expectClose(after[1], Matrix(row: [0.95, -2 + 0.2 / 3]), tolerance: Tolerance.exactArithmetic)
        expectClose(optimizer.squaredGradientAverage[0], Matrix(row: [1, 4]), tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.14 — two Adam steps equal the hand-computed values")
    func adam() {
        var optimizer = Adam(learningRate: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 1)
        let after = Self.run(&optimizer, gradients: [[2, -4], [-2, 4]])
        // Step 1 (t = 1): m = 0.5·[2, −4] = [1, −2];  v = 0.25·[4, 16] = [1, 4]
        //   m̂ = m / (1 − 0.5) = [2, −4];  v̂ = v / (1 − 0.75) = [4, 16];  √v̂ + ε = [3, 5]
        //   θ = [1 − 0.1·2/3, −2 − 0.1·(−4)/5] = [1 − 0.2/3, −1.92]
        expectClose(after[0], Matrix(row: [1 - 0.2 / 3, -1.92]), tolerance: Tolerance.exactArithmetic)
        // Step 2 (t = 2): m = 0.5·[1, −2] + 0.5·[−2, 4] = [−0.5, 1]
        //   v = 0.75·[1, 4] + 0.25·[4, 16] = [1.75, 7]
        //   m̂ = m / (1 − 0.25) = [−2/3, 4/3];  v̂ = v / (1 − 0.5625) = [1.75, 7] / 0.4375 = [4, 16]
        //   √v̂ + ε = [3, 5];  θ = [1 − 0.2/3 − 0.1·(−2/3)/3, −1.92 − 0.1·(4/3)/5]
        //                       = [1 − 0.2/3 + 0.2/9, −1.92 − 0.4/15]
        expectClose(
            after[1], Matrix(row: [1 - 0.2 / 3 + 0.2 / 9, -1.92 - 0.4 / 15]), tolerance: Tolerance.exactArithmetic)
        #expect(optimizer.timestep == 2)
        expectClose(optimizer.firstMoment[0], Matrix(row: [-0.5, 1]), tolerance: Tolerance.exactArithmetic)
        expectClose(optimizer.secondMoment[0], Matrix(row: [1.75, 7]), tolerance: Tolerance.exactArithmetic)
    }
}

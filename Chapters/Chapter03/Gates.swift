// Section 3.8 of Chapter 03: the matrix-level gates many tutorials build a network from, in their
// examples-as-rows convention (X is N × features, one row per example). Each gate's forward and
// backward pass sit side by side; `GateNetwork` composes them into the [2, 3, 2] moons network.

import NeuralCore

/// Eq. 3.8 — the multiply gate Z = X·W, and its backward pass dX = dZ·Wᵀ, dW = Xᵀ·dZ.
enum MultiplyGate {
    static func forward(_ x: Matrix, _ w: Matrix) -> Matrix { Matrix.product(x, w) }

    /// Given dZ = ∂L/∂Z, the gradients with respect to both inputs of the product.
    static func backward(_ x: Matrix, _ w: Matrix, upstream dZ: Matrix) -> (dX: Matrix, dW: Matrix) {
        (Matrix.product(dZ, w, transposeB: true), Matrix.product(x, dZ, transposeA: true))
    }
}

/// Eq. 3.9 — the add gate Z = X + 1bᵀ (the row b added to every row), and its backward pass
/// dX = dZ, db = 1ᵀ·dZ (the column sums of dZ: every example's row reached b).
enum AddGate {
    static func forward(_ x: Matrix, _ b: Matrix) -> Matrix { x.addingToEachRow(b) }

    static func backward(upstream dZ: Matrix) -> (dX: Matrix, db: Matrix) { (dZ, dZ.columnSums()) }
}

/// Eq. 3.10 — an element-wise activation gate A = f(Z), backward dZ = dA ⊙ f′(Z), written from
/// the output A as the tutorials do: tanh′ = 1 − A², σ′ = A(1 − A).
enum ActivationGate: String, CaseIterable, Sendable {
    case tanh, sigmoid

    var activation: Activation { self == .tanh ? .tanh : .sigmoid }

    func forward(_ z: Matrix) -> Matrix { z.map(activation.value) }

    func backward(output a: Matrix, upstream dA: Matrix) -> Matrix {
        switch self {
        case .tanh: dA ⊙ a.map { 1 - $0 * $0 }
        case .sigmoid: dA ⊙ a.map { $0 * (1 - $0) }
        }
    }
}

/// Eq. 3.11 — the softmax output with the log-likelihood: probabilities row by row, the loss
/// L = −(1/N) Σᵢ ln Pᵢ,yᵢ, and its gradient dZ = (P − Y)/N (Y one-hot rows). The 1/N is the one
/// seed error X2 leaves out of the gradient while keeping it in the printed loss.
enum SoftmaxOutput {
    /// Row-wise softmax (the core's column softmax on the transpose).
    static func probabilities(_ z: Matrix) -> Matrix { Softmax.apply(z.transposed).transposed }

    static func loss(_ z: Matrix, labels: [Int]) -> Double {
        let logP = Softmax.logApply(z.transposed)
        var total = 0.0
        for (i, label) in labels.enumerated() { total -= logP[label, i] }
        return total / Double(labels.count)
    }

    static func backward(_ z: Matrix, labels: [Int]) -> Matrix {
        var d = probabilities(z)
        for (i, label) in labels.enumerated() { d[i, label] -= 1 }
        return d / Double(labels.count)
    }
}

/// A [n₀, n₁, …, n_L] network composed of gates, examples as rows: hidden layers
/// A = f(X·W + 1bᵀ), linear logits Z = A·W + 1bᵀ into `SoftmaxOutput` (seed error X1 put the
/// hidden activation on the logits too). `weights[l]` is n_in × n_out, the transpose of the
/// core's wˡ; `biases[l]` is a 1 × n_out row.
struct GateNetwork: Sendable {
    var weights: [Matrix]
    var biases: [Matrix]
    var hidden: ActivationGate

    init(weights: [Matrix], biases: [Matrix], hidden: ActivationGate) {
        precondition(weights.count == biases.count && !weights.isEmpty, "one bias row per weight matrix")
        self.weights = weights
        self.biases = biases
        self.hidden = hidden
    }

    /// The gate network holding a dense core network's weights, transposed (hidden activations
    /// tanh or sigmoid, softmax output).
    init(_ network: Network) {
        let layers = network.denseLayers
        precondition(layers.last?.activation == .softmax, "GateNetwork: the core network needs a softmax output")
        let first = layers.first!.activation
        precondition(layers.dropLast().allSatisfy { $0.activation == first }, "one hidden activation")
        self.init(
            weights: layers.map(\.weights.transposed), biases: layers.map(\.biases.transposed),
            hidden: first == .sigmoid ? .sigmoid : .tanh)
    }

    /// The same weights as a core `Network` (examples as columns): wˡ = Wᵀ, bˡ = bᵀ.
    var network: Network {
        Network(
            layers: weights.indices.map { l in
                DenseLayer(
                    weights: weights[l].transposed, biases: biases[l].transposed,
                    activation: l == weights.count - 1 ? .softmax : hidden.activation)
            })
    }

    /// The recipe's initialization: W ~ N(0, 1)/√n_in, b = 0 (draws the weights in order).
    static func initial(sizes: [Int], hidden: ActivationGate, using generator: inout SeededGenerator) -> GateNetwork {
        let weights = (1..<sizes.count).map { l in
            Matrix.gaussian(
                sizes[l - 1], sizes[l], standardDeviation: 1 / Double(sizes[l - 1]).squareRoot(), using: &generator)
        }
        let biases = (1..<sizes.count).map { Matrix(rows: 1, columns: sizes[$0]) }
        return GateNetwork(weights: weights, biases: biases, hidden: hidden)
    }

    /// The forward pass, keeping every gate's output: inputs[l] is the input of layer l (X for
    /// l = 0), and the last entry of `outputs` is the logits.
    func forward(_ x: Matrix) -> (inputs: [Matrix], outputs: [Matrix]) {
        var inputs: [Matrix] = []
        var outputs: [Matrix] = []
        var a = x
        for l in weights.indices {
            inputs.append(a)
            let z = AddGate.forward(MultiplyGate.forward(a, weights[l]), biases[l])
            a = l == weights.count - 1 ? z : hidden.forward(z)
            outputs.append(a)
        }
        return (inputs, outputs)
    }

    func logits(_ x: Matrix) -> Matrix { forward(x).outputs.last! }

    func predictions(_ x: Matrix) -> [Int] {
        let z = logits(x)
        return (0..<z.rows).map { i in (0..<z.columns).max { z[i, $0] < z[i, $1] }! }
    }

    /// Eq. 3.13 — L = −(1/N) Σ ln p_y + (λ/2N) Σ_l ‖W_l‖² (the biases are not penalized).
    func loss(_ x: Matrix, labels: [Int], lambda: Double = 0) -> Double {
        let squares = weights.reduce(0) { $0 + $1.dot($1) }
        return SoftmaxOutput.loss(logits(x), labels: labels) + lambda / (2 * Double(labels.count)) * squares
    }

    /// The gradient of `loss` by the gates' backward passes, top to bottom:
    /// dW_l = A_{l−1}ᵀ·dZ_l + (λ/N) W_l, db_l = 1ᵀ·dZ_l — BP4 and BP3 transposed (Eq. 3.12).
    func gradients(_ x: Matrix, labels: [Int], lambda: Double = 0) -> (dW: [Matrix], db: [Matrix], loss: Double) {
        let (inputs, outputs) = forward(x)
        let n = Double(labels.count)
        var dW = weights
        var db = biases
        var dZ = SoftmaxOutput.backward(outputs.last!, labels: labels)
        for l in weights.indices.reversed() {
            let (dA, dB) = AddGate.backward(upstream: dZ)
            db[l] = dB
            let (dX, dWl) = MultiplyGate.backward(inputs[l], weights[l], upstream: dA)
            dW[l] = dWl + (lambda / n) * weights[l]
            if l > 0 { dZ = hidden.backward(output: inputs[l], upstream: dX) }
        }
        let squares = weights.reduce(0) { $0 + $1.dot($1) }
        let loss = SoftmaxOutput.loss(outputs.last!, labels: labels) + lambda / (2 * n) * squares
        return (dW, db, loss)
    }
}

/// Section 3.8's run of the tutorial's recipe (Britz, WildML 2015) on the gate network.
enum GateRecipe {
    static let count = 200
    static let noise = 0.2
    static let hidden = 3
    static let passes = 20_000
    static let quickPasses = 400
    static let epsilon = 0.01
    static let lambda = 0.01
    static let reportEvery = 1_000
    static let quickReportEvery = 50

    /// How a pass steps: along the gradient of the printed loss (Eq. 3.13), or the tutorial's
    /// undivided diff, which is N times that gradient (Eq. 3.14).
    enum StepRule: String, Sendable {
        case meanGradient, tutorial

        func scale(examples n: Int) -> Double { self == .tutorial ? Double(n) : 1 }
    }

    /// Full-batch gradient descent for `passes` passes, W ← W − ε·s·∂L/∂W, b ← b − ε·s·∂L/∂b with
    /// s = 1 or N. Returns the loss (Eq. 3.13, penalty included) before pass 1 and after every
    /// `every`-th pass, as (pass, loss).
    static func train(
        _ network: inout GateNetwork, x: Matrix, labels: [Int], passes: Int, epsilon: Double, lambda: Double,
        rule: StepRule, every: Int
    ) -> [(pass: Int, loss: Double)] {
        let step = epsilon * rule.scale(examples: labels.count)
        var losses: [(pass: Int, loss: Double)] = [(0, network.loss(x, labels: labels, lambda: lambda))]
        for pass in 1...max(passes, 1) {
            let g = network.gradients(x, labels: labels, lambda: lambda)
            for l in network.weights.indices {
                network.weights[l].addScaled(g.dW[l], by: -step)
                network.biases[l].addScaled(g.db[l], by: -step)
            }
            if pass % every == 0 || pass == passes {
                losses.append((pass, network.loss(x, labels: labels, lambda: lambda)))
            }
        }
        return losses
    }

    /// The moons data as the rows X (N × 2) and labels.
    static func rows(_ points: PointDataset) -> (x: Matrix, labels: [Int]) {
        (points.inputs.transposed, points.labels)
    }

    static func accuracy(_ network: GateNetwork, x: Matrix, labels: [Int]) -> Double {
        let predicted = network.predictions(x)
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }
}

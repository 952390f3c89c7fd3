// One sigmoid neuron with one input, trained on a single example under either cost: the
// smallest setting in which the learning slowdown of the quadratic cost, and its cure by the
// cross-entropy, can be seen and checked exactly.

import NeuralCore

/// The two costs compared in the slowdown experiment.
enum NeuronCost: String, CaseIterable, Sendable {
    case quadratic
    case crossEntropy

    var name: String { self == .quadratic ? "quadratic" : "cross-entropy" }

    /// The core's implementation of this cost (summed over outputs; one example here).
    var core: any Cost { self == .quadratic ? QuadraticCost() : CrossEntropyCost() }
}

/// A sigmoid neuron a = σ(wx + b) with one weight and one bias.
struct OneNeuron: Equatable, Sendable {
    var w: Double
    var b: Double

    func weightedInput(_ x: Double) -> Double { w * x + b }

    func output(_ x: Double) -> Double { Activation.sigmoid.value(weightedInput(x)) }

    /// The cost of one example: ½(a − y)², or Eq. 4.2 with n = 1, −[y ln a + (1 − y) ln(1 − a)].
    /// Both come from the core's cost types, evaluated on 1 × 1 matrices.
    func cost(_ kind: NeuronCost, x: Double, y: Double) -> Double {
        let z = weightedInput(x)
        return kind.core.cost(
            z: Matrix(row: [z]), output: Matrix(row: [Activation.sigmoid.value(z)]), target: Matrix(row: [y]),
            activation: .sigmoid)
    }

    /// Eq. 4.1 — quadratic cost: ∂C/∂w = (a − y)σ′(z)x, ∂C/∂b = (a − y)σ′(z).
    /// Eq. 4.3 — cross-entropy: ∂C/∂w = x(a − y), ∂C/∂b = a − y (σ′ has cancelled).
    func gradient(_ kind: NeuronCost, x: Double, y: Double) -> (w: Double, b: Double) {
        let z = weightedInput(x)
        let a = Activation.sigmoid.value(z)
        switch kind {
        case .quadratic:
            let delta = (a - y) * Activation.sigmoid.derivative(z)
            return (delta * x, delta)
        case .crossEntropy:
            return ((a - y) * x, a - y)
        }
    }

    /// The same gradient from the tape: the cost is built from elementary operations on `Value`s
    /// and differentiated by reverse mode, with no formula for ∂C/∂w written anywhere.
    func tapeGradient(_ kind: NeuronCost, x: Double, y: Double) -> (cost: Double, w: Double, b: Double) {
        let wValue = Value(w, label: "w")
        let bValue = Value(b, label: "b")
        let a = (wValue * x + bValue).sigmoid()
        let cost: Value
        switch kind {
        case .quadratic: cost = 0.5 * (a - y).power(2)
        case .crossEntropy: cost = -(y * a.log() + (1 - y) * (1 - a).log())
        }
        cost.backward()
        return (cost.data, wValue.grad, bValue.grad)
    }

    /// Central differences of `cost` in w and b.
    func numericGradient(_ kind: NeuronCost, x: Double, y: Double) -> (w: Double, b: Double) {
        let g = GradientCheck.numericGradient(
            of: { p in OneNeuron(w: p[0], b: p[1]).cost(kind, x: x, y: y) }, at: [w, b])
        return (g[0], g[1])
    }

    /// Gradient descent w ← w − η ∂C/∂w, b ← b − η ∂C/∂b on the one example, for `epochs`
    /// steps (one step per epoch, as the training set has one example). Returns every state,
    /// the start included.
    func descend(_ kind: NeuronCost, x: Double, y: Double, eta: Double, epochs: Int) -> [OneNeuron] {
        var states = [self]
        var neuron = self
        for _ in 0..<epochs {
            let g = neuron.gradient(kind, x: x, y: y)
            neuron.w -= eta * g.w
            neuron.b -= eta * g.b
            states.append(neuron)
        }
        return states
    }
}

/// The slowdown experiment's setting (after Nielsen, ch. 3): input 1, desired output 0, η = 0.15.
enum SlowdownSetting {
    static let x = 1.0
    static let y = 0.0
    static let eta = 0.15
    static let epochs = 300
    /// The first epochs over which the two costs' falls are compared (and marked in the figure).
    static let comparedEpochs = 30
    /// A neuron that starts moderately wrong and one that starts badly wrong (saturated).
    static let starts: [OneNeuron] = [OneNeuron(w: 0.6, b: 0.9), OneNeuron(w: 2.0, b: 2.0)]
}

// Costs of a network's output, each paired with its output error δᴸ = ∂C/∂zᴸ: the starting
// point of backpropagation. Every cost here is summed over the columns (examples) it is given;
// averaging over a mini-batch or a data set is the caller's choice, stated where it is made.

import Foundation

/// A cost C(aᴸ, y) with its output error.
///
/// The reported cost and the output error are always of the same function: `cost` is told the
/// output activation f as well, so it computes the C whose gradient `outputError` returns (in the
/// stable form f allows). Where a pairing makes no sense (the logarithm of an output that can be
/// ≤ 0), `refusal(outputActivation:)` says so and the network refuses to train with it.
public protocol Cost: Sendable {
    /// A short name for narratives and results files.
    var name: String { get }

    /// C summed over the columns, for outputs a = f(z) of the output activation f. `z` is the output
    /// layer's weighted input (used for numerically stable forms), `a` its activation, `y` the
    /// targets.
    func cost(z: Matrix, output a: Matrix, target y: Matrix, activation f: Activation) -> Double

    /// ∇ₐC, column by column.
    func gradient(output a: Matrix, target y: Matrix) -> Matrix

    /// δᴸ = ∂C/∂zᴸ for an output layer with this activation (BP1, Eq. 3.3).
    func outputError(z: Matrix, output a: Matrix, target y: Matrix, activation: Activation) -> Matrix

    /// Why this cost cannot follow outputs of `activation`, in one line, or nil when it can.
    func refusal(outputActivation activation: Activation) -> String?
}

extension Cost {
    /// BP1 in general form: δᴸ = ∇ₐC ⊙ f′(zᴸ) (or the softmax Jacobian applied to ∇ₐC).
    public func outputError(z: Matrix, output a: Matrix, target y: Matrix, activation: Activation) -> Matrix {
        activation.backward(z: z, a: a, upstream: gradient(output: a, target: y))
    }

    /// Every activation, by default.
    public func refusal(outputActivation activation: Activation) -> String? { nil }
}

/// The quadratic cost C = ½‖y − a‖² per example (Eq. 3.2, as in Eq. 2.8).
public struct QuadraticCost: Cost {
    public init() {}
    public var name: String { "quadratic" }

    /// ½‖y − a‖², whatever the activation.
    public func cost(z: Matrix, output a: Matrix, target y: Matrix, activation f: Activation) -> Double {
        let difference = y - a
        return 0.5 * difference.dot(difference)
    }

    /// ∇ₐC = a − y.
    public func gradient(output a: Matrix, target y: Matrix) -> Matrix { a - y }

    /// The step function has no useful derivative (σ′ = 0 almost everywhere).
    public func refusal(outputActivation activation: Activation) -> String? {
        activation == .step ? "the step function has derivative 0, so no gradient reaches the weights" : nil
    }
}

/// The cross-entropy cost of outputs in (0, 1) (Eq. 4.2): C = −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)].
public struct CrossEntropyCost: Cost {
    public init() {}
    public var name: String { "cross-entropy" }

    /// For sigmoid outputs computed from z, as y·softplus(−z) + (1 − y)·softplus(z), which is the
    /// same number without ever taking ln 0. For softmax outputs, ln a from log-softmax of z and
    /// ln(1 − a) as log1p(−a).
    public func cost(z: Matrix, output a: Matrix, target y: Matrix, activation f: Activation) -> Double {
        var total = 0.0
        switch f {
        case .sigmoid:
            for index in y.elements.indices {
                let target = y.elements[index]
                let zi = z.elements[index]
                total += target * softplus(-zi) + (1 - target) * softplus(zi)
            }
        default:
            precondition(refusal(outputActivation: f) == nil, "cross-entropy: \(refusal(outputActivation: f)!)")
            let logA = Softmax.logApply(z)
            for index in y.elements.indices {
                let target = y.elements[index]
                let ln1MinusA = log1p(-a.elements[index])
                total -=
                    (target == 0 ? 0 : target * logA.elements[index]) + (target == 1 ? 0 : (1 - target) * ln1MinusA)
            }
        }
        return total
    }

    /// ∇ₐC = (a − y) / (a(1 − a)).
    public func gradient(output a: Matrix, target y: Matrix) -> Matrix {
        a.zipWith(y) { ai, yi in (ai - yi) / max(ai * (1 - ai), 1e-300) }
    }

    /// Eq. 4.6 — with sigmoid outputs σ′ cancels the denominator of ∇ₐC: δᴸ = aᴸ − y exactly.
    public func outputError(z: Matrix, output a: Matrix, target y: Matrix, activation: Activation) -> Matrix {
        activation == .sigmoid ? a - y : activation.backward(z: z, a: a, upstream: gradient(output: a, target: y))
    }

    /// ln a and ln(1 − a) need 0 < a < 1: sigmoid or softmax outputs.
    public func refusal(outputActivation activation: Activation) -> String? {
        activation == .sigmoid || activation == .softmax
            ? nil
            : "cross-entropy takes ln a and ln(1 − a), so it needs outputs in (0, 1) (sigmoid or softmax), not \(activation)"
    }
}

/// The log-likelihood cost (Eq. 4.5): C = −ln a_y for the correct class y, written for one-hot
/// targets as −Σⱼ yⱼ ln aⱼ. Made for softmax outputs; with sigmoid outputs it is −Σⱼ yⱼ ln σ(zⱼ).
public struct LogLikelihoodCost: Cost {
    public init() {}
    public var name: String { "softmax log-likelihood" }

    /// Computed from z: with log-softmax (log-sum-exp) for softmax outputs, so it is finite even for
    /// logits of ±1000; as Σⱼ yⱼ softplus(−zⱼ) = −Σⱼ yⱼ ln σ(zⱼ) for sigmoid outputs.
    public func cost(z: Matrix, output a: Matrix, target y: Matrix, activation f: Activation) -> Double {
        switch f {
        case .softmax:
            let logA = Softmax.logApply(z)
            return -y.dot(logA)
        default:
            precondition(refusal(outputActivation: f) == nil, "log-likelihood: \(refusal(outputActivation: f)!)")
            var total = 0.0
            for index in y.elements.indices where y.elements[index] != 0 {
                total += y.elements[index] * softplus(-z.elements[index])
            }
            return total
        }
    }

    /// ∇ₐC = −y / a.
    public func gradient(output a: Matrix, target y: Matrix) -> Matrix {
        y.zipWith(a) { yi, ai in yi == 0 ? 0 : -yi / ai }
    }

    /// Eq. 4.6 — with softmax outputs, δᴸ = aᴸ − y exactly. With sigmoid outputs, δᴸ = −y ⊙ (1 − a).
    public func outputError(z: Matrix, output a: Matrix, target y: Matrix, activation: Activation) -> Matrix {
        activation == .softmax ? a - y : activation.backward(z: z, a: a, upstream: gradient(output: a, target: y))
    }

    /// ln a needs a > 0: softmax or sigmoid outputs.
    public func refusal(outputActivation activation: Activation) -> String? {
        activation == .softmax || activation == .sigmoid
            ? nil
            : "the log-likelihood takes ln a, so it needs outputs in (0, 1) (softmax or sigmoid), not \(activation)"
    }
}

/// softplus(x) = ln(1 + eˣ), computed as max(x, 0) + ln(1 + e^{−|x|}) so it never overflows.
@inline(__always)
func softplus(_ x: Double) -> Double {
    max(x, 0) + log1p(exp(-abs(x)))
}

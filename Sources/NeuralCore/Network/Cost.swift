// Costs of a network's output, each paired with its output error δᴸ = ∂C/∂zᴸ: the starting
// point of backpropagation. Every cost here is summed over the columns (examples) it is given;
// averaging over a mini-batch or a data set is the caller's choice, stated where it is made.

import Foundation

/// A cost C(aᴸ, y) with its output error.
public protocol Cost: Sendable {
    /// A short name for narratives and results files.
    var name: String { get }

    /// C summed over the columns. `z` is the output layer's weighted input (used for numerically
    /// stable forms), `a` its activation, `y` the targets.
    func cost(z: Matrix, output a: Matrix, target y: Matrix) -> Double

    /// ∇ₐC, column by column.
    func gradient(output a: Matrix, target y: Matrix) -> Matrix

    /// δᴸ = ∂C/∂zᴸ for an output layer with this activation (BP1, Eq. 3.3).
    func outputError(z: Matrix, output a: Matrix, target y: Matrix, activation: Activation) -> Matrix
}

extension Cost {
    /// BP1 in general form: δᴸ = ∇ₐC ⊙ f′(zᴸ) (or the softmax Jacobian applied to ∇ₐC).
    public func outputError(z: Matrix, output a: Matrix, target y: Matrix, activation: Activation) -> Matrix {
        activation.backward(z: z, a: a, upstream: gradient(output: a, target: y))
    }
}

/// The quadratic cost C = ½‖y − a‖² per example (Eq. 3.2, as in Eq. 2.8).
public struct QuadraticCost: Cost {
    public init() {}
    public var name: String { "quadratic" }

    public func cost(z: Matrix, output a: Matrix, target y: Matrix) -> Double {
        let difference = y - a
        return 0.5 * difference.dot(difference)
    }

    /// ∇ₐC = a − y.
    public func gradient(output a: Matrix, target y: Matrix) -> Matrix { a - y }
}

/// The cross-entropy cost of sigmoid outputs (Eq. 4.1): C = −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)].
public struct CrossEntropyCost: Cost {
    public init() {}
    public var name: String { "cross-entropy" }

    /// Computed from z for sigmoid outputs, as y·softplus(−z) + (1 − y)·softplus(z), which is the
    /// same number without ever taking ln 0; for other activations, from a with a clamped to (0, 1).
    public func cost(z: Matrix, output a: Matrix, target y: Matrix) -> Double {
        var total = 0.0
        for index in y.elements.indices {
            let target = y.elements[index]
            let zi = z.elements[index]
            total += target * softplus(-zi) + (1 - target) * softplus(zi)
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
}

/// The log-likelihood cost of softmax outputs (Eq. 4.5): C = −ln a_y for the correct class y,
/// written for one-hot targets as −Σⱼ yⱼ ln aⱼ.
public struct LogLikelihoodCost: Cost {
    public init() {}
    public var name: String { "softmax log-likelihood" }

    /// Computed from z with log-softmax (log-sum-exp), so it is finite even for logits of ±1000.
    public func cost(z: Matrix, output a: Matrix, target y: Matrix) -> Double {
        let logA = Softmax.logApply(z)
        return -y.dot(logA)
    }

    /// ∇ₐC = −y / a.
    public func gradient(output a: Matrix, target y: Matrix) -> Matrix {
        y.zipWith(a) { yi, ai in yi == 0 ? 0 : -yi / ai }
    }

    /// Eq. 4.6 — with softmax outputs, δᴸ = aᴸ − y exactly.
    public func outputError(z: Matrix, output a: Matrix, target y: Matrix, activation: Activation) -> Matrix {
        activation == .softmax ? a - y : activation.backward(z: z, a: a, upstream: gradient(output: a, target: y))
    }
}

/// softplus(x) = ln(1 + eˣ), computed as max(x, 0) + ln(1 + e^{−|x|}) so it never overflows.
@inline(__always)
func softplus(_ x: Double) -> Double {
    max(x, 0) + log1p(exp(-abs(x)))
}

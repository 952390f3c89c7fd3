// Activation functions with their derivatives, in the notation of the notes:
// a = σ(z) applied entry-wise, and σ′(z) for the backward pass.

import Foundation

/// An activation function a = f(z) and its derivative f′(z).
public enum Activation: Sendable, Equatable, CustomStringConvertible {
    /// Step (Eq. 1.1): 1 if z > 0, else 0. Its derivative is 0 wherever it exists.
    case step
    /// Sigmoid (Eq. 2.1): σ(z) = 1 / (1 + e⁻ᶻ).
    case sigmoid
    /// Hyperbolic tangent (Eq. 2.2): tanh z = 2σ(2z) − 1.
    case tanh
    /// ReLU (Eq. 2.3): max(0, z).
    case relu
    /// Leaky ReLU (Eq. 2.4): z for z > 0, slope·z otherwise.
    case leakyReLU(slope: Double)
    /// Identity: a = z (linear output units).
    case identity
    /// Softmax over each column (Eq. 4.4): aⱼ = e^{zⱼ} / Σₖ e^{zₖ}. Not element-wise: it acts on
    /// whole columns, so only the matrix forms `value(_:)` and `backward(z:a:upstream:)` apply.
    case softmax

    public var description: String {
        switch self {
        case .step: "step"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "ReLU"
        case .leakyReLU(let slope): "leaky ReLU (\(slope))"
        case .identity: "identity"
        case .softmax: "softmax"
        }
    }

    /// f(z).
    public func value(_ z: Double) -> Double {
        switch self {
        case .step: return z > 0 ? 1 : 0
        case .sigmoid:
            // Two branches keep e^(−z) from overflowing for large negative z.
            if z >= 0 { return 1 / (1 + Foundation.exp(-z)) }
            let e = Foundation.exp(z)
            return e / (1 + e)
        case .tanh: return Foundation.tanh(z)
        case .relu: return max(0, z)
        case .leakyReLU(let slope): return z > 0 ? z : slope * z
        case .identity: return z
        case .softmax: preconditionFailure("softmax acts on whole columns; use value(_ z: Matrix)")
        }
    }

    /// f′(z). Sigmoid: σ′ = σ(1 − σ) (Eq. 2.5); tanh: 1 − tanh² z; ReLU: 1 for z > 0, else 0
    /// (at the kink z = 0 we take the left-hand value 0, as most libraries do).
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .step: return 0
        case .sigmoid:
            let s = value(z)
            return s * (1 - s)
        case .tanh:
            let t = Foundation.tanh(z)
            return 1 - t * t
        case .relu: return z > 0 ? 1 : 0
        case .leakyReLU(let slope): return z > 0 ? 1 : slope
        case .identity: return 1
        case .softmax: preconditionFailure("softmax has a Jacobian, not a derivative; use backward(z:a:upstream:)")
        }
    }

    /// f applied to every entry of z (softmax: to every column).
    public func value(_ z: Matrix) -> Matrix {
        self == .softmax ? Softmax.apply(z) : z.map(value)
    }

    /// f′ applied to every entry of z (element-wise activations only).
    public func derivative(_ z: Matrix) -> Matrix { z.map(derivative) }

    /// The backward pass through the activation: given g = ∂C/∂a, returns ∂C/∂z.
    ///
    /// Element-wise: ∂C/∂z = g ⊙ f′(z) (the ⊙ σ′(z) of BP1 and BP2, Eq. 3.3–3.4).
    /// Softmax: ∂C/∂zⱼ = aⱼ (gⱼ − Σₖ aₖ gₖ), the Jacobian (diag a − a aᵀ) applied to g, per column.
    public func backward(z: Matrix, a: Matrix, upstream g: Matrix) -> Matrix {
        switch self {
        case .softmax:
            var result = g
            for column in 0..<a.columns {
                var weighted = 0.0
                for row in 0..<a.rows { weighted += a[row, column] * g[row, column] }
                for row in 0..<a.rows { result[row, column] = a[row, column] * (g[row, column] - weighted) }
            }
            return result
        case .identity:
            return g
        case .sigmoid:
            // σ′ = a(1 − a) from the stored activation, without recomputing exponentials.
            var result = g
            result.elements.withUnsafeMutableBufferPointer { r in
                a.elements.withUnsafeBufferPointer { aa in
                    for i in 0..<r.count { r[i] *= aa[i] * (1 - aa[i]) }
                }
            }
            return result
        default:
            return g ⊙ derivative(z)
        }
    }
}

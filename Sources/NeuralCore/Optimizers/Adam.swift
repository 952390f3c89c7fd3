// Adam: momentum on the gradient (first moment) and RMSprop on its square (second moment),
// both corrected for starting at zero.

import Foundation

/// Adam (Kingma & Ba 2015), Eq. 5.14, entry-wise, at step t = 1, 2, …:
///
///     m ← β₁m + (1 − β₁)g
///     v ← β₂v + (1 − β₂)g²
///     m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
///     θ ← θ − η m̂ / (√v̂ + ε)
///
/// The bias corrections undo the pull towards the zero starting values: on the first step
/// m̂ = g and v̂ = g², so every coordinate moves by η (up to ε) whatever the gradient's scale.
/// ε is added after the bias correction, outside the square root, exactly as written above.
public struct Adam: Optimizer, Sendable {
    /// The learning rate η.
    public var learningRate: Double
    /// β₁ in [0, 1): decay of the first-moment (mean gradient) average m.
    public let beta1: Double
    /// β₂ in [0, 1): decay of the second-moment (mean squared gradient) average v.
    public let beta2: Double
    /// ε, added to √v̂.
    public let epsilon: Double
    /// The first-moment estimate m of each parameter (empty until the first step).
    public private(set) var firstMoment: [Matrix] = []
    /// The second-moment estimate v of each parameter (empty until the first step).
    public private(set) var secondMoment: [Matrix] = []
    /// t, the number of steps taken (the exponent of the bias corrections).
    public private(set) var timestep = 0

    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        precondition(beta1 >= 0 && beta1 < 1, "Adam: β₁ must be in [0, 1), got \(beta1)")
        precondition(beta2 >= 0 && beta2 < 1, "Adam: β₂ must be in [0, 1), got \(beta2)")
        precondition(epsilon >= 0, "Adam: ε must be non-negative, got \(epsilon)")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        ParameterShapes.requireMatching(parameters, gradients, in: "Adam")
        ParameterShapes.prepare(&firstMoment, for: parameters, named: "m", in: "Adam")
        ParameterShapes.prepare(&secondMoment, for: parameters, named: "v", in: "Adam")
        timestep += 1
        let eta = learningRate
        let beta1 = beta1
        let beta2 = beta2
        let epsilon = epsilon
        // m̂/(√v̂ + ε) = (m / c₁) / (√v / √c₂ + ε) with cᵢ = 1 − βᵢᵗ: the corrections are folded
        // into two per-step constants, so the loop has one square root and one division.
        let stepSize = eta / (1 - pow(beta1, Double(timestep)))
        let rootScale = 1 / (1 - pow(beta2, Double(timestep))).squareRoot()
        for index in parameters.indices {
            gradients[index].elements.withUnsafeBufferPointer { g in
                firstMoment[index].elements.withUnsafeMutableBufferPointer { m in
                    secondMoment[index].elements.withUnsafeMutableBufferPointer { v in
                        parameters[index].elements.withUnsafeMutableBufferPointer { theta in
                            for k in 0..<theta.count {
                                m[k] = beta1 * m[k] + (1 - beta1) * g[k]
                                v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k]
                                theta[k] -= stepSize * m[k] / (v[k].squareRoot() * rootScale + epsilon)
                            }
                        }
                    }
                }
            }
        }
    }
}

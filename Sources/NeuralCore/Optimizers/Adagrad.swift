// Adagrad: a learning rate per parameter, shrinking with the total squared gradient seen so far,
// so rarely-updated parameters keep large steps and frequently-updated ones slow down.

/// Adagrad (Duchi, Hazan & Singer 2011), Eq. 5.12, entry-wise:
///
///     G ← G + g²
///     θ ← θ − η g / (√G + ε)
///
/// G only grows, so the effective rate η / (√G + ε) only falls; ε keeps the first division finite
/// when a gradient entry is zero.
public struct Adagrad: Optimizer, Sendable {
    /// The learning rate η.
    public var learningRate: Double
    /// ε, added to √G (not inside the square root).
    public var epsilon: Double
    /// The sum of squared gradients G of each parameter (empty until the first step).
    public private(set) var squaredGradientSum: [Matrix] = []

    public init(learningRate: Double, epsilon: Double = 1e-8) {
        precondition(epsilon >= 0, "Adagrad: ε must be non-negative, got \(epsilon)")
        self.learningRate = learningRate
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        ParameterShapes.requireMatching(parameters, gradients, in: "Adagrad")
        ParameterShapes.prepare(&squaredGradientSum, for: parameters, named: "G", in: "Adagrad")
        let eta = learningRate
        let epsilon = epsilon
        ParameterShapes.updateEntries(&parameters, state: &squaredGradientSum, gradients: gradients) { theta, sum, g in
            sum += g * g
            theta -= eta * g / (sum.squareRoot() + epsilon)
        }
    }
}

// Gradient descent with momentum: a velocity that accumulates past gradients, so steps grow
// along directions where the gradient keeps its sign and cancel where it oscillates.

/// Classical momentum (Polyak's heavy ball), Eq. 5.10:
///
///     v ← μv − η∇C
///     θ ← θ + v
///
/// One velocity matrix per parameter, zero before the first step. With μ = 0 this is plain SGD;
/// with a constant gradient the step approaches η∇C / (1 − μ), ten times SGD's for μ = 0.9.
public struct Momentum: Optimizer, Sendable {
    /// The learning rate η.
    public var learningRate: Double
    /// The momentum coefficient μ in [0, 1): how much of the previous velocity is kept.
    public var momentum: Double
    /// The velocity v of each parameter (empty until the first step).
    public private(set) var velocity: [Matrix] = []

    public init(learningRate: Double, momentum: Double = 0.9) {
        precondition(momentum >= 0 && momentum < 1, "Momentum: μ must be in [0, 1), got \(momentum)")
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        ParameterShapes.requireMatching(parameters, gradients, in: "Momentum")
        ParameterShapes.prepare(&velocity, for: parameters, named: "velocity", in: "Momentum")
        let eta = learningRate
        let mu = momentum
        ParameterShapes.updateEntries(&parameters, state: &velocity, gradients: gradients) { theta, v, g in
            v = mu * v - eta * g
            theta += v
        }
    }
}

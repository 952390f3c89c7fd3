// Nesterov's accelerated gradient: momentum that corrects its course by looking where the
// velocity is about to carry the parameters.

/// Nesterov momentum, Eq. 5.11, in the rewritten form of Sutskever et al. (2013) and Bengio et al.
/// (2013), where the gradient g = ∇C is evaluated at the current parameters θ (no look-ahead
/// evaluation is needed):
///
///     v ← μv − ηg
///     θ ← θ − μv_prev + (1 + μ)v
///
/// where v_prev is the velocity before the update. Equivalently θ ← θ + μv − ηg with the new v:
/// the step is the new velocity carried one more time by μ, plus the plain gradient step.
/// The tracked θ is the look-ahead point of the original formulation.
public struct Nesterov: Optimizer, Sendable {
    /// The learning rate η.
    public var learningRate: Double
    /// The momentum coefficient μ in [0, 1).
    public var momentum: Double
    /// The velocity v of each parameter (empty until the first step).
    public private(set) var velocity: [Matrix] = []

    public init(learningRate: Double, momentum: Double = 0.9) {
        precondition(momentum >= 0 && momentum < 1, "Nesterov: μ must be in [0, 1), got \(momentum)")
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        ParameterShapes.requireMatching(parameters, gradients, in: "Nesterov")
        ParameterShapes.prepare(&velocity, for: parameters, named: "velocity", in: "Nesterov")
        let eta = learningRate
        let mu = momentum
        ParameterShapes.updateEntries(&parameters, state: &velocity, gradients: gradients) { theta, v, g in
            let previous = v
            v = mu * previous - eta * g
            theta += -mu * previous + (1 + mu) * v
        }
    }
}

// RMSprop: Adagrad with a memory that fades, so the effective learning rate can recover.

/// RMSprop (Hinton, Coursera lecture 6e, 2012), Eq. 5.13, entry-wise:
///
///     E ← ρE + (1 − ρ)g²
///     θ ← θ − η g / (√E + ε)
///
/// E is an exponentially weighted average of g² over roughly the last 1/(1 − ρ) steps, so the step
/// size is about η in every coordinate whatever the gradient's scale. E starts at zero and is not
/// bias-corrected (compare Adam), so the first steps are larger, by 1/√(1 − ρ) on the very first.
public struct RMSprop: Optimizer, Sendable {
    /// The learning rate η.
    public var learningRate: Double
    /// The decay rate ρ in [0, 1): how much of the running average is kept each step.
    public var decay: Double
    /// ε, added to √E (not inside the square root).
    public var epsilon: Double
    /// The running average E of squared gradients of each parameter (empty until the first step).
    public private(set) var squaredGradientAverage: [Matrix] = []

    public init(learningRate: Double, decay: Double = 0.9, epsilon: Double = 1e-8) {
        precondition(decay >= 0 && decay < 1, "RMSprop: ρ must be in [0, 1), got \(decay)")
        precondition(epsilon >= 0, "RMSprop: ε must be non-negative, got \(epsilon)")
        self.learningRate = learningRate
        self.decay = decay
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        ParameterShapes.requireMatching(parameters, gradients, in: "RMSprop")
        ParameterShapes.prepare(&squaredGradientAverage, for: parameters, named: "E", in: "RMSprop")
        let eta = learningRate
        let rho = decay
        let epsilon = epsilon
        ParameterShapes.updateEntries(&parameters, state: &squaredGradientAverage, gradients: gradients) {
            theta, average, g in
            average = rho * average + (1 - rho) * g * g
            theta -= eta * g / (average.squareRoot() + epsilon)
        }
    }
}

// The interface every optimizer implements: given the parameters of a model and the gradient of
// the cost with respect to each, take one step. Parameters and gradients are lists of matrices
// in a fixed order (for a network: w¹, b¹, w², b², …), so optimizers know nothing of layers.

/// An update rule for parameters θ given ∇θC.
///
/// Optimizers that keep state (velocities, squared-gradient averages) create it lazily on the
/// first `step`, matching the shapes of the parameters they are given.
public protocol Optimizer {
    /// The learning rate η (schedules change it between epochs).
    var learningRate: Double { get set }

    /// One update of every parameter in place, using gradients of the same shapes, in the same order.
    mutating func step(_ parameters: inout [Matrix], gradients: [Matrix])
}

/// Plain stochastic gradient descent: θ ← θ − η ∇θC (Eq. 2.10, applied to every parameter).
public struct SGD: Optimizer, Sendable {
    public var learningRate: Double

    public init(learningRate: Double) {
        self.learningRate = learningRate
    }

    public mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        ParameterShapes.requireMatching(parameters, gradients, in: "SGD")
        for index in parameters.indices {
            parameters[index].addScaled(gradients[index], by: -learningRate)
        }
    }
}

// Weight penalties added to a cost C₀ over n training examples. They act on every parameter a
// layer marks as penalized (`Layer.isPenalized`: weights and convolution kernels, not biases).

/// L2 or L1 regularization of the weights (not the biases), or none.
public enum Regularization: Sendable, Equatable, CustomStringConvertible {
    case none
    /// Eq. 5.1 — C = C₀ + (λ/2n) Σ w².
    case l2(lambda: Double)
    /// Eq. 5.3 — C = C₀ + (λ/n) Σ |w|.
    case l1(lambda: Double)

    public var description: String {
        switch self {
        case .none: "none"
        case .l2(let lambda): "L2 (λ = \(lambda))"
        case .l1(let lambda): "L1 (λ = \(lambda))"
        }
    }

    /// The penalty term for `network` with n training examples, over every penalized parameter.
    public func penalty(_ network: Network, trainingCount n: Int) -> Double {
        switch self {
        case .none:
            return 0
        case .l2(let lambda):
            let squares = network.penalizedParameters.reduce(0) { $0 + $1.dot($1) }
            return lambda / (2 * Double(n)) * squares
        case .l1(let lambda):
            let absolutes = network.penalizedParameters.reduce(0) { total, weights in
                total + weights.elements.reduce(0) { $0 + abs($1) }
            }
            return lambda / Double(n) * absolutes
        }
    }

    /// Adds the penalty's gradient to the gradients of every penalized parameter (`gradients` in
    /// `Network.parameters` order): (λ/n)w for L2, (λ/n) sgn(w) for L1. With plain SGD this gives
    /// Eq. 5.2, w → (1 − ηλ/n)w − η∂C₀/∂w, and Eq. 5.4, w → w − (ηλ/n) sgn(w) − η∂C₀/∂w.
    public func addGradient(to gradients: inout [Matrix], of network: Network, trainingCount n: Int) {
        let scale: Double
        switch self {
        case .none: return
        case .l2(let lambda), .l1(let lambda): scale = lambda / Double(n)
        }
        let parameters = network.parameters
        precondition(
            gradients.count == parameters.count, "expected \(parameters.count) gradients, got \(gradients.count)")
        for (index, penalized) in network.isPenalized.enumerated() where penalized {
            switch self {
            case .l2:
                gradients[index].addScaled(parameters[index], by: scale)
            case .l1:
                gradients[index].addScaled(parameters[index].map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, by: scale)
            case .none:
                break
            }
        }
    }
}

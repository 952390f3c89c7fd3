// Gradient clipping: the cheap guard against the exploding gradients of recurrent networks.

/// How gradients are limited before an update (Eq. 7.8).
///
/// - `value(c)`: every entry is clamped to [−c, c] (the minimal char-RNN clips at ±5). The
///   direction of the gradient can change.
/// - `norm(c)`: if the global norm ‖g‖ = √(Σ over all parameters of Σ gᵢ²) exceeds c, every
///   gradient is scaled by c/‖g‖ (Pascanu, Mikolov & Bengio 2013). The direction is kept.
public enum GradientClipping: Sendable, Equatable {
    case none
    case value(Double)
    case norm(Double)

    /// The global norm √(Σ ‖gₖ‖²) over a list of gradients.
    public static func globalNorm(_ gradients: [Matrix]) -> Double {
        var total = 0.0
        for gradient in gradients {
            gradient.elements.withUnsafeBufferPointer { g in
                for value in g { total += value * value }
            }
        }
        return total.squareRoot()
    }

    /// Clips `gradients` in place and returns their global norm *before* clipping.
    @discardableResult
    public func apply(to gradients: inout [Matrix]) -> Double {
        clip(&gradients).normBefore
    }

    /// Clips `gradients` in place: their global norm before clipping, and whether any entry changed.
    public func clip(_ gradients: inout [Matrix]) -> (normBefore: Double, changed: Bool) {
        let normBefore = Self.globalNorm(gradients)
        switch self {
        case .none:
            return (normBefore, false)
        case .value(let limit):
            precondition(limit > 0, "clipping by value needs a positive limit, got \(limit)")
            var changed = false
            for index in gradients.indices {
                gradients[index].elements.withUnsafeMutableBufferPointer { g in
                    for k in 0..<g.count where abs(g[k]) > limit {
                        g[k] = g[k] > 0 ? limit : -limit
                        changed = true
                    }
                }
            }
            return (normBefore, changed)
        case .norm(let limit):
            precondition(limit > 0, "clipping by norm needs a positive limit, got \(limit)")
            guard normBefore > limit else { return (normBefore, false) }
            let factor = limit / normBefore
            for index in gradients.indices { gradients[index] *= factor }
            return (normBefore, true)
        }
    }

    /// "±5", "‖g‖ ≤ 1", "none": how the narrative names it.
    public var description: String {
        switch self {
        case .none: "none"
        case .value(let limit): "by value at ±\(limit.formatted())"
        case .norm(let limit): "by norm at \(limit.formatted())"
        }
    }
}

extension Double {
    fileprivate func formatted() -> String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}

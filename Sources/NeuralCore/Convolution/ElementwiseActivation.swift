// Element-wise activations applied in place to large feature-map matrices, with a tight loop for
// ReLU (the common case) and the general `Activation` code for the rest.

/// In-place activation forward and backward for convolution stages.
public enum ElementwiseActivation {
    /// a = f(z), in place.
    public static func apply(_ activation: Activation, to values: inout Matrix) {
        switch activation {
        case .relu:
            values.elements.withUnsafeMutableBufferPointer { v in
                for k in 0..<v.count where v[k] < 0 { v[k] = 0 }
            }
        case .identity:
            return
        default:
            values = activation.value(values)
        }
    }

    /// g ← g ⊙ f′(z), in place (f′ from the stored z, or from a for ReLU: f′ = 1 where a > 0).
    public static func backward(_ activation: Activation, z: Matrix, a: Matrix, gradient g: inout Matrix) {
        switch activation {
        case .relu:
            a.elements.withUnsafeBufferPointer { aa in
                g.elements.withUnsafeMutableBufferPointer { gg in
                    for k in 0..<gg.count where !(aa[k] > 0) { gg[k] = 0 }
                }
            }
        case .identity:
            return
        default:
            g = activation.backward(z: z, a: a, upstream: g)
        }
    }
}

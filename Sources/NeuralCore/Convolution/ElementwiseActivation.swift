// Element-wise activations applied in place to large feature-map matrices, with a tight loop for
// ReLU (the common case) and the general `Activation` code for the rest.

/// In-place activation forward and backward for convolution stages.
public enum ElementwiseActivation {
    /// a = f(z), written into `a` (same shape as z).
    public static func apply(_ activation: Activation, z: Matrix, into a: inout Matrix) {
        precondition(
            a.rows == z.rows && a.columns == z.columns,
            "activation: z \(z.shapeDescription) but a \(a.shapeDescription)")
        switch activation {
        case .relu:
            z.elements.withUnsafeBufferPointer { zz in
                a.elements.withUnsafeMutableBufferPointer { aa in
                    for k in 0..<aa.count { aa[k] = zz[k] > 0 ? zz[k] : 0 }
                }
            }
        case .identity:
            a.elements.withUnsafeMutableBufferPointer { aa in
                z.elements.withUnsafeBufferPointer { zz in
                    aa.baseAddress!.update(from: zz.baseAddress!, count: zz.count)
                }
            }
        default:
            a = activation.value(z)
        }
    }

    /// g ← g ⊙ f′(z), in place (f′ from the stored z, or from a for ReLU: f′ = 1 where a > 0).
    public static func backward(_ activation: Activation, z: Matrix, a: Matrix, gradient g: inout Matrix) {
        switch activation {
        case .relu:
            a.elements.withUnsafeBufferPointer { aa in
                g.elements.withUnsafeMutableBufferPointer { gg in
                    for k in 0..<gg.count { gg[k] = aa[k] > 0 ? gg[k] : 0 }
                }
            }
        case .identity:
            return
        default:
            g = activation.backward(z: z, a: a, upstream: g)
        }
    }
}

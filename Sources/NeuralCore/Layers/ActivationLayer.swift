// An activation on its own, a = f(z) entry by entry (or softmax per example), so a reader can
// write convolution → ReLU → pooling as three layers, or end a network with a separate softmax.

/// a = f(z) for an activation f with no parameters. Element-wise activations take any shape;
/// softmax takes a column of features per example (it normalizes over the features).
///
/// As the last layer of a network it hands the cost its input z and f, so a softmax layer with
/// the log-likelihood cost gets δᴸ = aᴸ − y (Eq. 4.6) exactly as a softmax dense layer does.
public struct ActivationLayer: ActivationOutputLayer, Equatable {
    public var activation: Activation

    public init(_ activation: Activation) {
        self.activation = activation
    }

    public var summary: String { "\(activation)" }

    public func outputShape(for input: MapShape) -> MapShape? {
        activation == .softmax && !input.isFlat ? nil : input
    }

    /// z (the input) and a = f(z), kept for the backward pass.
    public struct Cache: Sendable {
        public var z = FeatureMaps.empty
        public var a = FeatureMaps.empty
    }

    public func makeCache() -> Cache { Cache() }

    /// a = f(z) (Eq. 3.1's f; the same in both modes).
    public func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        cache.z = input
        if activation == .softmax {
            precondition(input.height == 1 && input.width == 1, "softmax needs a column of features per example")
            cache.a = FeatureMaps(
                channels: input.channels, batch: input.batch, height: 1, width: 1, values: Softmax.apply(input.values))
        } else {
            FeatureMaps.prepare(&cache.a, like: input)
            ElementwiseActivation.apply(activation, z: input.values, into: &cache.a.values)
        }
        return cache.a
    }

    /// ∂C/∂z = g ⊙ f′(z), or the softmax Jacobian applied to g per example (BP2's second half).
    public func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        guard needsInputGradient else { return LayerGradients(input: nil, parameters: []) }
        var g = outputGradient
        if activation == .softmax {
            g.values = activation.backward(z: cache.z.values, a: cache.a.values, upstream: g.values)
        } else {
            ElementwiseActivation.backward(activation, z: cache.z.values, a: cache.a.values, gradient: &g.values)
        }
        return LayerGradients(input: g, parameters: [])
    }

    public var outputActivation: Activation { activation }

    public func weightedInput(in cache: Cache) -> Matrix { cache.z.values }

    /// The layer's input gradient is δ itself: z is its input.
    public func backward(delta: FeatureMaps, cache: inout Cache, needsInputGradient: Bool) -> LayerGradients {
        LayerGradients(input: needsInputGradient ? delta : nil, parameters: [])
    }

    public var parameters: [Matrix] {
        get { [] }
        set { precondition(newValue.isEmpty, "an activation layer has no parameters") }
    }

    public var isPenalized: [Bool] { [] }
}

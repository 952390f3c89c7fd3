// One convolution stage as a single layer: convolution → element-wise activation → optional
// pooling, with buffers reused from one mini-batch to the next and the fused backward pass of
// ReLU followed by max pooling. Convolution2D, ActivationLayer and Pooling2D do the same as three
// layers; the stage is the fast form Chapter 06 trains.

/// One convolution stage: z = w ⊛ x + b (Eq. 6.4), a = f(z), then an optional pooling.
public struct ConvolutionStage: Layer, Equatable {
    public var convolution: Convolution2D
    /// An element-wise activation (ReLU in the chapter).
    public var activation: Activation
    public var pooling: Pooling2D?

    public init(convolution: Convolution2D, activation: Activation = .relu, pooling: Pooling2D? = nil) {
        precondition(activation != .softmax, "a convolution stage needs an element-wise activation")
        self.convolution = convolution
        self.activation = activation
        self.pooling = pooling
    }

    /// The shape of the stage's output for one example.
    public var outputMaps: MapShape {
        let g = convolution.geometry
        guard let pooling else {
            return MapShape(channels: g.outputChannels, height: g.outputHeight, width: g.outputWidth)
        }
        return MapShape(
            channels: g.outputChannels, height: pooling.outputSize(g.outputHeight),
            width: pooling.outputSize(g.outputWidth))
    }

    public var summary: String {
        let g = convolution.geometry
        let pool = pooling.map { ", \($0)" } ?? ""
        return
            "convolution \(g.outputChannels)×\(g.kernelHeight)×\(g.kernelWidth) (stride \(g.stride), padding \(g.padding)), \(activation)\(pool)"
    }

    /// The geometry's input shape in, `outputMaps` out.
    public func outputShape(for input: MapShape) -> MapShape? {
        convolution.outputShape(for: input) == nil ? nil : outputMaps
    }

    /// What the stage keeps for the backward pass, and the buffers both passes reuse from one
    /// mini-batch to the next (allocating ~40 MB per mini-batch costs more than the arithmetic).
    public struct Cache: Sendable {
        public var convolution = Convolution2D.Cache.empty
        /// z, before the activation.
        public var z = FeatureMaps.empty
        /// a = f(z), before pooling.
        public var a = FeatureMaps.empty
        public var pooling = Pooling2D.Cache(inputChannels: 0, inputBatch: 0, inputHeight: 0, inputWidth: 0, argmax: [])
        /// What the stage hands on: the pooled maps (or a when there is no pooling).
        public var output = FeatureMaps.empty
        /// Backward buffers: δ = ∂C/∂z of this stage, and ∂C/∂x handed to the stage below.
        public var delta = FeatureMaps.empty
        public var inputGradient = FeatureMaps.empty

        public init() {}
    }

    public func makeCache() -> Cache { Cache() }

    /// The forward pass of the stage.
    public func forward(_ input: FeatureMaps) -> Cache {
        var cache = Cache()
        forward(input, cache: &cache)
        return cache
    }

    /// The forward pass of the stage into the buffers of `cache`.
    public func forward(_ input: FeatureMaps, cache: inout Cache) {
        convolution.forward(input, cache: &cache.convolution, z: &cache.z)
        FeatureMaps.prepare(&cache.a, like: cache.z)
        ElementwiseActivation.apply(activation, z: cache.z.values, into: &cache.a.values)
        if let pooling {
            pooling.forward(cache.a, into: &cache.output, cache: &cache.pooling)
        } else {
            cache.output = cache.a
        }
    }

    /// Eq. 6.4, f and pooling as a layer (the same in both modes).
    public func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        forward(input, cache: &cache)
        return cache.output
    }

    /// δ = ∂C/∂z of the stage from g = ∂C/∂(stage output): back through the pooling (Eq. 6.10–6.11),
    /// then ⊙ f′(z) (the σ′ factor of Eq. 6.7).
    public func delta(upstream: FeatureMaps, cache: Cache) -> FeatureMaps {
        var buffers = cache
        computeDelta(upstream: upstream, cache: &buffers)
        return buffers.delta
    }

    /// `delta` into `cache.delta`. ReLU followed by max pooling takes one fused pass: each
    /// gradient goes to its window's arg-max when the activation there is positive (ReLU′ = 1).
    public func computeDelta(upstream: FeatureMaps, cache: inout Cache) {
        if let pooling, pooling.kind == .max, activation == .relu {
            pooling.backward(upstream, cache: cache.pooling, into: &cache.delta, positiveOnly: cache.a.values)
            return
        }
        if let pooling {
            pooling.backward(upstream, cache: cache.pooling, into: &cache.delta)
        } else {
            cache.delta = upstream
        }
        ElementwiseActivation.backward(activation, z: cache.z.values, a: cache.a.values, gradient: &cache.delta.values)
    }

    /// Eq. 6.10–6.11 and f′ to δ, then Eq. 6.8–6.9 (∂C/∂w, ∂C/∂b, averaged over the batch) and
    /// Eq. 6.7 (∂C/∂x, into a buffer kept for the next mini-batch).
    public func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        computeDelta(upstream: outputGradient, cache: &cache)
        let g = convolution.gradients(
            delta: cache.delta, cache: &cache.convolution, scale: 1 / Double(cache.delta.batch))
        guard needsInputGradient else { return LayerGradients(input: nil, parameters: [g.weights, g.biases]) }
        // Move the buffer out so it is uniquely referenced while written, then keep it for next time.
        var below = FeatureMaps.empty
        swap(&below, &cache.inputGradient)
        convolution.propagate(delta: cache.delta, cache: &cache.convolution, into: &below)
        cache.inputGradient = below
        return LayerGradients(input: below, parameters: [g.weights, g.biases])
    }

    /// The convolution's w and b.
    public var parameters: [Matrix] {
        get { convolution.parameters }
        set { convolution.parameters = newValue }
    }

    /// Kernels are penalized, biases are not.
    public var isPenalized: [Bool] { convolution.isPenalized }
}

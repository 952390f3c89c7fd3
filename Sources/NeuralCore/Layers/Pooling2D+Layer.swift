// Pooling2D as a layer: max or average pooling of every map of every example.

extension Pooling2D: Layer {
    public var summary: String { description }

    /// C × H × W in, C × ((H − size)/stride + 1) × ((W − size)/stride + 1) out, or nil when the
    /// window does not fit.
    public func outputShape(for input: MapShape) -> MapShape? {
        guard input.height >= size, input.width >= size else { return nil }
        return MapShape(channels: input.channels, height: outputSize(input.height), width: outputSize(input.width))
    }

    public func makeCache() -> Cache {
        Cache(inputChannels: 0, inputBatch: 0, inputHeight: 0, inputWidth: 0, argmax: [])
    }

    /// Eq. 6.10–6.11 (forward), the same in both modes.
    public func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        var output = FeatureMaps.empty
        forward(input, into: &output, cache: &cache)
        return output
    }

    /// Eq. 6.10–6.11 (backward).
    public func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        guard needsInputGradient else { return LayerGradients(input: nil, parameters: []) }
        var result = FeatureMaps.empty
        backward(outputGradient, cache: cache, into: &result)
        return LayerGradients(input: result, parameters: [])
    }

    public var parameters: [Matrix] {
        get { [] }
        set { precondition(newValue.isEmpty, "pooling has no parameters") }
    }

    public var isPenalized: [Bool] { [] }
}

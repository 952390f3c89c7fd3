// Convolution2D as a layer of its own, so a reader can write convolution → ReLU → pooling as
// three layers (ConvolutionStage is the same stage fused into one, with reused buffers).

extension Convolution2D: Layer {
    public var summary: String {
        let g = geometry
        return
            "convolution \(g.outputChannels)×\(g.kernelHeight)×\(g.kernelWidth) (stride \(g.stride), padding \(g.padding))"
    }

    /// The geometry's input shape in, its output shape out (Eq. 6.3).
    public func outputShape(for input: MapShape) -> MapShape? {
        let g = geometry
        guard input == MapShape(channels: g.inputChannels, height: g.inputHeight, width: g.inputWidth) else {
            return nil
        }
        return MapShape(channels: g.outputChannels, height: g.outputHeight, width: g.outputWidth)
    }

    public func makeCache() -> Cache { .empty }

    /// Eq. 6.4–6.5 — z = w·X_col + b (the same in both modes).
    public func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        var z = FeatureMaps.empty
        forward(input, cache: &cache, z: &z)
        return z
    }

    /// Eq. 6.8–6.9 (∂C/∂w, ∂C/∂b averaged over the batch) and Eq. 6.7 (∂C/∂x) from δ = ∂C/∂z.
    public func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        let g = gradients(delta: outputGradient, cache: cache, scale: 1 / Double(outputGradient.batch))
        var below: FeatureMaps?
        if needsInputGradient {
            var result = FeatureMaps.empty
            propagate(delta: outputGradient, cache: &cache, into: &result)
            below = result
        }
        return LayerGradients(input: below, parameters: [g.weights, g.biases])
    }

    /// w (Cout × Cin·KH·KW) and b (Cout × 1).
    public var parameters: [Matrix] {
        get { [weights, biases] }
        set {
            precondition(newValue.count == 2, "a convolution has 2 parameters (weights, biases), got \(newValue.count)")
            weights = newValue[0]
            biases = newValue[1]
        }
    }

    /// Kernels are penalized (Eq. 5.1 over every weight), biases are not.
    public var isPenalized: [Bool] { [true, false] }
}

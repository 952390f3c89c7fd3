// A fully connected layer: zˡ = wˡaˡ⁻¹ + bˡ, aˡ = f(zˡ), for a whole mini-batch at once
// (one column per example), with its backward pass beside it. Both products go through BLAS.

/// A dense layer with `weights` wˡ (outputs × inputs) and `biases` bˡ (outputs × 1).
///
/// Entry wˡⱼₖ connects neuron k of the layer below to neuron j of this layer, as in the notes. It
/// keeps its activation f, so as the last layer of a network it hands the cost zᴸ and f (BP1).
public struct DenseLayer: ActivationOutputLayer, Equatable {
    public var weights: Matrix
    public var biases: Matrix
    public var activation: Activation

    public init(weights: Matrix, biases: Matrix, activation: Activation) {
        precondition(
            biases.rows == weights.rows && biases.columns == 1,
            "DenseLayer: weights \(weights.shapeDescription) need biases \(weights.rows)×1, got \(biases.shapeDescription)"
        )
        self.weights = weights
        self.biases = biases
        self.activation = activation
    }

    public var inputs: Int { weights.columns }
    public var outputs: Int { weights.rows }

    public var summary: String { "dense \(inputs) → \(outputs), \(activation)" }

    /// A column of `inputs` features in, a column of `outputs` out.
    public func outputShape(for input: MapShape) -> MapShape? {
        input.isFlat && input.channels == inputs ? .features(outputs) : nil
    }

    /// What the forward pass keeps for the backward pass.
    public struct Cache: Sendable {
        /// aˡ⁻¹, inputs × batch.
        public var input: Matrix
        /// zˡ, outputs × batch.
        public var z: Matrix
        /// aˡ = f(zˡ), outputs × batch.
        public var a: Matrix
        /// δˡ = ∂C/∂zˡ of the last backward pass (one column per example), outputs × batch.
        public var delta: Matrix?

        public init(input: Matrix, z: Matrix, a: Matrix, delta: Matrix? = nil) {
            self.input = input
            self.z = z
            self.a = a
            self.delta = delta
        }
    }

    public func makeCache() -> Cache {
        let empty = Matrix(rows: 0, columns: 0)
        return Cache(input: empty, z: empty, a: empty)
    }

    /// Eq. 3.1 — zˡ = wˡaˡ⁻¹ + bˡ and aˡ = f(zˡ), for every column of `input`.
    public func forward(_ input: Matrix) -> Cache {
        var z = Matrix.product(weights, input)
        z = z.addingToEachColumn(biases)
        return Cache(input: input, z: z, a: activation.value(z))
    }

    /// Eq. 3.1 on a mini-batch of feature columns (the same in both modes).
    public func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        precondition(
            input.height == 1 && input.width == 1 && input.channels == inputs,
            "\(summary): input \(input.shapeDescription) is not \(inputs) features per example")
        cache = forward(input.values)
        return FeatureMaps(channels: outputs, batch: input.batch, height: 1, width: 1, values: cache.a)
    }

    /// The gradients of this layer's parameters for a mini-batch.
    public struct Gradients: Sendable, Equatable {
        /// ∂C/∂wˡ, outputs × inputs.
        public var weights: Matrix
        /// ∂C/∂bˡ, outputs × 1.
        public var biases: Matrix
    }

    /// Eq. 3.5–3.6 (BP3, BP4) — ∂C/∂bˡ = δˡ and ∂C/∂wˡ = δˡ(aˡ⁻¹)ᵀ, summed over the columns of
    /// `delta` and multiplied by `scale` (1/m averages over a mini-batch of m). Returns fresh
    /// gradients; nothing accumulates between calls.
    /// - Parameters:
    ///   - delta: δˡ = ∂C/∂zˡ, outputs × batch.
    ///   - cache: what the forward pass kept (the input aˡ⁻¹).
    ///   - scale: the factor on both gradients.
    public func gradients(delta: Matrix, cache: Cache, scale: Double = 1) -> Gradients {
        let dW = Matrix.product(delta, cache.input, transposeB: true, alpha: scale)
        var db = delta.rowSums()
        if scale != 1 { db *= scale }
        return Gradients(weights: dW, biases: db)
    }

    /// Eq. 3.4 (BP2, first half) — (wˡ)ᵀδˡ = ∂C/∂aˡ⁻¹, the error handed to the layer below,
    /// which multiplies it by its own f′(zˡ⁻¹).
    public func propagate(delta: Matrix) -> Matrix {
        Matrix.product(weights, delta, transposeA: true)
    }

    /// Eq. 3.4 (BP2, second half) — δˡ = g ⊙ f′(zˡ) from g = ∂C/∂aˡ, then BP3, BP4 and (wˡ)ᵀδˡ.
    public func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        let delta = activation.backward(z: cache.z, a: cache.a, upstream: outputGradient.values)
        return backward(
            delta: FeatureMaps(channels: outputs, batch: delta.columns, height: 1, width: 1, values: delta),
            cache: &cache, needsInputGradient: needsInputGradient)
    }

    /// BP3 and BP4 from δˡ (Eq. 3.5–3.6), averaged over the m columns, and (wˡ)ᵀδˡ for the layer
    /// below (Eq. 3.4). δˡ is kept in the cache.
    public func backward(delta: FeatureMaps, cache: inout Cache, needsInputGradient: Bool) -> LayerGradients {
        let m = delta.batch
        let g = gradients(delta: delta.values, cache: cache, scale: 1 / Double(m))
        cache.delta = delta.values
        let below =
            needsInputGradient
            ? FeatureMaps(channels: inputs, batch: m, height: 1, width: 1, values: propagate(delta: delta.values))
            : nil
        return LayerGradients(input: below, parameters: [g.weights, g.biases])
    }

    public var outputActivation: Activation { activation }

    public func weightedInput(in cache: Cache) -> Matrix { cache.z }

    /// wˡ, bˡ.
    public var parameters: [Matrix] {
        get { [weights, biases] }
        set {
            precondition(newValue.count == 2, "\(summary) has 2 parameters (weights, biases), got \(newValue.count)")
            weights = newValue[0]
            biases = newValue[1]
        }
    }

    /// Weights are penalized, biases are not (Eq. 5.1, 5.3).
    public var isPenalized: [Bool] { [true, false] }
}

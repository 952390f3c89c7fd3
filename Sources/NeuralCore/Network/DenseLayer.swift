// A fully connected layer: zˡ = wˡaˡ⁻¹ + bˡ, aˡ = f(zˡ), for a whole mini-batch at once
// (one column per example), with its backward pass beside it. Both products go through BLAS.

/// A dense layer with `weights` wˡ (outputs × inputs) and `biases` bˡ (outputs × 1).
///
/// Entry wˡⱼₖ connects neuron k of the layer below to neuron j of this layer, as in the notes.
public struct DenseLayer: Sendable, Equatable {
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

    /// What the forward pass keeps for the backward pass.
    public struct Cache: Sendable {
        /// aˡ⁻¹, inputs × batch.
        public var input: Matrix
        /// zˡ, outputs × batch.
        public var z: Matrix
        /// aˡ = f(zˡ) (after dropout, if a mask was applied), outputs × batch.
        public var a: Matrix
        /// The inverted-dropout mask applied to aˡ, entries 0 or 1/p (Eq. 5.5), if any.
        public var dropoutMask: Matrix?
    }

    /// Eq. 3.1 — zˡ = wˡaˡ⁻¹ + bˡ and aˡ = f(zˡ), for every column of `input`.
    public func forward(_ input: Matrix) -> Cache {
        var z = Matrix.product(weights, input)
        z = z.addingToEachColumn(biases)
        return Cache(input: input, z: z, a: activation.value(z), dropoutMask: nil)
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
}

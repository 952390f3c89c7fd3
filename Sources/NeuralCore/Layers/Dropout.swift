// Inverted dropout as a layer you place: during training each entry of its input is kept with
// probability p and, when kept, scaled by 1/p, so the expected output equals the input and
// nothing needs rescaling at test time. In inference it is the identity.

/// Inverted dropout (Eq. 5.7) on whatever it is placed after: the inputs, a hidden layer's
/// activations, or feature maps (every entry of every map dropped on its own).
///
/// **Convention.** `keep` is p, the probability of *keeping* an entry, as in the notes.
/// PyTorch's `nn.Dropout(p)` takes the probability of *dropping* one: `Dropout(keep: 0.8)` is
/// `nn.Dropout(p=0.2)`, and `Dropout(drop: 0.2)` says the same thing in PyTorch's terms.
public struct Dropout: Layer, Equatable {
    /// p, the probability that an entry is kept (0 < p ≤ 1).
    public var keep: Double

    public init(keep: Double) {
        precondition(keep > 0 && keep <= 1, "dropout keep probability must be in (0, 1], got \(keep)")
        self.keep = keep
    }

    /// Dropout that drops each entry with probability `drop` (PyTorch's p): keep = 1 − drop.
    public init(drop: Double) {
        precondition(drop >= 0 && drop < 1, "dropout drop probability must be in [0, 1), got \(drop)")
        self.init(keep: 1 - drop)
    }

    public var summary: String { "dropout, keep p = \(keep)" }

    /// Any shape in, the same shape out.
    public func outputShape(for input: MapShape) -> MapShape? { input }

    /// The mask of the last training-mode forward pass (nil after an inference one).
    public struct Cache: Sendable {
        public var mask: Matrix?
    }

    public func makeCache() -> Cache { Cache(mask: nil) }

    /// Eq. 5.7 — a mask with entries 1/p with probability p and 0 otherwise, shaped like `a`;
    /// E[mask ⊙ a] = a. Entries are drawn in storage order, one uniform number each.
    public static func mask(like a: Matrix, keep p: Double, using generator: inout SeededGenerator) -> Matrix {
        precondition(p > 0 && p <= 1, "dropout keep probability must be in (0, 1], got \(p)")
        var mask = Matrix(rows: a.rows, columns: a.columns)
        let scale = 1 / p
        for index in mask.elements.indices {
            mask.elements[index] = generator.uniform() < p ? scale : 0
        }
        return mask
    }

    /// Training: output = mask ⊙ input with a fresh mask (Eq. 5.7). Inference: output = input.
    public func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        guard mode == .training else {
            cache.mask = nil
            return input
        }
        let mask = Self.mask(like: input.values, keep: keep, using: &generator)
        cache.mask = mask
        return FeatureMaps(
            channels: input.channels, batch: input.batch, height: input.height, width: input.width,
            values: input.values ⊙ mask)
    }

    /// ∂C/∂(input) = mask ⊙ g: a dropped entry passes no gradient, a kept one passes g/p.
    public func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        guard needsInputGradient else { return LayerGradients(input: nil, parameters: []) }
        guard let mask = cache.mask else { return LayerGradients(input: outputGradient, parameters: []) }
        let g = outputGradient
        return LayerGradients(
            input: FeatureMaps(
                channels: g.channels, batch: g.batch, height: g.height, width: g.width, values: g.values ⊙ mask),
            parameters: [])
    }

    public var parameters: [Matrix] {
        get { [] }
        set { precondition(newValue.isEmpty, "dropout has no parameters") }
    }

    public var isPenalized: [Bool] { [] }
}

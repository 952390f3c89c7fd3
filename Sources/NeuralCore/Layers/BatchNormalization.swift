// Batch normalization (Ioffe & Szegedy, 2015): each feature, or each channel of feature maps, is
// shifted and scaled to mean 0 and variance 1 over the mini-batch, then given a learned scale γ
// and shift β. Forward (Eq. 5.18–5.21) and backward through the batch statistics (Eq. 5.22–5.25)
// side by side. Reference: clear, one pass per sum, not fused.

/// Batch normalization of the C rows of a C × (B·H·W) `FeatureMaps` matrix.
///
/// For flat inputs (H = W = 1) row c holds feature c of the B examples, so the statistics are
/// per feature over the batch; for feature maps row c holds channel c of every example at every
/// position, so they are per channel over batch × height × width. Either way the m = B·H·W
/// entries x₁…x_m of one row are normalized together:
///
///     μ = (1/m) Σᵢ xᵢ,   σ² = (1/m) Σᵢ (xᵢ − μ)²                         (Eq. 5.18)
///     x̂ᵢ = (xᵢ − μ) / √(σ² + ε),   yᵢ = γ x̂ᵢ + β                        (Eq. 5.19)
///
/// **Running averages** (state, not parameters), updated by every training-mode forward pass
/// with the PyTorch convention for `momentum` α (PyTorch's default 0.1 keeps 0.9 of the old value):
///
///     μ̄ ← (1 − α) μ̄ + α μ,   σ̄² ← (1 − α) σ̄² + α · m/(m − 1) · σ²        (Eq. 5.20)
///
/// The running variance averages the *unbiased* estimate m σ²/(m − 1), as PyTorch's `running_var`
/// does, while the normalization itself divides by the biased σ². When m = 1 the unbiased estimate
/// is undefined (0/0) and the running variance is left as it was; the running mean is updated.
///
/// **Inference** uses the running averages instead of the batch's statistics, so each example's
/// output depends on that example alone:
///
///     y = γ (x − μ̄) / √(σ̄² + ε) + β                                      (Eq. 5.21)
///
/// **Batch size 1 on flat inputs** (m = 1) degenerates in training mode: x − μ = 0, so x̂ = 0 and
/// the output is β whatever the input, and the input gradient of Eq. 5.25 is exactly 0. Feature
/// maps of a single example still have m = H·W > 1 entries per channel and normalize normally.
///
/// Parameters: γ (initially 1) and β (initially 0), each C × 1, neither penalized by L1/L2.
public struct BatchNormalization: Layer, Equatable {
    /// Number of features (flat inputs) or channels (feature maps) C.
    public let channels: Int
    /// ε added to the variance before the square root (PyTorch's default 1e-5).
    public let epsilon: Double
    /// α of Eq. 5.20: the weight of the new batch's statistics in the running averages.
    public let momentum: Double
    /// γ, C × 1: the learned scale of each normalized feature or channel.
    public var gamma: Matrix
    /// β, C × 1: the learned shift.
    public var beta: Matrix
    /// μ̄, C × 1: the running average of the batch means (initially 0).
    public var runningMean: Matrix
    /// σ̄², C × 1: the running average of the unbiased batch variances (initially 1).
    public var runningVariance: Matrix

    /// The statistics of Eq. 5.18 are over the whole mini-batch.
    public var couplesExamples: Bool { true }

    /// A batch normalization of `channels` features or channels, with γ = 1, β = 0, μ̄ = 0,
    /// σ̄² = 1.
    public init(channels: Int, epsilon: Double = 1e-5, momentum: Double = 0.1) {
        precondition(channels > 0, "batch normalization needs at least one channel, got \(channels)")
        precondition(epsilon > 0, "batch normalization needs ε > 0, got \(epsilon)")
        precondition(
            momentum >= 0 && momentum <= 1, "batch normalization's momentum must lie in [0, 1], got \(momentum)")
        self.channels = channels
        self.epsilon = epsilon
        self.momentum = momentum
        self.gamma = Matrix(rows: channels, columns: 1, repeating: 1)
        self.beta = Matrix(rows: channels, columns: 1)
        self.runningMean = Matrix(rows: channels, columns: 1)
        self.runningVariance = Matrix(rows: channels, columns: 1, repeating: 1)
    }

    /// A batch normalization of `features` features of a dense layer.
    public init(features: Int, epsilon: Double = 1e-5, momentum: Double = 0.1) {
        self.init(channels: features, epsilon: epsilon, momentum: momentum)
    }

    /// What the forward pass keeps for the backward pass.
    public struct Cache: Sendable {
        /// x̂, C × m: the normalized inputs (with the running statistics in inference mode).
        public var xHat = Matrix(rows: 0, columns: 0)
        /// 1/√(σ² + ε) per row, the batch's σ² in training mode and σ̄² in inference mode.
        public var inverseStandardDeviation: [Double] = []
        /// The mode of the forward pass: in inference the statistics are constants, in training
        /// the backward pass goes through them.
        public var mode = LayerMode.training
        /// The shape of one example of the forward pass's input (and output), and its batch size.
        public var shape = MapShape(channels: 0, height: 0, width: 0)
        public var batch = 0

        public init() {}
    }

    public var summary: String { "batch norm, \(channels) channels, ε = \(epsilon), momentum \(momentum)" }

    public func outputShape(for input: MapShape) -> MapShape? { input.channels == channels ? input : nil }

    public func makeCache() -> Cache { Cache() }

    public var parameters: [Matrix] {
        get { [gamma, beta] }
        set {
            gamma = newValue[0]
            beta = newValue[1]
        }
    }

    public var isPenalized: [Bool] { [false, false] }

    /// Eq. 5.18–5.19 with the batch's statistics (and the update Eq. 5.20) in `.training`,
    /// Eq. 5.21 with the running averages in `.inference`.
    public mutating func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        precondition(
            input.channels == channels,
            "batch normalization of \(channels) channels got input \(input.shapeDescription)")
        let m = input.values.columns
        precondition(m > 0, "batch normalization got an empty mini-batch")
        let x = input.values
        var xHat = Matrix(rows: channels, columns: m)
        var y = Matrix(rows: channels, columns: m)
        var inverseStandardDeviation = [Double](repeating: 0, count: channels)
        for c in 0..<channels {
            let row = c * m
            let mean: Double
            let variance: Double
            switch mode {
            case .training:
                // Eq. 5.18: the batch mean and (biased) batch variance of row c.
                var sum = 0.0
                for i in 0..<m { sum += x.elements[row + i] }
                mean = sum / Double(m)
                var squares = 0.0
                for i in 0..<m {
                    let deviation = x.elements[row + i] - mean
                    squares += deviation * deviation
                }
                variance = squares / Double(m)
                // Eq. 5.20: the running averages, the variance's unbiased (m > 1 only).
                runningMean[c, 0] = (1 - momentum) * runningMean[c, 0] + momentum * mean
                if m > 1 {
                    let unbiased = variance * Double(m) / Double(m - 1)
                    runningVariance[c, 0] = (1 - momentum) * runningVariance[c, 0] + momentum * unbiased
                }
            case .inference:
                // Eq. 5.21: the running averages stand in for the batch's statistics.
                mean = runningMean[c, 0]
                variance = runningVariance[c, 0]
            }
            // Eq. 5.19: normalize, then scale by γ and shift by β.
            let inverse = 1 / (variance + epsilon).squareRoot()
            inverseStandardDeviation[c] = inverse
            let (scale, shift) = (gamma[c, 0], beta[c, 0])
            for i in 0..<m {
                let normalized = (x.elements[row + i] - mean) * inverse
                xHat.elements[row + i] = normalized
                y.elements[row + i] = scale * normalized + shift
            }
        }
        cache.xHat = xHat
        cache.inverseStandardDeviation = inverseStandardDeviation
        cache.mode = mode
        cache.shape = MapShape(channels: input.channels, height: input.height, width: input.width)
        cache.batch = input.batch
        return FeatureMaps(
            channels: input.channels, batch: input.batch, height: input.height, width: input.width, values: y)
    }

    /// From g = ∂C/∂y of the cost C summed over the mini-batch:
    ///
    ///     ∂C/∂γ = Σᵢ gᵢ x̂ᵢ,   ∂C/∂β = Σᵢ gᵢ                                   (Eq. 5.22)
    ///
    /// over the m = B·H·W entries of each channel, returned divided by the B examples (gradients of
    /// the mean cost, as every `Layer` returns them); and, with ∂C/∂x̂ᵢ = γ gᵢ, the input gradient
    /// (of the sum, like g) along its three paths (directly, through μ and through σ², Eq.
    /// 5.23–5.24), which collect into
    ///
    ///     ∂C/∂xᵢ = (1/√(σ² + ε)) [ ∂C/∂x̂ᵢ − (1/m) Σⱼ ∂C/∂x̂ⱼ − x̂ᵢ (1/m) Σⱼ ∂C/∂x̂ⱼ x̂ⱼ ]   (Eq. 5.25)
    ///
    /// After an inference-mode forward the statistics are constants and only the first term
    /// remains. At m = 1 in training mode x̂ = 0 and the bracket is ∂C/∂x̂ − ∂C/∂x̂ − 0 = 0.
    public func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool) -> LayerGradients
    {
        let g = outputGradient.values
        let xHat = cache.xHat
        precondition(
            g.rows == xHat.rows && g.columns == xHat.columns,
            "batch normalization's backward got \(g.shapeDescription), its forward wrote \(xHat.shapeDescription)")
        let m = g.columns
        var dGamma = Matrix(rows: channels, columns: 1)
        var dBeta = Matrix(rows: channels, columns: 1)
        var dx = needsInputGradient ? Matrix(rows: channels, columns: m) : Matrix(rows: 0, columns: 0)
        for c in 0..<channels {
            let row = c * m
            // Eq. 5.22.
            var sumG = 0.0
            var sumGXHat = 0.0
            for i in 0..<m {
                sumG += g.elements[row + i]
                sumGXHat += g.elements[row + i] * xHat.elements[row + i]
            }
            // Of the mean cost over the B examples (the `Layer` convention): divided by B, not by m.
            dGamma[c, 0] = sumGXHat / Double(cache.batch)
            dBeta[c, 0] = sumG / Double(cache.batch)
            guard needsInputGradient else { continue }
            let inverse = cache.inverseStandardDeviation[c]
            let scale = gamma[c, 0]
            switch cache.mode {
            case .inference:
                // Eq. 5.21 is affine in x: only the direct path.
                for i in 0..<m { dx.elements[row + i] = inverse * scale * g.elements[row + i] }
            case .training:
                // ∂C/∂x̂ᵢ = γ gᵢ, so (1/m)Σ ∂C/∂x̂ⱼ = γ·mean(g) and (1/m)Σ ∂C/∂x̂ⱼ x̂ⱼ = γ·mean(g x̂).
                let meanDXHat = scale * sumG / Double(m)
                let meanDXHatTimesXHat = scale * sumGXHat / Double(m)
                // Eq. 5.24's three paths, each multiplied by √(σ² + ε) (the common factor in front):
                // through x̂ᵢ itself, through μ [(∂C/∂μ)/m], through σ² [(∂C/∂σ²)·2(xᵢ − μ)/m].
                for i in 0..<m {
                    let direct = scale * g.elements[row + i]
                    let throughMean = -meanDXHat
                    let throughVariance = -xHat.elements[row + i] * meanDXHatTimesXHat
                    dx.elements[row + i] = inverse * (direct + throughMean + throughVariance)
                }
            }
        }
        let shape = cache.shape
        return LayerGradients(
            input: needsInputGradient
                ? FeatureMaps(
                    channels: shape.channels, batch: cache.batch, height: shape.height, width: shape.width, values: dx)
                : nil,
            parameters: [dGamma, dBeta])
    }
}

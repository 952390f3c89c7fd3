// The one shape every feed-forward building block has: a forward pass on a mini-batch that keeps
// what it needs in a cache, and a backward pass that turns ∂C/∂(output) into ∂C/∂(input) and the
// gradients of the layer's own parameters. `Network` is a list of these; a reader's own layer
// conforms to the same protocol and trains with everything else.

/// Whether a forward pass is part of training or of using the trained network.
///
/// Dropout draws masks and batch normalization uses (and updates) batch statistics only in
/// `.training`; in `.inference` dropout is the identity and batch normalization uses its running
/// averages. A network never guesses: every forward pass says which it is.
public enum LayerMode: Sendable, Equatable {
    case training
    case inference
}

/// The shape of one example's activations between layers: `channels` maps of `height` × `width`.
/// A dense layer's input and output are `features` × 1 × 1.
public struct MapShape: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// `features` × 1 × 1, the shape dense layers read and write.
    public static func features(_ count: Int) -> MapShape { MapShape(channels: count, height: 1, width: 1) }

    /// channels · height · width.
    public var count: Int { channels * height * width }

    /// Whether this is a column of features (height = width = 1).
    public var isFlat: Bool { height == 1 && width == 1 }

    public var description: String { isFlat ? "\(channels)" : "\(channels)×\(height)×\(width)" }
}

/// What a layer's backward pass returns.
public struct LayerGradients: Sendable {
    /// ∂C/∂(input), shaped like the forward pass's input; nil when the caller said it is not
    /// needed (the first layer of a network).
    public var input: FeatureMaps?
    /// ∂C/∂θ for every parameter θ, in the order of `Layer.parameters`, shaped like it.
    public var parameters: [Matrix]

    public init(input: FeatureMaps?, parameters: [Matrix]) {
        self.input = input
        self.parameters = parameters
    }
}

/// A differentiable layer on a mini-batch.
///
/// Activations travel between layers as `FeatureMaps`, C × B × H × W stored as a C × (B·H·W)
/// matrix. A dense layer's activations are the special case H = W = 1: a features × batch matrix
/// with one column per example, the layout of the notes.
///
/// **The gradients a layer is handed, and what it returns.** Each column of a mini-batch of B
/// examples is one example's own: the network hands `backward` g = ∂C/∂(output) of the cost
/// summed over the mini-batch, C = Σₓ Cₓ, so the column of example x is ∂Cₓ/∂aₓ, the δ of the
/// notes one example at a time. `backward` returns ∂C/∂(input) of the same sum (the next layer
/// down goes on from it), and the gradients of its parameters of the *mean* (1/B) Σₓ Cₓ, as in
/// Eq. 3.7: every layer divides its parameter gradients by B once, itself (BLAS does it inside the
/// product, `alpha` = 1/B). **Nothing accumulates.** Every call returns fresh gradients; summing
/// over mini-batches, if anyone wants it, is the caller's business.
///
/// To write a layer of your own: store its parameters as matrices, say in `forward` what the
/// backward pass will need (into `Cache`), apply the chain rule in `backward`, and list the
/// parameters in one fixed order. `GradientCheck.layer` checks the result against central
/// differences; `Network` trains it like any built-in layer.
public protocol Layer: Sendable {
    /// What the forward pass keeps for the backward pass, and any buffers reused from one
    /// mini-batch to the next. `makeCache()` gives an empty one; the network passes the same cache
    /// to this layer on every mini-batch.
    associatedtype Cache: Sendable

    /// A short description for summaries and error messages, e.g. "dense 784 → 30, sigmoid".
    var summary: String { get }

    /// The shape of one example's output for an input of `input`, or nil when this layer cannot
    /// take that input (the network refuses to assemble it and says why).
    func outputShape(for input: MapShape) -> MapShape?

    /// An empty cache for this layer.
    func makeCache() -> Cache

    /// The forward pass for a mini-batch. In `.training` a layer may draw from `generator`
    /// (dropout masks) and update state of its own that is not a parameter (batch normalization's
    /// running averages); in `.inference` it must do neither.
    mutating func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps

    /// The backward pass: from g = ∂C/∂(output of the last `forward`), the gradient with respect to
    /// the input (when `needsInputGradient`) and fresh gradients of every parameter.
    func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool) -> LayerGradients

    /// The layer's trainable parameters in a fixed order (empty for layers without any).
    ///
    /// Keep the setter a plain store: while an optimizer updates the parameters in place, the
    /// network moves them out and leaves 0 × 0 placeholders, then sets them back.
    var parameters: [Matrix] { get set }

    /// For each parameter, whether L2/L1 weight penalties act on it (weights yes, biases and batch
    /// normalization's γ and β no). Parallel to `parameters`.
    var isPenalized: [Bool] { get }

    /// Whether a training-mode forward pass couples the examples of a mini-batch (batch
    /// normalization's statistics are taken over all of them), so the batch cannot be split into
    /// shards computed apart. False unless a layer says otherwise.
    var couplesExamples: Bool { get }
}

extension Layer {
    /// No parameters by default.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Each example passes through on its own, by default.
    public var couplesExamples: Bool { false }
}

/// A layer whose output is an activation aᴸ = f(zᴸ) of a weighted input it keeps. As the last layer
/// of a network it hands the cost its z and f, so the cost can use stable forms (log-softmax,
/// softplus) and BP1 (Eq. 3.3) can use the exact cancellations of Eq. 4.6, δᴸ = aᴸ − y, instead of
/// dividing by a.
public protocol ActivationOutputLayer: Layer {
    /// f of the last step.
    var outputActivation: Activation { get }
    /// zᴸ of the last forward pass.
    func weightedInput(in cache: Cache) -> Matrix
    /// The backward pass from δ = ∂C/∂z instead of ∂C/∂a.
    func backward(delta: FeatureMaps, cache: inout Cache, needsInputGradient: Bool) -> LayerGradients
}

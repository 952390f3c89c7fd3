// A feed-forward network as a list of layers, with the one backpropagation loop every network
// of the workbook trains through: forward through the layers keeping their caches, BP1 at the
// output, then each layer's backward pass from the top down. Dense networks (Chapters 03–05),
// convolutional ones (Chapter 06) and networks with a reader's own layers are all this type.

/// A feed-forward network: layer l maps the output of layer l − 1 to its own. With only dense
/// layers, `layers[0]` is the first hidden layer (l = 2 in the notes, where l = 1 is the input).
public struct Network: Sendable {
    /// The shape of one example's input (784 × 1 × 1 for MNIST as pixels, 1 × 28 × 28 as an image).
    public let inputShape: MapShape
    /// The layers, bottom to top.
    public internal(set) var layers: [any Layer]
    /// The shape of each layer's output for one example.
    public let outputShapes: [MapShape]

    /// Why a list of layers cannot form a network.
    public struct AssemblyError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// A network of `layers` on inputs of `input`, or an error naming the first layer that cannot
    /// take the output of the one below.
    public static func assemble(input: MapShape, layers: [any Layer]) throws(AssemblyError) -> Network {
        guard !layers.isEmpty else { throw AssemblyError(description: "a network needs at least one layer") }
        var shape = input
        var shapes: [MapShape] = []
        for (index, layer) in layers.enumerated() {
            guard let next = layer.outputShape(for: shape) else {
                throw AssemblyError(
                    description: "layer \(index + 1) (\(layer.summary)) cannot take an input of \(shape) per example")
            }
            guard layer.isPenalized.count == layer.parameters.count else {
                throw AssemblyError(
                    description:
                        "layer \(index + 1) (\(layer.summary)) has \(layer.parameters.count) parameters but \(layer.isPenalized.count) isPenalized flags"
                )
            }
            shapes.append(next)
            shape = next
        }
        return Network(checkedInput: input, layers: layers, shapes: shapes)
    }

    private init(checkedInput: MapShape, layers: [any Layer], shapes: [MapShape]) {
        inputShape = checkedInput
        self.layers = layers
        outputShapes = shapes
    }

    /// A network of `layers` on inputs of `input` (stops with the reason if they do not fit).
    public init(input: MapShape, layers: [any Layer]) {
        do {
            self = try Self.assemble(input: input, layers: layers)
        } catch {
            preconditionFailure("Network: \(error.description)")
        }
    }

    /// A network of dense layers only; the input is a column of `layers[0].inputs` features.
    public init(layers: [DenseLayer]) {
        precondition(!layers.isEmpty, "a network needs at least one layer")
        for (lower, upper) in zip(layers, layers.dropFirst()) {
            precondition(
                lower.outputs == upper.inputs,
                "Network: a layer of \(lower.outputs) outputs cannot feed a layer of \(upper.inputs) inputs")
        }
        self.init(input: .features(layers[0].inputs), layers: layers)
    }

    /// A network of the given sizes, e.g. [784, 30, 10], with `hidden` activations in every
    /// hidden layer and `output` in the last. With `hiddenDropout`, a dropout layer follows every
    /// hidden layer (Eq. 5.7; the output layer is never dropped).
    public init(
        sizes: [Int], hidden: Activation = .sigmoid, output: Activation = .sigmoid,
        initialization: WeightInitialization = .standardNormal, hiddenDropout: Dropout? = nil,
        using generator: inout SeededGenerator
    ) {
        precondition(sizes.count >= 2, "a network needs at least an input and an output layer")
        var layers: [any Layer] = []
        for index in 1..<sizes.count {
            let isOutput = index == sizes.count - 1
            layers.append(
                initialization.layer(
                    inputs: sizes[index - 1], outputs: sizes[index], activation: isOutput ? output : hidden,
                    using: &generator))
            if let hiddenDropout, !isOutput { layers.append(hiddenDropout) }
        }
        self.init(input: .features(sizes[0]), layers: layers)
    }

    /// The dense layers, bottom to top (all layers of a network built by `init(sizes:…)`, apart
    /// from dropout).
    public var denseLayers: [DenseLayer] { layers.compactMap { $0 as? DenseLayer } }

    /// [inputs, outputs of every dense layer…]: the notes' sizes for a dense network.
    public var sizes: [Int] { [inputShape.count] + denseLayers.map(\.outputs) }

    /// Features per example of the output.
    public var outputCount: Int { outputShapes[outputShapes.count - 1].count }

    /// Number of trainable parameters.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Every parameter in a fixed order: each layer's `parameters`, bottom to top (w¹, b¹, w², b², …
    /// for a dense network). This is the order optimizers see.
    public var parameters: [Matrix] {
        get { layers.flatMap(\.parameters) }
        set {
            precondition(
                newValue.count == layers.reduce(0) { $0 + $1.parameters.count },
                "expected \(layers.reduce(0) { $0 + $1.parameters.count }) parameter matrices, got \(newValue.count)")
            var start = 0
            for index in layers.indices {
                let count = layers[index].parameters.count
                layers[index].parameters = Array(newValue[start..<(start + count)])
                start += count
            }
        }
    }

    /// For every parameter, in `parameters` order, whether weight penalties act on it.
    public var isPenalized: [Bool] { layers.flatMap(\.isPenalized) }

    /// The penalized parameters (the weights and kernels), in order.
    public var penalizedParameters: [Matrix] {
        zip(parameters, isPenalized).compactMap { $1 ? $0 : nil }
    }

    /// Lets `body` update every parameter in place (e.g. an optimizer step) without copying: the
    /// matrices are moved out of the layers for the duration (0 × 0 placeholders stay behind, so
    /// each buffer has one owner) and moved back afterwards.
    public mutating func updateParameters(_ body: (inout [Matrix]) -> Void) {
        var moved: [Matrix] = []
        var counts: [Int] = []
        let empty = Matrix(rows: 0, columns: 0)
        for index in layers.indices {
            let before = moved.count
            moved.append(contentsOf: layers[index].parameters)
            counts.append(moved.count - before)
            layers[index].parameters = Array(repeating: empty, count: moved.count - before)
        }
        body(&moved)
        var start = 0
        for index in layers.indices {
            layers[index].parameters = Array(moved[start..<(start + counts[index])])
            start += counts[index]
        }
    }

    // MARK: The forward pass

    /// The caches of every layer and the buffers they keep, reused from one mini-batch to the next.
    /// Make one with `makeWorkspace()` and hand the same one to every call.
    public struct Workspace {
        var boxes: [AnyObject?]
        /// The output of the last forward pass.
        public internal(set) var output = FeatureMaps.empty
    }

    public func makeWorkspace() -> Workspace { Workspace(boxes: Array(repeating: nil, count: layers.count)) }

    /// The forward pass through every layer, keeping each layer's cache in `workspace`.
    /// `.training` lets dropout draw masks from `generator` (and layers with running statistics
    /// update them); `.inference` draws nothing.
    @discardableResult
    public mutating func forward(
        _ x: FeatureMaps, mode: LayerMode, generator: inout SeededGenerator, workspace: inout Workspace
    ) -> FeatureMaps {
        if workspace.boxes.count != layers.count { workspace = makeWorkspace() }
        var a = x
        for index in layers.indices {
            a = forwardLayer(&layers[index], a, mode: mode, box: &workspace.boxes[index], generator: &generator)
        }
        workspace.output = a
        return a
    }

    /// Eq. 3.1 applied layer after layer, in inference mode: the output aᴸ for every column of `x`.
    public func feedforward(_ x: Matrix) -> Matrix {
        feedforward(FeatureMaps(channels: x.rows, batch: x.columns, height: 1, width: 1, values: x)).values
    }

    /// The output for input maps `x`, in inference mode.
    public func feedforward(_ x: FeatureMaps) -> FeatureMaps {
        var probe = self
        var workspace = makeWorkspace()
        var generator = SeededGenerator(seed: 0)  // inference draws nothing
        return probe.forward(x, mode: .inference, generator: &generator, workspace: &workspace)
    }

    /// The index of the largest output for every column: the predicted class.
    public func predictions(_ x: Matrix) -> [Int] {
        feedforward(x).argmaxPerColumn()
    }

    // MARK: Backpropagation

    /// The result of backpropagation: gradients in `parameters` order, and every dense layer's δ.
    public struct Backpropagation: Sendable {
        /// ∂C/∂θ for every parameter, in `parameters` order (w¹, b¹, w², … for a dense network), of
        /// the cost averaged over the mini-batch.
        public var gradients: [Matrix]
        /// δˡ of every dense layer, bottom to top, outputs × batch (one column per example).
        public var deltas: [Matrix]
        /// The cost summed over the mini-batch, computed on the way.
        public var cost: Double
    }

    /// One mini-batch: the forward pass in `mode`, then backpropagation (Eq. 3.3–3.6 and each
    /// layer's own backward pass). BP1 at the output: when the last layer keeps an activation
    /// (`ActivationOutputLayer`), δᴸ = `cost.outputError(zᴸ, aᴸ, y, f)`, so the exact cancellations
    /// of Eq. 4.6 apply; otherwise the last layer is handed ∇ₐC. Gradients are of the cost averaged
    /// over the m columns, ∂C/∂θ = (1/m) Σₓ ∂Cₓ/∂θ (the average of Eq. 3.7). The first layer's
    /// input gradient is never needed and not computed.
    public mutating func backpropagate(
        _ x: FeatureMaps, _ y: Matrix, cost: any Cost, mode: LayerMode = .training,
        generator: inout SeededGenerator, workspace: inout Workspace
    ) -> Backpropagation {
        let a = forward(x, mode: mode, generator: &generator, workspace: &workspace)
        let top = layers.count - 1
        var gradients: [[Matrix]] = Array(repeating: [], count: layers.count)
        var deltas: [Matrix] = []
        // BP1 at the output layer.
        let output = outputStep(
            layers[top], output: a, target: y, cost: cost, box: workspace.boxes[top]!, needsInputGradient: top > 0)
        gradients[top] = output.gradients.parameters
        var upstream = output.gradients.input
        if let delta = denseDelta(workspace.boxes[top]) { deltas.append(delta) }
        // Every layer below: its own backward pass from ∂C/∂(its output).
        for index in stride(from: top - 1, through: 0, by: -1) {
            guard let g = upstream else { break }
            let result = backwardLayer(layers[index], g, box: workspace.boxes[index]!, needsInputGradient: index > 0)
            gradients[index] = result.parameters
            upstream = result.input
            if let delta = denseDelta(workspace.boxes[index]) { deltas.append(delta) }
        }
        return Backpropagation(gradients: gradients.flatMap { $0 }, deltas: deltas.reversed(), cost: output.cost)
    }

    /// `backpropagate` for a mini-batch as a features × m matrix (one column per example), in
    /// training mode, on a copy of the network (running statistics of layers that keep them are not
    /// updated here; `Trainer.train` does that).
    public func backpropagate(_ x: Matrix, _ y: Matrix, cost: any Cost, generator: inout SeededGenerator)
        -> Backpropagation
    {
        var probe = self
        var workspace = makeWorkspace()
        return probe.backpropagate(
            FeatureMaps(channels: x.rows, batch: x.columns, height: 1, width: 1, values: x), y, cost: cost,
            generator: &generator, workspace: &workspace)
    }

    /// The classic formulation: backpropagate each example (column) on its own and average the
    /// per-example gradients, as in the notes' loop over a mini-batch. Slower; the same numbers.
    public func backpropagatePerExample(_ x: Matrix, _ y: Matrix, cost: any Cost) -> [Matrix] {
        var generator = SeededGenerator(seed: 0)  // only dropout would draw from it
        var sum = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
        for column in 0..<x.columns {
            let single = backpropagate(x.columns([column]), y.columns([column]), cost: cost, generator: &generator)
            for index in sum.indices { sum[index] += single.gradients[index] }
        }
        let m = Double(x.columns)
        return sum.map { $0 / m }
    }

    // MARK: Data

    /// The examples at `indices` of `data` as this network's input: feature columns, or image maps
    /// of `inputShape` (each example's features read channel by channel, row by row).
    public func input(_ data: LabeledData, indices: [Int]) -> FeatureMaps {
        FeatureMaps(
            examples: data, indices: indices, channels: inputShape.channels, height: inputShape.height,
            width: inputShape.width)
    }

    /// The targets for `indices` in the form this network's output needs: one-hot columns, or a
    /// single row of 0/1 labels for a network with one output.
    public func targets(_ data: LabeledData, indices: [Int]) -> Matrix {
        outputCount == 1 ? data.binaryTargets(indices) : data.oneHotTargets(indices)
    }
}

/// A layer's cache in a reference box, so the workspace mutates it in place: no copy of the
/// buffers it holds, whatever layer type is inside.
final class CacheBox<L: Layer> {
    var cache: L.Cache
    init(_ cache: L.Cache) { self.cache = cache }
}

private func forwardLayer<L: Layer>(
    _ layer: inout L, _ input: FeatureMaps, mode: LayerMode, box: inout AnyObject?,
    generator: inout SeededGenerator
) -> FeatureMaps {
    let cacheBox: CacheBox<L>
    if let existing = box as? CacheBox<L> {
        cacheBox = existing
    } else {
        cacheBox = CacheBox(layer.makeCache())
        box = cacheBox
    }
    return layer.forward(input, mode: mode, cache: &cacheBox.cache, generator: &generator)
}

private func backwardLayer<L: Layer>(
    _ layer: L, _ gradient: FeatureMaps, box: AnyObject, needsInputGradient: Bool
) -> LayerGradients {
    let cacheBox = box as! CacheBox<L>
    return layer.backward(gradient, cache: &cacheBox.cache, needsInputGradient: needsInputGradient)
}

private func denseDelta(_ box: AnyObject?) -> Matrix? {
    (box as? CacheBox<DenseLayer>)?.cache.delta
}

/// BP1 (Eq. 3.3) and the output layer's backward pass, with the summed cost.
private func outputStep<L: Layer>(
    _ layer: L, output a: FeatureMaps, target y: Matrix, cost: any Cost, box: AnyObject, needsInputGradient: Bool
) -> (gradients: LayerGradients, cost: Double) {
    precondition(
        y.rows == a.values.rows && y.columns == a.values.columns,
        "targets are \(y.shapeDescription) but the network's output is \(a.values.shapeDescription)")
    if let activationLayer = layer as? any ActivationOutputLayer {
        return activationOutputStep(
            activationLayer, output: a, target: y, cost: cost, box: box, needsInputGradient: needsInputGradient)
    }
    if let refusal = cost.refusal(outputActivation: .identity) {
        preconditionFailure("\(cost.name) after \(layer.summary): \(refusal)")
    }
    let g = cost.gradient(output: a.values, target: y)
    let total = cost.cost(z: a.values, output: a.values, target: y, activation: .identity)
    let cacheBox = box as! CacheBox<L>
    let gradients = layer.backward(
        FeatureMaps(channels: a.channels, batch: a.batch, height: a.height, width: a.width, values: g),
        cache: &cacheBox.cache, needsInputGradient: needsInputGradient)
    return (gradients, total)
}

private func activationOutputStep<L: ActivationOutputLayer>(
    _ layer: L, output a: FeatureMaps, target y: Matrix, cost: any Cost, box: AnyObject, needsInputGradient: Bool
) -> (gradients: LayerGradients, cost: Double) {
    let cacheBox = box as! CacheBox<L>
    let f = layer.outputActivation
    if let refusal = cost.refusal(outputActivation: f) {
        preconditionFailure("\(cost.name) after \(layer.summary): \(refusal)")
    }
    let z = layer.weightedInput(in: cacheBox.cache)
    // BP1: δᴸ = ∇ₐC ⊙ f′(zᴸ), or aᴸ − y where Eq. 4.6 cancels.
    let delta = cost.outputError(z: z, output: a.values, target: y, activation: f)
    let gradients = layer.backward(
        delta: FeatureMaps(channels: a.channels, batch: a.batch, height: a.height, width: a.width, values: delta),
        cache: &cacheBox.cache, needsInputGradient: needsInputGradient)
    return (gradients, cost.cost(z: z, output: a.values, target: y, activation: f))
}

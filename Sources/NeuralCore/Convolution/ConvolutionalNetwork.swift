// A layer stack for images: convolution stages (convolution → activation → optional pooling),
// then a flatten, then an ordinary dense `Network`. Backpropagation runs the dense part with
// the existing code and carries δ down through flatten, pooling and the convolutions.

/// One convolution stage: z = w ⊛ x + b (Eq. 6.4), a = f(z), then an optional pooling.
public struct ConvolutionStage: Sendable, Equatable {
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

    /// (channels, height, width) of the stage's output for one example.
    public var outputShape: (channels: Int, height: Int, width: Int) {
        let g = convolution.geometry
        guard let pooling else { return (g.outputChannels, g.outputHeight, g.outputWidth) }
        return (g.outputChannels, pooling.outputSize(g.outputHeight), pooling.outputSize(g.outputWidth))
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

    /// δ = ∂C/∂z of the stage from g = ∂C/∂(stage output): back through the pooling (Eq. 6.10–6.11),
    /// then ⊙ f′(z) (the σ′ factor of Eq. 6.7).
    public func delta(upstream: FeatureMaps, cache: Cache) -> FeatureMaps {
        var buffers = cache
        computeDelta(upstream: upstream, cache: &buffers)
        return buffers.delta
    }

    /// `delta` into `cache.delta`.
    public func computeDelta(upstream: FeatureMaps, cache: inout Cache) {
        if let pooling, pooling.kind == .max, activation == .relu {
            // ReLU then max pooling: route each gradient to its arg-max when that a is positive.
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
}

/// Convolution stages, a flatten, and dense layers, trained end to end.
public struct ConvolutionalNetwork: Sendable, Equatable {
    public var inputChannels: Int
    public var inputHeight: Int
    public var inputWidth: Int
    public var stages: [ConvolutionStage]
    /// The dense part, fed the flattened output of the last stage.
    public var dense: Network

    public init(inputChannels: Int, inputHeight: Int, inputWidth: Int, stages: [ConvolutionStage], dense: Network) {
        var shape = (channels: inputChannels, height: inputHeight, width: inputWidth)
        for (index, stage) in stages.enumerated() {
            let g = stage.convolution.geometry
            precondition(
                g.inputChannels == shape.channels && g.inputHeight == shape.height && g.inputWidth == shape.width,
                "stage \(index + 1) expects \(g.inputChannels)×\(g.inputHeight)×\(g.inputWidth) maps, the stage below gives \(shape.channels)×\(shape.height)×\(shape.width)"
            )
            shape = stage.outputShape
        }
        precondition(
            dense.layers[0].inputs == shape.channels * shape.height * shape.width,
            "the dense part takes \(dense.layers[0].inputs) inputs, the flattened maps have \(shape.channels * shape.height * shape.width)"
        )
        self.inputChannels = inputChannels
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.stages = stages
        self.dense = dense
    }

    /// The chapter's kind of network: for every entry of `convolutions` a stage of `channels`
    /// kernels of `kernel` × `kernel` (stride 1, no padding), ReLU, and max-pooling by `pool`
    /// (none when 1); then dense ReLU layers of `hidden` sizes and a softmax layer of `classes`.
    /// He initialization throughout.
    public init(
        inputChannels: Int = 1, inputHeight: Int, inputWidth: Int,
        convolutions: [(kernel: Int, channels: Int, pool: Int)], hidden: [Int], classes: Int,
        using generator: inout SeededGenerator
    ) {
        var shape = (channels: inputChannels, height: inputHeight, width: inputWidth)
        var stages: [ConvolutionStage] = []
        for spec in convolutions {
            let geometry = ConvolutionGeometry(
                inputChannels: shape.channels, outputChannels: spec.channels, inputHeight: shape.height,
                inputWidth: shape.width, kernel: spec.kernel)
            let stage = ConvolutionStage(
                convolution: Convolution2D(geometry: geometry, using: &generator), activation: .relu,
                pooling: spec.pool > 1 ? Pooling2D(.max, size: spec.pool) : nil)
            stages.append(stage)
            shape = stage.outputShape
        }
        let sizes = [shape.channels * shape.height * shape.width] + hidden + [classes]
        let dense = Network(sizes: sizes, hidden: .relu, output: .softmax, initialization: .he, using: &generator)
        self.init(
            inputChannels: inputChannels, inputHeight: inputHeight, inputWidth: inputWidth, stages: stages, dense: dense
        )
    }

    /// Number of weights and biases.
    public var parameterCount: Int {
        stages.reduce(0) { $0 + $1.convolution.geometry.parameterCount } + dense.parameterCount
    }

    /// Every parameter: w, b of each convolution, then w, b of each dense layer. Weights sit at
    /// the even indices, as in `Network.parameters`.
    public var parameters: [Matrix] {
        get { stages.flatMap { [$0.convolution.weights, $0.convolution.biases] } + dense.parameters }
        set {
            precondition(
                newValue.count == 2 * (stages.count + dense.layers.count), "wrong number of parameter matrices")
            for index in stages.indices {
                stages[index].convolution.weights = newValue[2 * index]
                stages[index].convolution.biases = newValue[2 * index + 1]
            }
            dense.parameters = Array(newValue[(2 * stages.count)...])
        }
    }

    /// Lets `body` update every parameter in place without copying (as `Network.updateParameters`).
    public mutating func updateParameters(_ body: (inout [Matrix]) -> Void) {
        let empty = Matrix(rows: 0, columns: 0)
        var moved: [Matrix] = []
        for index in stages.indices {
            moved.append(stages[index].convolution.weights)
            moved.append(stages[index].convolution.biases)
            stages[index].convolution.weights = empty
            stages[index].convolution.biases = empty
        }
        let convolutionCount = 2 * stages.count
        dense.updateParameters { denseParameters in
            moved.append(contentsOf: denseParameters)
            denseParameters = []
            body(&moved)
            denseParameters = Array(moved[convolutionCount...])
        }
        for index in stages.indices {
            stages[index].convolution.weights = moved[2 * index]
            stages[index].convolution.biases = moved[2 * index + 1]
        }
    }

    /// The examples at `indices` of `data` as this network's input maps.
    public func input(_ data: LabeledData, indices: [Int]) -> FeatureMaps {
        FeatureMaps(examples: data, indices: indices, channels: inputChannels, height: inputHeight, width: inputWidth)
    }

    /// What a forward pass keeps (and the buffers reused from one mini-batch to the next).
    public struct Cache: Sendable {
        public var stages: [ConvolutionStage.Cache] = []
        public var dense: [DenseLayer.Cache] = []
        public init() {}
    }

    /// The forward pass keeping every cache; inverted dropout (Eq. 5.5) on the dense hidden
    /// layers when `dropoutKeep` is given.
    public func forwardPass(_ x: FeatureMaps, dropoutKeep: Double? = nil, generator: inout SeededGenerator) -> Cache {
        var cache = Cache()
        forwardPass(x, dropoutKeep: dropoutKeep, generator: &generator, cache: &cache)
        return cache
    }

    /// The forward pass into the buffers of `cache` (pass the same cache every mini-batch).
    public func forwardPass(
        _ x: FeatureMaps, dropoutKeep: Double? = nil, generator: inout SeededGenerator, cache: inout Cache
    ) {
        if cache.stages.count != stages.count { cache.stages = stages.map { _ in ConvolutionStage.Cache() } }
        for index in stages.indices {
            if index == 0 {
                stages[0].forward(x, cache: &cache.stages[0])
            } else {
                let input = cache.stages[index - 1].output
                stages[index].forward(input, cache: &cache.stages[index])
            }
        }
        let flat = Flatten.forward(cache.stages[stages.count - 1].output)
        cache.dense = dense.forwardPass(flat, dropoutKeep: dropoutKeep, generator: &generator)
    }

    /// The output aᴸ (classes × batch) for input maps `x`.
    public func feedforward(_ x: FeatureMaps) -> Matrix {
        var cache = Cache()
        return feedforward(x, cache: &cache)
    }

    /// `feedforward` reusing the buffers of `cache`.
    public func feedforward(_ x: FeatureMaps, cache: inout Cache) -> Matrix {
        var generator = SeededGenerator(seed: 0)  // unused without dropout
        forwardPass(x, generator: &generator, cache: &cache)
        return cache.dense[cache.dense.count - 1].a
    }

    /// Backpropagation through the whole stack for one mini-batch: the dense part by BP1–BP4,
    /// then Eq. 6.12 (flatten), 6.10–6.11 (pooling), σ′, 6.8–6.9 (∂C/∂w, ∂C/∂b) and 6.7 (δ below)
    /// for each convolution. The first convolution's input gradient is never needed and not
    /// computed. Gradients are of the cost averaged over the batch, in `parameters` order.
    public func backpropagate(caches: Cache, target y: Matrix, cost: any Cost) -> Network.Backpropagation {
        var buffers = caches
        return backpropagate(caches: &buffers, target: y, cost: cost)
    }

    /// `backpropagate` using the backward buffers of `caches`.
    public func backpropagate(caches: inout Cache, target y: Matrix, cost: any Cost) -> Network.Backpropagation {
        let denseResult = dense.backpropagate(caches: caches.dense, target: y, cost: cost)
        let scale = 1 / Double(y.columns)
        var gradients: [Matrix] = []
        // ∂C/∂(flattened maps) = (w of the first dense layer)ᵀ δ.
        let flatGradient = dense.layers[0].propagate(delta: denseResult.deltas[0])
        let lastShape = stages[stages.count - 1].outputShape
        var upstream = Flatten.backward(
            flatGradient, channels: lastShape.channels, height: lastShape.height, width: lastShape.width)
        for index in stride(from: stages.count - 1, through: 0, by: -1) {
            let stage = stages[index]
            stage.computeDelta(upstream: upstream, cache: &caches.stages[index])
            let delta = caches.stages[index].delta
            let g = stage.convolution.gradients(delta: delta, cache: caches.stages[index].convolution, scale: scale)
            gradients.insert(g.biases, at: 0)
            gradients.insert(g.weights, at: 0)
            if index > 0 {
                upstream = FeatureMaps.empty
                swap(&upstream, &caches.stages[index].inputGradient)
                stage.convolution.propagate(delta: delta, cache: &caches.stages[index].convolution, into: &upstream)
                // Hand the buffer back after use below: keep it in the cache for the next batch.
                caches.stages[index].inputGradient = upstream
            }
        }
        return Network.Backpropagation(
            gradients: gradients + denseResult.gradients, deltas: denseResult.deltas, cost: denseResult.cost)
    }

    /// Forward and backward for one mini-batch.
    public func backpropagate(
        _ x: FeatureMaps, _ y: Matrix, cost: any Cost, dropoutKeep: Double? = nil, generator: inout SeededGenerator
    ) -> Network.Backpropagation {
        var cache = Cache()
        forwardPass(x, dropoutKeep: dropoutKeep, generator: &generator, cache: &cache)
        return backpropagate(caches: &cache, target: y, cost: cost)
    }

    /// The index of the largest output for every example.
    public func predictions(_ x: FeatureMaps) -> [Int] { feedforward(x).argmaxPerColumn() }
}

// A feed-forward network of dense layers, with backpropagation written two ways: the whole
// mini-batch as one matrix (fast, through BLAS), and the classic loop over single examples
// (the formulation of the notes). The tests check that both give the same gradient.

/// A feed-forward network: layer l maps aˡ⁻¹ to aˡ. `layers[0]` is the first hidden layer
/// (l = 2 in the notes, where l = 1 is the input layer).
public struct Network: Sendable, Equatable {
    public var layers: [DenseLayer]

    public init(layers: [DenseLayer]) {
        for (lower, upper) in zip(layers, layers.dropFirst()) {
            precondition(
                lower.outputs == upper.inputs,
                "Network: a layer of \(lower.outputs) outputs cannot feed a layer of \(upper.inputs) inputs")
        }
        self.layers = layers
    }

    /// A network of the given sizes, e.g. [784, 30, 10], with `hidden` activations in every
    /// hidden layer and `output` in the last.
    public init(
        sizes: [Int], hidden: Activation = .sigmoid, output: Activation = .sigmoid,
        initialization: WeightInitialization = .standardNormal, using generator: inout SeededGenerator
    ) {
        precondition(sizes.count >= 2, "a network needs at least an input and an output layer")
        var layers: [DenseLayer] = []
        for index in 1..<sizes.count {
            let activation = index == sizes.count - 1 ? output : hidden
            layers.append(
                initialization.layer(
                    inputs: sizes[index - 1], outputs: sizes[index], activation: activation, using: &generator))
        }
        self.init(layers: layers)
    }

    /// [inputs, hidden…, outputs].
    public var sizes: [Int] { [layers[0].inputs] + layers.map(\.outputs) }

    /// Number of weights and biases.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.weights.count + $1.biases.count } }

    /// Every parameter in a fixed order, w¹, b¹, w², b², … (what optimizers update).
    public var parameters: [Matrix] {
        get { layers.flatMap { [$0.weights, $0.biases] } }
        set {
            precondition(newValue.count == 2 * layers.count, "expected \(2 * layers.count) parameter matrices")
            for index in layers.indices {
                layers[index].weights = newValue[2 * index]
                layers[index].biases = newValue[2 * index + 1]
            }
        }
    }

    /// Lets `body` update every parameter in place (e.g. an optimizer step) without copying: the
    /// matrices are moved out of the layers for the duration and moved back afterwards.
    public mutating func updateParameters(_ body: (inout [Matrix]) -> Void) {
        var moved: [Matrix] = []
        moved.reserveCapacity(2 * layers.count)
        let empty = Matrix(rows: 0, columns: 0)
        for index in layers.indices {
            moved.append(layers[index].weights)
            moved.append(layers[index].biases)
            layers[index].weights = empty
            layers[index].biases = empty
        }
        body(&moved)
        for index in layers.indices {
            layers[index].weights = moved[2 * index]
            layers[index].biases = moved[2 * index + 1]
        }
    }

    /// Eq. 3.1 applied layer after layer: the output aᴸ for every column of `x`.
    public func feedforward(_ x: Matrix) -> Matrix {
        var a = x
        for layer in layers { a = layer.forward(a).a }
        return a
    }

    /// The forward pass keeping every layer's cache, with optional inverted dropout on the
    /// hidden layers (each hidden unit kept with probability `dropoutKeep`, Eq. 5.5).
    public func forwardPass(
        _ x: Matrix, dropoutKeep: Double? = nil, generator: inout SeededGenerator
    ) -> [DenseLayer.Cache] {
        var caches: [DenseLayer.Cache] = []
        caches.reserveCapacity(layers.count)
        var a = x
        for (index, layer) in layers.enumerated() {
            var cache = layer.forward(a)
            if let keep = dropoutKeep, index < layers.count - 1 {
                let mask = Dropout.mask(like: cache.a, keep: keep, using: &generator)
                cache.a = cache.a ⊙ mask
                cache.dropoutMask = mask
            }
            caches.append(cache)
            a = cache.a
        }
        return caches
    }

    /// The result of backpropagation: gradients in `parameters` order, and every layer's δ.
    public struct Backpropagation: Sendable {
        /// ∂C/∂w¹, ∂C/∂b¹, ∂C/∂w², … (of the cost averaged over the mini-batch).
        public var gradients: [Matrix]
        /// δˡ for every layer, outputs × batch.
        public var deltas: [Matrix]
        /// The cost summed over the mini-batch, computed on the way.
        public var cost: Double
    }

    /// Backpropagation for a whole mini-batch as matrices (Eq. 3.3–3.6): BP1 at the output,
    /// BP2 down the layers, BP3 and BP4 for the gradients, which are of the cost averaged over
    /// the m columns: ∂C/∂w = (1/m) Σₓ ∂Cₓ/∂w (the average of Eq. 3.7).
    public func backpropagate(
        _ x: Matrix, _ y: Matrix, cost: any Cost, dropoutKeep: Double? = nil,
        generator: inout SeededGenerator
    ) -> Backpropagation {
        let caches = forwardPass(x, dropoutKeep: dropoutKeep, generator: &generator)
        return backpropagate(caches: caches, target: y, cost: cost)
    }

    /// Backpropagation from a forward pass already made.
    public func backpropagate(caches: [DenseLayer.Cache], target y: Matrix, cost: any Cost) -> Backpropagation {
        let last = caches[caches.count - 1]
        let m = Double(y.columns)
        // BP1: δᴸ = ∇ₐC ⊙ f′(zᴸ).
        var delta = cost.outputError(
            z: last.z, output: last.a, target: y, activation: layers[layers.count - 1].activation)
        var deltas = [delta]
        var gradients: [Matrix] = []
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            // BP3 and BP4.
            let g = layer.gradients(delta: delta, cache: caches[l], scale: 1 / m)
            gradients.insert(g.biases, at: 0)
            gradients.insert(g.weights, at: 0)
            guard l > 0 else { break }
            // BP2: δˡ⁻¹ = ((wˡ)ᵀδˡ) ⊙ f′(zˡ⁻¹), through the dropout mask if one was applied.
            let below = caches[l - 1]
            var upstream = layer.propagate(delta: delta)
            if let mask = below.dropoutMask { upstream = upstream ⊙ mask }
            let activationBelow = layers[l - 1].activation
            let aBeforeDropout = below.dropoutMask == nil ? below.a : activationBelow.value(below.z)
            delta = activationBelow.backward(z: below.z, a: aBeforeDropout, upstream: upstream)
            deltas.insert(delta, at: 0)
        }
        let total = cost.cost(z: last.z, output: last.a, target: y)
        return Backpropagation(gradients: gradients, deltas: deltas, cost: total)
    }

    /// The classic formulation: backpropagate each example (column) on its own and average the
    /// per-example gradients, as in the notes' loop over a mini-batch. Slower; the same numbers.
    public func backpropagatePerExample(_ x: Matrix, _ y: Matrix, cost: any Cost) -> [Matrix] {
        var generator = SeededGenerator(seed: 0)  // unused: no dropout in the classic loop
        var sum = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
        for column in 0..<x.columns {
            let single = backpropagate(x.columns([column]), y.columns([column]), cost: cost, generator: &generator)
            for index in sum.indices { sum[index] += single.gradients[index] }
        }
        let m = Double(x.columns)
        return sum.map { $0 / m }
    }

    /// The index of the largest output for every column: the predicted class.
    public func predictions(_ x: Matrix) -> [Int] {
        feedforward(x).argmaxPerColumn()
    }
}

// A 2-D convolutional layer (cross-correlation, as CNNs use it) over many channels, computed as
// im2col followed by one matrix product per mini-batch through BLAS, with its backward pass
// beside it. DirectConvolution.swift holds the nested-loop version the tests compare against.

/// A convolutional layer: `weights` w (Cout × Cin·KH·KW, one row per output channel, each row
/// a kernel flattened channel by channel, row by row) and `biases` b (Cout × 1).
public struct Convolution2D: Sendable, Equatable {
    public var geometry: ConvolutionGeometry
    public var weights: Matrix
    public var biases: Matrix
    /// The precision of the three products (Eq. 6.5, 6.7, 6.8). `.single` rounds X_col, δ and w to
    /// Float, multiplies in Float and widens the results back to Double; the biases, sums and
    /// everything outside the products stay in Double. A choice of how to compute, not part of
    /// the model: a saved network loads back in `.double`.
    public var precision: ProductPrecision = .double

    public init(geometry: ConvolutionGeometry, weights: Matrix, biases: Matrix) {
        precondition(
            weights.rows == geometry.outputChannels && weights.columns == geometry.patchSize,
            "Convolution2D: weights must be \(geometry.outputChannels)×\(geometry.patchSize) for \(geometry), got \(weights.shapeDescription)"
        )
        precondition(
            biases.rows == geometry.outputChannels && biases.columns == 1,
            "Convolution2D: biases must be \(geometry.outputChannels)×1, got \(biases.shapeDescription)")
        self.geometry = geometry
        self.weights = weights
        self.biases = biases
    }

    /// A layer with He-scaled Gaussian weights N(0, 2/(Cin·KH·KW)) (Eq. 5.9 with the receptive
    /// field as fan-in) and zero biases, for ReLU units.
    public init(geometry: ConvolutionGeometry, using generator: inout SeededGenerator) {
        let deviation = (2 / Double(geometry.patchSize)).squareRoot()
        self.init(
            geometry: geometry,
            weights: Matrix.gaussian(
                geometry.outputChannels, geometry.patchSize, standardDeviation: deviation, using: &generator),
            biases: Matrix(rows: geometry.outputChannels, columns: 1))
    }

    /// How a convolution's kernels start; biases start at 0 either way.
    public enum Initialization: Sendable, Equatable {
        /// N(0, 2/(Cin·KH·KW)), Eq. 5.9 with the receptive field as fan-in: the chapter's default.
        case he
        /// Caffe's "xavier" filler, uniform in ±√(3/(Cin·KH·KW)) (Eq. 6.13; `XavierUniform`).
        case xavierUniform
    }

    /// A layer whose kernels are drawn by `initialization` and whose biases are 0. `.he` draws
    /// exactly what `init(geometry:using:)` draws.
    public init(geometry: ConvolutionGeometry, initialization: Initialization, using generator: inout SeededGenerator) {
        switch initialization {
        case .he:
            self.init(geometry: geometry, using: &generator)
        case .xavierUniform:
            self.init(
                geometry: geometry,
                weights: XavierUniform.weights(
                    geometry.outputChannels, geometry.patchSize, fanIn: geometry.patchSize, using: &generator),
                biases: Matrix(rows: geometry.outputChannels, columns: 1))
        }
    }

    /// Kernel (output channel co, input channel ci) as a KH × KW matrix.
    public func kernel(output co: Int, input ci: Int) -> Matrix {
        let g = geometry
        return Matrix(rows: g.kernelHeight, columns: g.kernelWidth) { ky, kx in
            weights[co, (ci * g.kernelHeight + ky) * g.kernelWidth + kx]
        }
    }

    /// What the forward pass keeps for the backward pass, and buffers reused between mini-batches.
    public struct Cache: Sendable {
        /// The im2col patch matrix X_col of the input, (Cin·KH·KW) × (B·OH·OW).
        public var patches: Matrix
        /// The mini-batch size B.
        public var batch: Int
        /// Buffer for wᵀδ in the backward pass, the shape of `patches`.
        var patchGradient = Matrix(rows: 0, columns: 0)
        /// In single precision: X_col, w·X_col, δ and wᵀδ as Float (`patches` then stays empty).
        var singlePatches = SingleMatrix.empty
        var singleZ = SingleMatrix.empty
        var singleDelta = SingleMatrix.empty
        var singlePatchGradient = SingleMatrix.empty

        public init(patches: Matrix, batch: Int) {
            self.patches = patches
            self.batch = batch
        }

        /// A cache with no buffers yet.
        public static var empty: Cache { Cache(patches: Matrix(rows: 0, columns: 0), batch: 0) }
    }

    /// Eq. 6.4–6.5 — z = w·X_col + b: every output channel of every example in one product.
    /// - Returns: z as Cout × B × OH × OW feature maps, and the cache.
    public func forward(_ input: FeatureMaps) -> (z: FeatureMaps, cache: Cache) {
        var cache = Cache.empty
        var z = FeatureMaps.empty
        forward(input, cache: &cache, z: &z)
        return (z, cache)
    }

    /// The forward pass writing into buffers kept from the previous mini-batch (`cache.patches`
    /// and `z` are resized only when the shapes change).
    public func forward(_ input: FeatureMaps, cache: inout Cache, z: inout FeatureMaps) {
        cache.batch = input.batch
        FeatureMaps.prepare(
            &z, channels: geometry.outputChannels, batch: input.batch, height: geometry.outputHeight,
            width: geometry.outputWidth)
        switch precision {
        case .double:
            Im2Col.patches(input, geometry: geometry, into: &cache.patches)
            z.values.addProduct(weights, cache.patches, beta: 0)
            Self.addBiases(biases, to: &z.values)
        case .single:
            Im2Col.patches(input, geometry: geometry, into: &cache.singlePatches)
            SingleMatrix.prepare(&cache.singleZ, rows: z.values.rows, columns: z.values.columns)
            cache.singleZ.addProduct(SingleMatrix(weights), cache.singlePatches, beta: 0)
            Self.widen(cache.singleZ, addingBiases: biases, into: &z.values)
        }
    }

    /// z[c, k] = Double(product[c, k]) + bᶜ: a single-precision product widened, biases added in Double.
    static func widen(_ product: SingleMatrix, addingBiases biases: Matrix, into z: inout Matrix) {
        let n = z.columns
        biases.elements.withUnsafeBufferPointer { b in
            product.elements.withUnsafeBufferPointer { source in
                z.elements.withUnsafeMutableBufferPointer { values in
                    for c in 0..<b.count {
                        let bias = b[c]
                        let from = source.baseAddress! + c * n
                        let row = values.baseAddress! + c * n
                        for k in 0..<n { row[k] = Double(from[k]) + bias }
                    }
                }
            }
        }
    }

    /// Adds bias bᶜ to every entry of row c.
    static func addBiases(_ biases: Matrix, to z: inout Matrix) {
        let n = z.columns
        biases.elements.withUnsafeBufferPointer { b in
            z.elements.withUnsafeMutableBufferPointer { values in
                for c in 0..<b.count {
                    let bias = b[c]
                    let row = values.baseAddress! + c * n
                    for k in 0..<n { row[k] += bias }
                }
            }
        }
    }

    /// The gradients of the layer's parameters.
    public struct Gradients: Sendable, Equatable {
        /// ∂C/∂w, Cout × Cin·KH·KW.
        public var weights: Matrix
        /// ∂C/∂b, Cout × 1.
        public var biases: Matrix
    }

    /// Eq. 6.8–6.9 — ∂C/∂w = δ·X_colᵀ (the correlation of the input with δ, summed over the
    /// batch) and ∂C/∂b = Σ δ over every position of every example, both times `scale`.
    /// - Parameters:
    ///   - delta: δ = ∂C/∂z, Cout × B × OH × OW.
    ///   - cache: what the forward pass kept (the patch matrix X_col).
    ///   - scale: the factor on both gradients, e.g. 1/m for the mean over a mini-batch of m.
    public func gradients(delta: FeatureMaps, cache: Cache, scale: Double = 1) -> Gradients {
        var buffers = cache
        return gradients(delta: delta, cache: &buffers, scale: scale)
    }

    /// `gradients` keeping its single-precision buffer (δ as Float) in `cache` for the next call.
    public func gradients(delta: FeatureMaps, cache: inout Cache, scale: Double = 1) -> Gradients {
        requireDelta(delta, cache: cache)
        var dW: Matrix
        switch precision {
        case .double:
            dW = Matrix.product(delta.values, cache.patches, transposeB: true, alpha: scale)
        case .single:
            cache.singleDelta.assign(delta.values)
            var product = SingleMatrix(rows: geometry.outputChannels, columns: geometry.patchSize)
            product.addProduct(cache.singleDelta, cache.singlePatches, transposeB: true, beta: 0)
            dW = Matrix(widening: product)
            if scale != 1 { dW *= scale }
        }
        var db = delta.values.rowSums()
        if scale != 1 { db *= scale }
        return Gradients(weights: dW, biases: db)
    }

    /// Eq. 6.7 (first half) — ∂C/∂x = col2im(wᵀδ): δ spread back through every kernel, the full
    /// convolution of δ with the 180°-rotated kernels. The layer below multiplies by its σ′.
    public func propagate(delta: FeatureMaps, cache: Cache) -> FeatureMaps {
        var buffers = cache
        var result = FeatureMaps.empty
        propagate(delta: delta, cache: &buffers, into: &result)
        return result
    }

    /// `propagate` writing into reused buffers (`cache`'s product buffer and `result`).
    public func propagate(delta: FeatureMaps, cache: inout Cache, into result: inout FeatureMaps) {
        requireDelta(delta, cache: cache)
        switch precision {
        case .double:
            if cache.patchGradient.rows != geometry.patchSize || cache.patchGradient.columns != delta.values.columns {
                cache.patchGradient = Matrix(rows: geometry.patchSize, columns: delta.values.columns)
            }
            cache.patchGradient.addProduct(weights, delta.values, transposeA: true, beta: 0)
            Im2Col.accumulate(cache.patchGradient, geometry: geometry, batch: cache.batch, into: &result)
        case .single:
            cache.singleDelta.assign(delta.values)
            SingleMatrix.prepare(
                &cache.singlePatchGradient, rows: geometry.patchSize, columns: delta.values.columns)
            cache.singlePatchGradient.addProduct(SingleMatrix(weights), cache.singleDelta, transposeA: true, beta: 0)
            Im2Col.accumulate(cache.singlePatchGradient, geometry: geometry, batch: cache.batch, into: &result)
        }
    }

    private func requireDelta(_ delta: FeatureMaps, cache: Cache) {
        precondition(
            delta.channels == geometry.outputChannels && delta.batch == cache.batch
                && delta.height == geometry.outputHeight && delta.width == geometry.outputWidth,
            "Convolution2D: δ is \(delta.shapeDescription), expected \(geometry.outputChannels)×\(cache.batch)×\(geometry.outputHeight)×\(geometry.outputWidth)"
        )
    }
}

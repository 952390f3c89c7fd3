// How each built-in layer kind is written to a version-3 model file and rebuilt from it.

extension DenseLayer: SavableLayer {
    public static var kind: String { "dense" }

    public func record() -> ModelFile.LayerRecord {
        var record = ModelFile.LayerRecord(kind: Self.kind)
        record.inputs = inputs
        record.outputs = outputs
        record.activation = ModelFile.name(of: activation)
        record.parameters = [weights.elements, biases.elements]
        return record
    }

    public static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> DenseLayer {
        let inputs = try ModelFile.positive(record.inputs, "inputs")
        let outputs = try ModelFile.positive(record.outputs, "outputs")
        guard input.isFlat, input.channels == inputs else {
            throw ModelFileError("takes \(inputs) inputs but the layer below gives \(input)")
        }
        return DenseLayer(
            weights: try ModelFile.parameter(record, 0, rows: outputs, columns: inputs, name: "weights"),
            biases: try ModelFile.parameter(record, 1, rows: outputs, columns: 1, name: "biases"),
            activation: try ModelFile.activation(of: record))
    }
}

extension Dropout: SavableLayer {
    public static var kind: String { "dropout" }

    public func record() -> ModelFile.LayerRecord {
        var record = ModelFile.LayerRecord(kind: Self.kind)
        record.keep = keep
        return record
    }

    public static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> Dropout {
        guard let keep = record.keep, keep > 0, keep <= 1 else {
            throw ModelFileError("the keep probability is missing or outside (0, 1]")
        }
        return Dropout(keep: keep)
    }
}

extension ActivationLayer: SavableLayer {
    public static var kind: String { "activation" }

    public func record() -> ModelFile.LayerRecord {
        var record = ModelFile.LayerRecord(kind: Self.kind)
        record.activation = ModelFile.name(of: activation)
        return record
    }

    public static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> ActivationLayer {
        ActivationLayer(try ModelFile.activation(of: record))
    }
}

extension Flatten: SavableLayer {
    public static var kind: String { "flatten" }

    public func record() -> ModelFile.LayerRecord { ModelFile.LayerRecord(kind: Self.kind) }

    public static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> Flatten { Flatten() }
}

extension Pooling2D: SavableLayer {
    public static var kind: String { "pooling" }

    public func record() -> ModelFile.LayerRecord {
        var record = ModelFile.LayerRecord(kind: Self.kind)
        record.pooling = ModelFile.PoolingRecord(kind: kind, size: size, stride: stride)
        return record
    }

    public static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> Pooling2D {
        guard let pooling = record.pooling else { throw ModelFileError("no pooling window") }
        return try ModelFile.pooling(pooling, height: input.height, width: input.width)
    }
}

extension Convolution2D: SavableLayer {
    public static var kind: String { "convolution" }

    public func record() -> ModelFile.LayerRecord {
        let g = geometry
        var record = ModelFile.LayerRecord(kind: Self.kind)
        record.outputChannels = g.outputChannels
        record.kernelHeight = g.kernelHeight
        record.kernelWidth = g.kernelWidth
        record.stride = g.stride
        record.padding = g.padding
        record.parameters = [weights.elements, biases.elements]
        return record
    }

    public static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> Convolution2D {
        let geometry = try ModelFile.geometry(record, input: input)
        return Convolution2D(
            geometry: geometry,
            weights: try ModelFile.parameter(
                record, 0, rows: geometry.outputChannels, columns: geometry.patchSize, name: "weights"),
            biases: try ModelFile.parameter(record, 1, rows: geometry.outputChannels, columns: 1, name: "biases"))
    }
}

extension ConvolutionStage: SavableLayer {
    public static var kind: String { "convolutionStage" }

    public func record() -> ModelFile.LayerRecord {
        var record = convolution.record()
        record.kind = Self.kind
        record.activation = ModelFile.name(of: activation)
        record.pooling = pooling.map { ModelFile.PoolingRecord(kind: $0.kind, size: $0.size, stride: $0.stride) }
        return record
    }

    public static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> ConvolutionStage {
        let convolution = try Convolution2D.make(from: record, input: input)
        let activation = try ModelFile.activation(of: record)
        guard activation != .softmax else { throw ModelFileError("a convolution stage cannot use softmax") }
        let g = convolution.geometry
        let pooling = try record.pooling.map { try ModelFile.pooling($0, height: g.outputHeight, width: g.outputWidth) }
        return ConvolutionStage(convolution: convolution, activation: activation, pooling: pooling)
    }
}

extension ModelFile {
    /// The geometry a convolution record describes on inputs of `input`, checked.
    static func geometry(_ record: LayerRecord, input: MapShape) throws -> ConvolutionGeometry {
        let outputs = try size(record.outputChannels, "outputChannels")
        let kh = try size(record.kernelHeight, "kernelHeight")
        let kw = try size(record.kernelWidth, "kernelWidth")
        let stride = try size(record.stride, "stride")
        let padding = try size(record.padding, "padding", minimum: 0)
        // Every size is at most 2¹⁶, so these sums and products cannot overflow; the checks
        // bound what the layer would allocate.
        guard kh <= input.height + 2 * padding, kw <= input.width + 2 * padding else {
            throw ModelFileError("a \(kh)×\(kw) kernel does not fit the \(input) input padded by \(padding)")
        }
        let patch = try product(
            input.channels, try product(kh, kw, "a \(kh)×\(kw) kernel", limit: largestMap),
            "a \(kh)×\(kw) kernel on \(input.channels) channels", limit: largestParameterCount)
        _ = try product(outputs, patch, "\(outputs) kernels of \(patch) weights", limit: largestParameterCount)
        try checkMap(
            MapShape(channels: input.channels, height: input.height + 2 * padding, width: input.width + 2 * padding),
            "the input padded by \(padding)")
        return ConvolutionGeometry(
            inputChannels: input.channels, outputChannels: outputs, inputHeight: input.height, inputWidth: input.width,
            kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding)
    }

    /// A pooling window on maps of height × width, checked.
    static func pooling(_ record: PoolingRecord, height: Int, width: Int) throws -> Pooling2D {
        _ = try size(record.size, "pooling.size")
        _ = try size(record.stride, "pooling.stride")
        guard record.size <= height, record.size <= width else {
            throw ModelFileError("a \(record.size)×\(record.size) pooling window does not fit \(height)×\(width) maps")
        }
        return Pooling2D(record.kind, size: record.size, stride: record.stride)
    }
}

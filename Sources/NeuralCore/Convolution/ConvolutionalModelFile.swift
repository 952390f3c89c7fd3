// Saving and loading convolutional networks: version 2 of the workbook's model format, which
// lists layers by kind. Version 1 (dense networks only, ModelFile.swift) is still read by
// `ModelFile.load`; version 2 adds the input shape and convolution layers:
//
//     { "format": "neural-workbook-network", "version": 2,
//       "input": { "channels": 1, "height": 28, "width": 28 },
//       "layers": [ { "kind": "convolution", "outputChannels": 20, "kernelHeight": 5, "kernelWidth": 5,
//                     "stride": 1, "padding": 0, "activation": "relu",
//                     "pooling": { "kind": "max", "size": 2, "stride": 2 },
//                     "weights": [ … ], "biases": [ … ] },
//                   { "kind": "dense", "inputs": 640, "outputs": 100, "activation": "relu",
//                     "weights": [ … ], "biases": [ … ] }, … ] }
//
// Convolution weights are stored as in `Convolution2D.weights`: one row per output channel.

import Foundation

extension ModelFile {
    /// The version that holds layers by kind (convolutional networks).
    public static let layeredVersion = 2

    struct LayeredDocument: Codable {
        var format: String
        var version: Int
        var input: InputShape
        var layers: [KindedLayer]
    }

    struct InputShape: Codable {
        var channels: Int
        var height: Int
        var width: Int
    }

    struct PoolingRecord: Codable {
        var kind: Pooling2D.Kind
        var size: Int
        var stride: Int
    }

    struct KindedLayer: Codable {
        var kind: String
        var inputs: Int?
        var outputs: Int?
        var outputChannels: Int?
        var kernelHeight: Int?
        var kernelWidth: Int?
        var stride: Int?
        var padding: Int?
        var pooling: PoolingRecord?
        var activation: String
        var weights: [Double]
        var biases: [Double]
    }

    /// Writes a convolutional network to `url` atomically (format version 2).
    public static func save(_ network: ConvolutionalNetwork, to url: URL) throws {
        var layers: [KindedLayer] = network.stages.map { stage in
            let g = stage.convolution.geometry
            return KindedLayer(
                kind: "convolution", inputs: nil, outputs: nil, outputChannels: g.outputChannels,
                kernelHeight: g.kernelHeight, kernelWidth: g.kernelWidth, stride: g.stride, padding: g.padding,
                pooling: stage.pooling.map { PoolingRecord(kind: $0.kind, size: $0.size, stride: $0.stride) },
                activation: name(of: stage.activation), weights: stage.convolution.weights.elements,
                biases: stage.convolution.biases.elements)
        }
        layers += network.dense.layers.map { layer in
            KindedLayer(
                kind: "dense", inputs: layer.inputs, outputs: layer.outputs, activation: name(of: layer.activation),
                weights: layer.weights.elements, biases: layer.biases.elements)
        }
        let document = LayeredDocument(
            format: format, version: layeredVersion,
            input: InputShape(channels: network.inputChannels, height: network.inputHeight, width: network.inputWidth),
            layers: layers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(document), to: url)
    }

    /// Reads a convolutional network (format version 2) from `url`.
    public static func loadConvolutional(from url: URL) throws -> ConvolutionalNetwork {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelFileError("cannot read the model file \(url.path): \(error.localizedDescription)")
        }
        return try decodeConvolutional(data, source: url.lastPathComponent)
    }

    /// Decodes a convolutional network from the bytes of a version-2 model file, checking every shape.
    public static func decodeConvolutional(_ data: Data, source: String = "model") throws -> ConvolutionalNetwork {
        struct Header: Codable {
            var format: String?
            var version: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == format else {
            throw ModelFileError("\(source) is not a Neural Workbook model file")
        }
        guard header.version == layeredVersion else {
            let found = header.version.map(String.init) ?? "none"
            throw ModelFileError(
                "\(source) has format version \(found), not the convolutional version \(layeredVersion)\(found == "1" ? "; it holds a dense network: load it with ModelFile.load" : "")"
            )
        }
        let document: LayeredDocument
        do {
            document = try JSONDecoder().decode(LayeredDocument.self, from: data)
        } catch {
            throw ModelFileError("\(source) is damaged: \(error.localizedDescription)")
        }
        var shape = (channels: document.input.channels, height: document.input.height, width: document.input.width)
        guard shape.channels > 0, shape.height > 0, shape.width > 0 else {
            throw ModelFileError("\(source): the input shape must be positive")
        }
        var stages: [ConvolutionStage] = []
        var dense: [DenseLayer] = []
        for (index, record) in document.layers.enumerated() {
            let number = index + 1
            guard let activation = activation(named: record.activation) else {
                throw ModelFileError("\(source): layer \(number) has an unknown activation \"\(record.activation)\"")
            }
            switch record.kind {
            case "convolution":
                guard dense.isEmpty else {
                    throw ModelFileError("\(source): layer \(number) is a convolution after a dense layer")
                }
                guard let outputs = record.outputChannels, let kh = record.kernelHeight, let kw = record.kernelWidth,
                    let stride = record.stride, let padding = record.padding, outputs > 0, kh > 0, kw > 0, stride > 0,
                    padding >= 0, kh <= shape.height + 2 * padding, kw <= shape.width + 2 * padding
                else {
                    throw ModelFileError("\(source): convolution layer \(number) has a missing or impossible shape")
                }
                let geometry = ConvolutionGeometry(
                    inputChannels: shape.channels, outputChannels: outputs, inputHeight: shape.height,
                    inputWidth: shape.width, kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding)
                try requireCounts(record, weights: outputs * geometry.patchSize, biases: outputs, number, source)
                var pooling: Pooling2D?
                if let p = record.pooling {
                    guard p.size >= 1, p.stride >= 1, p.size <= geometry.outputHeight, p.size <= geometry.outputWidth
                    else { throw ModelFileError("\(source): layer \(number) has an impossible pooling window") }
                    pooling = Pooling2D(p.kind, size: p.size, stride: p.stride)
                }
                guard activation != .softmax else {
                    throw ModelFileError("\(source): convolution layer \(number) cannot use softmax")
                }
                let stage = ConvolutionStage(
                    convolution: Convolution2D(
                        geometry: geometry,
                        weights: Matrix(rows: outputs, columns: geometry.patchSize, elements: record.weights),
                        biases: Matrix(column: record.biases)), activation: activation, pooling: pooling)
                stages.append(stage)
                shape = stage.outputShape
            case "dense":
                guard let inputs = record.inputs, let outputs = record.outputs, inputs > 0, outputs > 0 else {
                    throw ModelFileError("\(source): dense layer \(number) has a missing or non-positive size")
                }
                let expectedInputs = dense.last?.outputs ?? shape.channels * shape.height * shape.width
                guard inputs == expectedInputs else {
                    throw ModelFileError(
                        "\(source): dense layer \(number) takes \(inputs) inputs but the layer below gives \(expectedInputs)"
                    )
                }
                try requireCounts(record, weights: inputs * outputs, biases: outputs, number, source)
                dense.append(
                    DenseLayer(
                        weights: Matrix(rows: outputs, columns: inputs, elements: record.weights),
                        biases: Matrix(column: record.biases), activation: activation))
            default:
                throw ModelFileError("\(source): layer \(number) has an unknown kind \"\(record.kind)\"")
            }
        }
        guard !stages.isEmpty, !dense.isEmpty else {
            throw ModelFileError("\(source) needs at least one convolution and one dense layer")
        }
        return ConvolutionalNetwork(
            inputChannels: document.input.channels, inputHeight: document.input.height,
            inputWidth: document.input.width, stages: stages, dense: Network(layers: dense))
    }

    private static func requireCounts(
        _ record: KindedLayer, weights: Int, biases: Int, _ number: Int, _ source: String
    ) throws {
        guard record.weights.count == weights else {
            throw ModelFileError("\(source): layer \(number) has \(record.weights.count) weights, expected \(weights)")
        }
        guard record.biases.count == biases else {
            throw ModelFileError("\(source): layer \(number) has \(record.biases.count) biases, expected \(biases)")
        }
    }
}

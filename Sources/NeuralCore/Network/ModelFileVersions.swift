// Reading model files of the two earlier versions into today's `Network`:
//
// Version 1, dense networks:
//     { "format": "neural-workbook-network", "version": 1,
//       "layers": [ { "inputs": 784, "outputs": 30, "activation": "sigmoid",
//                     "weights": [ … ], "biases": [ … ] }, … ] }
//
// Version 2, convolutional networks (convolution stages, then dense layers on the flattened maps):
//     { "format": "neural-workbook-network", "version": 2,
//       "input": { "channels": 1, "height": 28, "width": 28 },
//       "layers": [ { "kind": "convolution", "outputChannels": 20, "kernelHeight": 5, "kernelWidth": 5,
//                     "stride": 1, "padding": 0, "activation": "relu",
//                     "pooling": { "kind": "max", "size": 2, "stride": 2 },
//                     "weights": [ … ], "biases": [ … ] },
//                   { "kind": "dense", "inputs": 640, "outputs": 100, "activation": "relu",
//                     "weights": [ … ], "biases": [ … ] }, … ] }

import Foundation

extension ModelFile {
    /// A layer as versions 1 and 2 wrote it.
    struct OldLayerRecord: Codable {
        var kind: String?
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

        /// The same layer as a version-3 record.
        var current: LayerRecord {
            var record = LayerRecord(kind: kind == "convolution" ? ConvolutionStage.kind : DenseLayer.kind)
            record.inputs = inputs
            record.outputs = outputs
            record.outputChannels = outputChannels
            record.kernelHeight = kernelHeight
            record.kernelWidth = kernelWidth
            record.stride = stride
            record.padding = padding
            record.pooling = pooling
            record.activation = activation
            record.parameters = [weights, biases]
            return record
        }
    }

    struct OldDocument: Codable {
        var input: Shape?
        var layers: [OldLayerRecord]
    }

    /// Version 1: dense layers on a column of features.
    static func decodeVersion1(_ data: Data, source: String) throws -> Network {
        let document = try decodeOld(data, source: source)
        guard let first = document.layers.first?.inputs else {
            throw ModelFileError("\(source): layers[0].inputs is missing")
        }
        let paths = document.layers.indices.map { "layers[\($0)]" }
        return try rebuild(document.layers.map(\.current), input: .features(first), paths: paths, source: source)
    }

    /// Version 2: convolution stages, a flatten, dense layers.
    static func decodeVersion2(_ data: Data, source: String) throws -> Network {
        let document = try decodeOld(data, source: source)
        guard let input = document.input else { throw ModelFileError("\(source): input is missing") }
        var records: [LayerRecord] = []
        var paths: [String] = []
        for (index, old) in document.layers.enumerated() {
            switch old.kind {
            case "convolution":
                guard records.allSatisfy({ $0.kind == ConvolutionStage.kind }) else {
                    throw ModelFileError("\(source): layers[\(index)] is a convolution after a dense layer")
                }
            case "dense":
                if records.last?.kind == ConvolutionStage.kind {
                    records.append(LayerRecord(kind: Flatten.kind))
                    paths.append("the flatten before layers[\(index)]")
                }
            default:
                throw ModelFileError(
                    "\(source): layers[\(index)].kind: unknown kind \"\(old.kind ?? "none")\" (version 2 knows convolution, dense)"
                )
            }
            records.append(old.current)
            paths.append("layers[\(index)]")
        }
        return try rebuild(
            records, input: MapShape(channels: input.channels, height: input.height, width: input.width), paths: paths,
            source: source)
    }

    private static func decodeOld(_ data: Data, source: String) throws -> OldDocument {
        let document: OldDocument = try decodeDocument(data, source: source)
        guard !document.layers.isEmpty else { throw ModelFileError("\(source) has no layers") }
        return document
    }

    /// The network of version-3 records, checked layer by layer.
    private static func rebuild(_ records: [LayerRecord], input: MapShape, paths: [String], source: String) throws
        -> Network
    {
        let document = Document(
            format: format, version: version,
            input: Shape(channels: input.channels, height: input.height, width: input.width), layers: records)
        return try build(document, paths: paths, source: source)
    }
}

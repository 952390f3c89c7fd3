// Saving and loading a network as JSON. The current format, version 3, lists the layers by kind:
//
//     { "format": "neural-workbook-network", "version": 3,
//       "input": { "channels": 784, "height": 1, "width": 1 },
//       "layers": [ { "kind": "dense", "inputs": 784, "outputs": 30, "activation": "sigmoid",
//                     "parameters": [ [ … weights, outputs × inputs, row by row … ], [ … biases … ] ] },
//                   { "kind": "dropout", "keep": 0.5 }, … ] }
//
// Each built-in layer kind writes what rebuilds it (`SavableLayer`); parameters are stored in the
// layer's `parameters` order, row by row. Numbers are written with enough digits to read back bit
// for bit, so a loaded network makes exactly the predictions of the saved one. Files of versions 1
// (dense networks) and 2 (convolutional networks) still load (ModelFileVersions.swift).

import Foundation

/// A problem with a model file, said so a reader can act on it.
public struct ModelFileError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A layer kind the model file can hold: it writes itself as a record and is rebuilt from one.
public protocol SavableLayer: Layer {
    /// The record's "kind", e.g. "dense".
    static var kind: String { get }
    /// Everything that rebuilds this layer (its parameters included).
    func record() -> ModelFile.LayerRecord
    /// The layer a record describes, for an input of `input` per example; throws a one-line
    /// reason when the record is incomplete or its numbers do not fit.
    static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> Self
}

/// Reading and writing networks.
public enum ModelFile {
    public static let format = "neural-workbook-network"
    /// The version this build writes.
    public static let version = 3

    /// The layer kinds version 3 holds (a new built-in kind adds itself here).
    public static var layerKinds: [any SavableLayer.Type] {
        [
            DenseLayer.self, Dropout.self, ActivationLayer.self, Flatten.self, Convolution2D.self, Pooling2D.self,
            ConvolutionStage.self, BatchNormalization.self,
        ]
    }

    /// A pooling window as recorded.
    public struct PoolingRecord: Codable, Sendable, Equatable {
        public var kind: Pooling2D.Kind
        public var size: Int
        public var stride: Int
    }

    /// One layer of a version-3 file: its kind and the fields that kind uses.
    public struct LayerRecord: Codable, Sendable, Equatable {
        public var kind: String
        public var activation: String?
        public var inputs: Int?
        public var outputs: Int?
        public var keep: Double?
        public var outputChannels: Int?
        public var kernelHeight: Int?
        public var kernelWidth: Int?
        public var stride: Int?
        public var padding: Int?
        public var pooling: PoolingRecord?
        /// Named numbers of a kind's own (e.g. an ε).
        public var settings: [String: Double]?
        /// The parameters in `Layer.parameters` order, each row by row.
        public var parameters: [[Double]]?
        /// State that is not a parameter but is saved (e.g. running averages), each row by row.
        public var state: [[Double]]?

        public init(kind: String) { self.kind = kind }
    }

    struct Shape: Codable {
        var channels: Int
        var height: Int
        var width: Int
    }

    struct Document: Codable {
        var format: String
        var version: Int
        var input: Shape
        var layers: [LayerRecord]
    }

    /// The bytes of `network` in format version 3, or an error naming the first layer that is not
    /// a built-in kind.
    public static func encode(_ network: Network) throws -> Data {
        var records: [LayerRecord] = []
        for (index, layer) in network.layers.enumerated() {
            guard let savable = layer as? any SavableLayer else {
                throw ModelFileError(
                    "layer \(index + 1) (\(layer.summary)) is a \(type(of: layer)), not a built-in layer kind; model files hold only \(layerKinds.map { $0.kind }.joined(separator: ", ")) layers"
                )
            }
            var record = savable.record()
            record.kind = type(of: savable).kind
            records.append(record)
        }
        let input = network.inputShape
        let document = Document(
            format: format, version: version,
            input: Shape(channels: input.channels, height: input.height, width: input.width), layers: records)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(document)
    }

    /// Writes `network` to `url` atomically (format version 3).
    public static func save(_ network: Network, to url: URL) throws {
        try AtomicFile.write(try encode(network), to: url)
    }

    /// Reads a network from `url` (format version 1, 2 or 3); with `expectedSizes`, also checks
    /// its `Network.sizes`.
    public static func load(from url: URL, expectedSizes: [Int]? = nil) throws -> Network {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelFileError("cannot read the model file \(url.path): \(error.localizedDescription)")
        }
        return try decode(data, source: url.lastPathComponent, expectedSizes: expectedSizes)
    }

    /// Decodes a network from the bytes of a model file of any version this build reads.
    public static func decode(_ data: Data, source: String = "model", expectedSizes: [Int]? = nil) throws -> Network {
        struct Header: Codable {
            var format: String?
            var version: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == format else {
            throw ModelFileError("\(source) is not a Neural Workbook model file")
        }
        let network: Network
        switch header.version {
        case 1: network = try decodeVersion1(data, source: source)
        case 2: network = try decodeVersion2(data, source: source)
        case 3: network = try decodeVersion3(data, source: source)
        default:
            let found = header.version.map(String.init) ?? "none"
            throw ModelFileError(
                "\(source) has format version \(found); this build reads versions 1 to \(version). Retrain and save the model again."
            )
        }
        if let expectedSizes, expectedSizes != network.sizes {
            throw ModelFileError(
                "\(source) holds a network of sizes \(network.sizes), but \(expectedSizes) was expected")
        }
        return network
    }

    static func decodeVersion3(_ data: Data, source: String) throws -> Network {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ModelFileError("\(source) is damaged: \(error.localizedDescription)")
        }
        let input = MapShape(
            channels: document.input.channels, height: document.input.height, width: document.input.width)
        guard input.channels > 0, input.height > 0, input.width > 0 else {
            throw ModelFileError("\(source): the input shape must be positive, got \(input)")
        }
        guard !document.layers.isEmpty else { throw ModelFileError("\(source) has no layers") }
        var shape = input
        var layers: [any Layer] = []
        for (index, record) in document.layers.enumerated() {
            guard let kind = layerKinds.first(where: { $0.kind == record.kind }) else {
                throw ModelFileError("\(source): layer \(index + 1) has an unknown kind \"\(record.kind)\"")
            }
            let layer: any Layer
            do {
                layer = try kind.make(from: record, input: shape)
            } catch let error as ModelFileError {
                throw ModelFileError("\(source): layer \(index + 1) (\(record.kind)): \(error.description)")
            }
            guard let next = layer.outputShape(for: shape) else {
                throw ModelFileError(
                    "\(source): layer \(index + 1) (\(layer.summary)) cannot take the \(shape) maps of the layer below")
            }
            layers.append(layer)
            shape = next
        }
        do {
            return try Network.assemble(input: input, layers: layers)
        } catch {
            throw ModelFileError("\(source): \(error.description)")
        }
    }

    // MARK: Helpers for the layer kinds

    /// A matrix of `rows` × `columns` from a record's numbers, or an error saying what was expected.
    static func matrix(_ numbers: [Double]?, rows: Int, columns: Int, name: String) throws -> Matrix {
        guard let numbers else { throw ModelFileError("no \(name)") }
        guard numbers.count == rows * columns else {
            throw ModelFileError(
                "\(numbers.count) \(name), expected \(rows) × \(columns) = \(rows * columns)")
        }
        guard numbers.allSatisfy(\.isFinite) else { throw ModelFileError("the \(name) are not all finite numbers") }
        return Matrix(rows: rows, columns: columns, elements: numbers)
    }

    /// Parameter `index` of a record.
    static func parameter(_ record: LayerRecord, _ index: Int, rows: Int, columns: Int, name: String) throws -> Matrix {
        guard let parameters = record.parameters, parameters.count > index else {
            throw ModelFileError("the \(name) are missing")
        }
        return try matrix(parameters[index], rows: rows, columns: columns, name: name)
    }

    /// A required positive whole number of a record.
    static func positive(_ value: Int?, _ name: String) throws -> Int {
        guard let value, value > 0 else { throw ModelFileError("\(name) is missing or not positive") }
        return value
    }

    static func activation(of record: LayerRecord) throws -> Activation {
        guard let name = record.activation else { throw ModelFileError("no activation") }
        guard let activation = activation(named: name) else {
            throw ModelFileError("unknown activation \"\(name)\"")
        }
        return activation
    }

    static func name(of activation: Activation) -> String {
        switch activation {
        case .step: "step"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "relu"
        case .leakyReLU(let slope): "leakyReLU:\(slope)"
        case .identity: "identity"
        case .softmax: "softmax"
        }
    }

    static func activation(named name: String) -> Activation? {
        switch name {
        case "step": return .step
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "relu": return .relu
        case "identity": return .identity
        case "softmax": return .softmax
        default:
            guard name.hasPrefix("leakyReLU:"), let slope = Double(name.dropFirst("leakyReLU:".count)) else {
                return nil
            }
            return .leakyReLU(slope: slope)
        }
    }
}

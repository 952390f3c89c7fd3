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
    /// its `Network.sizes`. A file larger than `largestFileSize`, or not a regular file, is
    /// refused before it is read.
    public static func load(from url: URL, expectedSizes: [Int]? = nil) throws -> Network {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
            if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
                let what = type == .typeDirectory ? "a folder" : "not a regular file (a pipe or device?)"
                throw ModelFileError("\(url.path) is \(what); give the path of a saved model file")
            }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            guard size <= largestFileSize else {
                throw ModelFileError(
                    "\(url.path) is \(size) bytes, more than the \(largestFileSize) a model file may have (a network of the workbook takes a few MB)"
                )
            }
            data = try Data(contentsOf: url)
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw ModelFileError("cannot read the model file \(url.path): \(error.localizedDescription)")
        }
        return try decode(data, source: url.lastPathComponent, expectedSizes: expectedSizes)
    }

    /// Decodes a network from the bytes of a model file of any version this build reads.
    public static func decode(_ data: Data, source: String = "model", expectedSizes: [Int]? = nil) throws -> Network {
        guard data.count <= largestFileSize else {
            throw ModelFileError(
                "\(source) is \(data.count) bytes, more than the \(largestFileSize) a model file may have")
        }
        // Counted before decoding, which would take about 50 bytes per number.
        let numbers = numberCount(data)
        guard numbers <= largestParameterCount + largestLayerCount * 16 else {
            throw ModelFileError(
                "\(source) holds \(numbers) numbers, more than the \(largestParameterCount) a model file may hold (Chapter 06's network has 85,670)"
            )
        }
        struct Header: Codable {
            var format: String?
            var version: Int?
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil
            {
                throw ModelFileError(
                    "\(source) is not a Neural Workbook model file: \(jsonProblem(context, data: data))")
            }
            throw ModelFileError("\(source): \(describe(error, data: data))")
        } catch {
            throw ModelFileError("\(source) is not a Neural Workbook model file: \(error.localizedDescription)")
        }
        guard header.format == format else {
            throw ModelFileError("\(source) is not a Neural Workbook model file (no \"format\": \"\(format)\")")
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
        let document: Document = try decodeDocument(data, source: source)
        return try build(document, paths: document.layers.indices.map { "layers[\($0)]" }, source: source)
    }

    /// The network `document` describes, checked layer by layer; `paths[i]` says where layer `i`
    /// is in the file, for messages.
    static func build(_ document: Document, paths: [String], source: String) throws -> Network {
        let input: MapShape
        do {
            input = MapShape(
                channels: try size(document.input.channels, "input.channels"),
                height: try size(document.input.height, "input.height"),
                width: try size(document.input.width, "input.width"))
            try checkMap(input, "input")
        } catch let error as ModelFileError {
            throw ModelFileError("\(source): \(error.description)")
        }
        guard !document.layers.isEmpty else { throw ModelFileError("\(source) has no layers") }
        guard document.layers.count <= largestLayerCount else {
            throw ModelFileError(
                "\(source) has \(document.layers.count) layers, more than the \(largestLayerCount) a model file may have"
            )
        }
        var shape = input
        var layers: [any Layer] = []
        for (index, record) in document.layers.enumerated() {
            let path = "\(paths[index]) (\(record.kind))"
            guard let kind = layerKinds.first(where: { $0.kind == record.kind }) else {
                let known = layerKinds.map { $0.kind }.joined(separator: ", ")
                throw ModelFileError(
                    "\(source): \(paths[index]).kind: unknown kind \"\(record.kind)\" (known: \(known))")
            }
            let layer: any Layer
            do {
                layer = try kind.make(from: record, input: shape)
                guard let next = layer.outputShape(for: shape) else {
                    throw ModelFileError("\(layer.summary) cannot take the \(shape) maps of the layer below")
                }
                try checkMap(next, "its output")
                shape = next
            } catch let error as ModelFileError {
                throw ModelFileError("\(source): \(path): \(error.description)")
            }
            layers.append(layer)
        }
        do {
            return try Network.assemble(input: input, layers: layers)
        } catch {
            throw ModelFileError("\(source): \(error.description)")
        }
    }

    /// Decodes `T` from a model file's bytes; a mistyped or missing field is named with its path.
    static func decodeDocument<T: Decodable>(_ data: Data, source: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ModelFileError("\(source): \(describe(error, data: data))")
        } catch {
            throw ModelFileError("\(source) is damaged: \(error.localizedDescription)")
        }
    }

    /// The number of JSON numbers in `data` (outside strings), counted without decoding.
    static func numberCount(_ data: Data) -> Int {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int in
            var count = 0
            var inString = false
            var escaped = false
            var previous: UInt8 = 0  // the last byte outside strings that is not white space
            for byte in bytes {
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        previous = byte
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if previous == UInt8(ascii: "[") || previous == UInt8(ascii: ",") || previous == UInt8(ascii: ":") {
                        count += 1
                    }
                default: break
                }
                previous = byte
            }
            return count
        }
    }

    // MARK: Limits

    /// The largest single size a model file may give (units, channels, rows, columns, kernel
    /// sides, strides, padding, pooling windows): 65,536. The workbook's networks stay below
    /// 1,000; the bound keeps every product of sizes far from overflowing `Int`.
    public static let largestSize = 1 << 16
    /// The most values per example a layer's maps may hold: 2²⁴ (16 million, 128 MB per example),
    /// thousands of times a 28 × 28 image's 784.
    public static let largestMap = 1 << 24
    /// The most numbers a model file may hold, and so one parameter matrix: 2²² (4,194,304),
    /// about fifty times the 85,670 parameters of Chapter 06's network. JSONDecoder needs about 50 bytes per
    /// number while it reads, so this keeps a hostile file to a few hundred MB.
    public static let largestParameterCount = 1 << 22
    /// The largest model file read: 128 MiB, room for `largestParameterCount` numbers written
    /// with all 17 digits.
    public static let largestFileSize = 1 << 27
    /// The most layers a model file may list.
    public static let largestLayerCount = 4096

    // MARK: Helpers for the layer kinds

    /// A matrix of `rows` × `columns` from a record's numbers, or an error saying what was expected.
    static func matrix(_ numbers: [Double]?, rows: Int, columns: Int, name: String) throws -> Matrix {
        guard let numbers else { throw ModelFileError("no \(name)") }
        let count = try product(rows, columns, "\(rows) × \(columns) \(name)", limit: largestParameterCount)
        guard numbers.count == count else {
            throw ModelFileError("\(numbers.count) \(name), expected \(rows) × \(columns) = \(count)")
        }
        if let index = numbers.firstIndex(where: { !$0.isFinite }) {
            throw ModelFileError("the \(name) are not all finite numbers (entry \(index) is \(numbers[index]))")
        }
        return Matrix(rows: rows, columns: columns, elements: numbers)
    }

    /// Parameter `index` of a record.
    static func parameter(_ record: LayerRecord, _ index: Int, rows: Int, columns: Int, name: String) throws -> Matrix {
        guard let parameters = record.parameters, parameters.count > index else {
            throw ModelFileError("the \(name) (parameters[\(index)]) are missing")
        }
        return try matrix(parameters[index], rows: rows, columns: columns, name: name)
    }

    /// A required size of a record: present, at least `minimum`, at most `largestSize`.
    static func size(_ value: Int?, _ name: String, minimum: Int = 1) throws -> Int {
        guard let value else { throw ModelFileError("\(name) is missing") }
        guard value >= minimum else {
            throw ModelFileError("\(name) is \(value); it must be at least \(minimum)")
        }
        guard value <= largestSize else {
            throw ModelFileError(
                "\(name) is \(value), more than \(largestSize), the largest size a model file may give (the workbook's networks stay below 1,000)"
            )
        }
        return value
    }

    /// A required positive whole number of a record, at most `largestSize`.
    static func positive(_ value: Int?, _ name: String) throws -> Int { try size(value, name) }

    /// `a` × `b`, or an error naming `what` when it overflows or passes `limit`.
    static func product(_ a: Int, _ b: Int, _ what: String, limit: Int) throws -> Int {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow, result <= limit else {
            throw ModelFileError("\(what) would be more than \(limit) numbers, more than a model file may hold")
        }
        return result
    }

    /// Maps of `shape` must hold at most `largestMap` values per example.
    static func checkMap(_ shape: MapShape, _ name: String) throws {
        let what = "\(name) of \(shape.channels)×\(shape.height)×\(shape.width) values per example"
        let area = try product(shape.height, shape.width, what, limit: largestMap)
        _ = try product(shape.channels, area, what, limit: largestMap)
    }

    static func activation(of record: LayerRecord) throws -> Activation {
        guard let name = record.activation else { throw ModelFileError("activation is missing") }
        guard let activation = activation(named: name) else {
            if name.hasPrefix("leakyReLU:") {
                throw ModelFileError(
                    "activation \"\(name)\": the leaky ReLU slope must be a finite number, as in \"leakyReLU:0.01\"")
            }
            throw ModelFileError(
                "unknown activation \"\(name)\" (known: step, sigmoid, tanh, relu, leakyReLU:<slope>, identity, softmax)"
            )
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
            guard name.hasPrefix("leakyReLU:"), let slope = Double(name.dropFirst("leakyReLU:".count)),
                slope.isFinite
            else {
                return nil
            }
            return .leakyReLU(slope: slope)
        }
    }
}

// Saving and loading a trained network as JSON. The format, version 1:
//
//     { "format": "neural-workbook-network", "version": 1,
//       "layers": [ { "inputs": 784, "outputs": 30, "activation": "sigmoid",
//                     "weights": [ … outputs × inputs numbers, row by row … ],
//                     "biases":  [ … outputs numbers … ] }, … ] }
//
// Numbers are written with enough digits to read back bit for bit, so a loaded network makes
// exactly the predictions of the saved one.

import Foundation

/// A problem with a model file, said so a reader can act on it.
public struct ModelFileError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reading and writing networks.
public enum ModelFile {
    public static let format = "neural-workbook-network"
    public static let version = 1

    struct Document: Codable {
        var format: String
        var version: Int
        var layers: [LayerRecord]
    }

    struct LayerRecord: Codable {
        var inputs: Int
        var outputs: Int
        var activation: String
        var weights: [Double]
        var biases: [Double]
    }

    /// Writes `network` to `url` atomically.
    public static func save(_ network: Network, to url: URL) throws {
        let layers = network.layers.map { layer in
            LayerRecord(
                inputs: layer.inputs, outputs: layer.outputs, activation: name(of: layer.activation),
                weights: layer.weights.elements, biases: layer.biases.elements)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Document(format: format, version: version, layers: layers))
        try AtomicFile.write(data, to: url)
    }

    /// Reads a network from `url`; with `expectedSizes`, also checks its layer sizes.
    public static func load(from url: URL, expectedSizes: [Int]? = nil) throws -> Network {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelFileError("cannot read the model file \(url.path): \(error.localizedDescription)")
        }
        return try decode(data, source: url.lastPathComponent, expectedSizes: expectedSizes)
    }

    /// Decodes a network from the bytes of a model file.
    public static func decode(_ data: Data, source: String = "model", expectedSizes: [Int]? = nil) throws -> Network {
        struct Header: Codable {
            var format: String?
            var version: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == format else {
            throw ModelFileError("\(source) is not a Neural Workbook model file")
        }
        if header.version == 2 {
            throw ModelFileError(
                "\(source) has format version 2, a convolutional network: load it with ModelFile.loadConvolutional")
        }
        guard header.version == version else {
            let found = header.version.map(String.init) ?? "none"
            throw ModelFileError(
                "\(source) has format version \(found); this build reads version \(version). Retrain and save the model again."
            )
        }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw ModelFileError("\(source) is damaged: \(error.localizedDescription)")
        }
        guard !document.layers.isEmpty else { throw ModelFileError("\(source) has no layers") }
        var layers: [DenseLayer] = []
        for (index, record) in document.layers.enumerated() {
            let number = index + 1
            guard record.inputs > 0, record.outputs > 0 else {
                throw ModelFileError("\(source): layer \(number) has a non-positive size")
            }
            guard record.weights.count == record.inputs * record.outputs else {
                throw ModelFileError(
                    "\(source): layer \(number) has \(record.weights.count) weights, expected \(record.outputs) × \(record.inputs) = \(record.inputs * record.outputs)"
                )
            }
            guard record.biases.count == record.outputs else {
                throw ModelFileError(
                    "\(source): layer \(number) has \(record.biases.count) biases, expected \(record.outputs)")
            }
            if let previous = layers.last, previous.outputs != record.inputs {
                throw ModelFileError(
                    "\(source): layer \(number) takes \(record.inputs) inputs but layer \(number - 1) has \(previous.outputs) outputs"
                )
            }
            guard let activation = activation(named: record.activation) else {
                throw ModelFileError("\(source): layer \(number) has an unknown activation \"\(record.activation)\"")
            }
            layers.append(
                DenseLayer(
                    weights: Matrix(rows: record.outputs, columns: record.inputs, elements: record.weights),
                    biases: Matrix(column: record.biases), activation: activation))
        }
        let network = Network(layers: layers)
        if let expectedSizes, expectedSizes != network.sizes {
            throw ModelFileError(
                "\(source) holds a network of sizes \(network.sizes), but \(expectedSizes) was expected")
        }
        return network
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

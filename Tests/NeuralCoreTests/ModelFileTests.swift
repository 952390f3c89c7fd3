// Model files: today's version 3 round-trips every built-in layer kind bit for bit; committed
// files written by the earlier versions 1 (dense) and 2 (convolutional) still load into a Network
// and make the predictions they made when saved.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Model files — version 3, and versions 1 and 2 still load")
struct ModelFileTests {
    static let samples = TestPaths.packageRoot.appendingPathComponent("Tests/ModelFiles")

    /// The inputs and outputs recorded when the sample files were written.
    static func recorded() throws -> [String: [Double]] {
        try JSONDecoder().decode(
            [String: [Double]].self, from: Data(contentsOf: samples.appendingPathComponent("sample-outputs.json")))
    }

    /// The recorded outputs came from one CPU's BLAS kernels; another CPU's may sum a product in
    /// another order and differ in the last bits, so predictions agree to 1e-13, not bit for bit.
    static func expectAsRecorded(_ actual: Matrix, _ recorded: [Double]?) {
        guard let recorded, recorded.count == actual.elements.count else {
            Issue.record("recorded \(recorded?.count ?? 0) outputs, the network made \(actual.elements.count)")
            return
        }
        let expected = Matrix(rows: actual.rows, columns: actual.columns, elements: recorded)
        expectClose(actual, expected, tolerance: Tolerance.blasAcrossCPUs, "predictions as recorded")
    }

    @Test("A version-1 file (dense network) loads and predicts as when it was saved (to 1e-13)")
    func version1() throws {
        let network = try ModelFile.load(from: Self.samples.appendingPathComponent("model-v1.json"))
        #expect(network.sizes == [3, 4, 2])
        let outputs = try Self.recorded()
        let x = Matrix(rows: 3, columns: 2, elements: try #require(outputs["x"]))
        Self.expectAsRecorded(network.feedforward(x), outputs["denseOutput"])
    }

    @Test(
        "A version-2 file (convolutional network) loads as stage → flatten → dense and predicts as when saved (to 1e-13)"
    )
    func version2() throws {
        let network = try ModelFile.load(from: Self.samples.appendingPathComponent("model-v2.json"))
        #expect(network.layers.map { type(of: $0) is ConvolutionStage.Type } == [true, false, false, false])
        #expect(network.layers[1] is Flatten)
        let outputs = try Self.recorded()
        let maps = FeatureMaps(
            channels: 1, batch: 2, height: 6, width: 6, values: Matrix(row: try #require(outputs["maps"])))
        Self.expectAsRecorded(network.feedforward(maps).values, outputs["convOutput"])
    }

    /// A network with every built-in layer kind.
    static func everyKind() -> Network {
        var generator = SeededGenerator(seed: 1)
        let g1 = ConvolutionGeometry(inputChannels: 2, outputChannels: 3, inputHeight: 8, inputWidth: 8, kernel: 3)
        let g2 = ConvolutionGeometry(
            inputChannels: 3, outputChannels: 2, inputHeight: 3, inputWidth: 3, kernel: 2, stride: 1, padding: 1)
        return Network(
            input: MapShape(channels: 2, height: 8, width: 8),
            layers: [
                Dropout(keep: 0.9),
                ConvolutionStage(
                    convolution: Convolution2D(geometry: g1, using: &generator), activation: .leakyReLU(slope: 0.1),
                    pooling: Pooling2D(.max, size: 2)),
                BatchNormalizationModelFileTests.trained(channels: 3, seed: 3),
                Convolution2D(geometry: g2, using: &generator), ActivationLayer(.tanh),
                Pooling2D(.average, size: 2, stride: 1), Flatten(),
                WeightInitialization.he.layer(inputs: 18, outputs: 5, activation: .relu, using: &generator),
                BatchNormalizationModelFileTests.trained(channels: 5, seed: 4),
                Dropout(drop: 0.3),
                WeightInitialization.xavier.layer(inputs: 5, outputs: 4, activation: .identity, using: &generator),
                ActivationLayer(.softmax),
            ])
    }

    @Test("Version 3 round-trips every built-in layer kind bit for bit")
    func version3RoundTrip() throws {
        let network = Self.everyKind()
        let bytes = try ModelFile.encode(network)
        let loaded = try ModelFile.decode(bytes)
        #expect(try ModelFile.encode(loaded) == bytes)
        #expect(loaded.layers.map(\.summary) == network.layers.map(\.summary))
        #expect(loaded.parameters == network.parameters)
        let x = LayerGradientTests.maps(2, 3, 8, 8, seed: 2)
        #expect(loaded.feedforward(x) == network.feedforward(x))
        let kinds = try JSONSerialization.jsonObject(with: bytes) as? [String: Any]
        let names = (kinds?["layers"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
        #expect(Set(names) == Set(ModelFile.layerKinds.map { $0.kind }))
    }

    @Test("Wrong versions, shapes, kinds and layers that do not connect are one-line errors that say which")
    func errors() throws {
        let text = String(decoding: try ModelFile.encode(Self.everyKind()), as: UTF8.self)
        func message(_ body: String) -> String {
            do {
                _ = try ModelFile.decode(Data(body.utf8), source: "m.json")
                return "no error"
            } catch { return "\(error)" }
        }
        let cases = [
            (text.replacingOccurrences(of: "\"version\":3", with: "\"version\":4"), "version 4"),
            (text.replacingOccurrences(of: "\"outputs\":5", with: "\"outputs\":6"), "weights, expected 6 × 18"),
            (text.replacingOccurrences(of: "\"kind\":\"flatten\"", with: "\"kind\":\"fold\""), "unknown kind \"fold\""),
            (text.replacingOccurrences(of: "\"keep\":0.9", with: "\"keep\":1.5"), "keep probability"),
            (text.replacingOccurrences(of: "\"channels\":2", with: "\"channels\":1"), "layers[1]"),
            ("{\"hello\": 1}", "not a Neural Workbook model file"),
        ]
        for (body, expected) in cases {
            let got = message(body)
            #expect(got.contains(expected) && got.hasPrefix("m.json"), "\(got)")
            #expect(!got.contains("\n"))
        }
    }
}

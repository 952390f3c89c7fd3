// Batch normalization in a version-3 model file: γ, β, the running averages, ε and the momentum
// come back exactly, so a loaded network infers and keeps training as the saved one would.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Batch normalization — model file round trip")
struct BatchNormalizationModelFileTests {
    /// A batch normalization away from every default: ε, momentum, γ, β and running averages.
    static func trained(channels: Int, seed: UInt64) -> BatchNormalization {
        var generator = SeededGenerator(seed: seed)
        var layer = BatchNormalization(channels: channels, epsilon: 1e-3, momentum: 0.2)
        layer.gamma = Matrix.uniform(channels, 1, low: 0.5, high: 2, using: &generator)
        layer.beta = Matrix.gaussian(channels, 1, standardDeviation: 1, using: &generator)
        layer.runningMean = Matrix.gaussian(channels, 1, standardDeviation: 1, using: &generator)
        layer.runningVariance = Matrix.uniform(channels, 1, low: 0.2, high: 3, using: &generator)
        return layer
    }

    static func network() -> Network {
        var generator = SeededGenerator(seed: 5)
        return Network(
            input: .features(6),
            layers: [
                WeightInitialization.scaledNormal.layer(
                    inputs: 6, outputs: 4, activation: .identity, using: &generator),
                trained(channels: 4, seed: 6), ActivationLayer(.sigmoid),
                WeightInitialization.scaledNormal.layer(inputs: 4, outputs: 3, activation: .softmax, using: &generator),
            ])
    }

    /// The layer at index 1 after one training-mode forward pass of `network` on `x`.
    static func afterTrainingStep(_ network: Network, _ x: Matrix) -> BatchNormalization? {
        var probe = network
        var workspace = probe.makeWorkspace()
        var generator = SeededGenerator(seed: 8)
        _ = probe.forward(
            FeatureMaps(channels: x.rows, batch: x.columns, height: 1, width: 1, values: x), mode: .training,
            generator: &generator, workspace: &workspace)
        return probe.layers[1] as? BatchNormalization
    }

    @Test(
        "γ, β, running mean and variance, ε and momentum round-trip exactly; inference and training agree after loading"
    )
    func roundTrip() throws {
        let network = Self.network()
        let bytes = try ModelFile.encode(network)
        let loaded = try ModelFile.decode(bytes)
        #expect(try ModelFile.encode(loaded) == bytes)
        let saved = try #require(network.layers[1] as? BatchNormalization)
        let restored = try #require(loaded.layers[1] as? BatchNormalization)
        #expect(restored == saved)
        #expect(restored.epsilon == 1e-3 && restored.momentum == 0.2 && restored.channels == 4)
        var generator = SeededGenerator(seed: 7)
        let x = Matrix.gaussian(6, 5, standardDeviation: 1, using: &generator)
        // Inference reads the running averages: equal outputs need them restored.
        #expect(loaded.feedforward(x) == network.feedforward(x))
        // A training-mode forward moves the running averages with the restored momentum.
        let moved = try #require(Self.afterTrainingStep(network, x))
        #expect(Self.afterTrainingStep(loaded, x) == moved)
        #expect(moved.runningMean != saved.runningMean)
    }

    @Test("A damaged batch-norm record is a one-line error that names what is wrong")
    func errors() throws {
        let text = String(decoding: try ModelFile.encode(Self.network()), as: UTF8.self)
        func message(_ body: String) -> String {
            do {
                _ = try ModelFile.decode(Data(body.utf8), source: "m.json")
                return "no error"
            } catch { return "\(error)" }
        }
        let record = try #require(Self.network().layers[1] as? BatchNormalization)
        let variance = record.runningVariance.elements.map { "\($0)" }.joined(separator: ",")
        let cases = [
            (text.replacingOccurrences(of: "\"epsilon\":0.001", with: "\"epsilon\":-1"), "ε"),
            (text.replacingOccurrences(of: "\"momentum\":0.2", with: "\"momentum\":2"), "momentum"),
            (text.replacingOccurrences(of: "[\(variance)]", with: "[-1,1,1,1]"), "running variance"),
            (text.replacingOccurrences(of: "[\(variance)]", with: "[1,1,1]"), "running variance"),
        ]
        for (body, expected) in cases {
            #expect(body != text, "the case must change the file")
            let got = message(body)
            #expect(got.contains(expected) && got.hasPrefix("m.json") && got.contains("batchNormalization"), "\(got)")
            #expect(!got.contains("\n"))
        }
    }
}

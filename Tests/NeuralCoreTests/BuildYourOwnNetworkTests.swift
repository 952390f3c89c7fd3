// The README's "Build your own network" program, compiled and run here on generated digits; the
// test also checks that the README shows exactly these lines.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("README — build your own network")
struct BuildYourOwnNetworkTests {
    /// The README's program after its two lines of data loading.
    static func program(training: LabeledData, test: LabeledData, generator: inout SeededGenerator) throws -> Double {
        // BEGIN README
        let conv = ConvolutionGeometry(inputChannels: 1, outputChannels: 8, inputHeight: 28, inputWidth: 28, kernel: 5)
        var network = Network(
            input: MapShape(channels: 1, height: 28, width: 28),
            layers: [
                Convolution2D(geometry: conv, using: &generator), ActivationLayer(.relu), Pooling2D(.max, size: 2),
                BatchNormalization(channels: 8),
                Flatten(),
                WeightInitialization.he.layer(inputs: 8 * 12 * 12, outputs: 64, activation: .relu, using: &generator),
                Dropout(keep: 0.8),
                WeightInitialization.xavier.layer(inputs: 64, outputs: 10, activation: .identity, using: &generator),
                ActivationLayer(.softmax),
            ])
        var adam = Adam(learningRate: 0.001)
        let options = TrainingOptions(epochs: 2, batchSize: 32, cost: LogLikelihoodCost())
        _ = try Trainer.train(&network, on: training, options: options, optimizer: &adam, generator: &generator)
        let accuracy = Evaluation.accuracy(network, on: test)
        // END README
        return accuracy
    }

    @Test("The ten-line custom network (conv → ReLU → pool → batch norm → dense with dropout → softmax, Adam) trains")
    func runs() throws {
        var generator = SeededGenerator(seed: 1)
        let training = LabeledData(SyntheticDigits.generate(count: 600, generator: &generator))
        let test = LabeledData(SyntheticDigits.generate(count: 200, generator: &generator))
        let accuracy = try Self.program(training: training, test: test, generator: &generator)
        #expect(accuracy > 0.5, "accuracy \(accuracy) on generated digits after 2 epochs")
    }

    @Test("The README shows exactly the program this test runs")
    func readmeShowsIt() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let readme = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(source.range(of: "// BEGIN README\n"))
        let end = try #require(source.range(of: "        // END README"))
        let lines = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.dropFirst(8) }.joined(separator: "\n")
        #expect(readme.contains(lines), "README.md should contain:\n\(lines)")
    }
}

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Training loop, evaluation and model files")
struct TrainingTests {
    static func moons(seed: UInt64) -> LabeledData {
        var generator = SeededGenerator(seed: seed)
        return LabeledData(ToyDatasets.moons(count: 200, noise: 0.1, using: &generator))
    }

    @Test("Training lowers the cost and learns the moons")
    func learnsMoons() throws {
        let data = Self.moons(seed: 1)
        var generator = SeededGenerator(seed: 2)
        var network = Network(
            sizes: [2, 16, 2], hidden: .tanh, output: .softmax, initialization: .xavier, using: &generator)
        let before = Evaluation.cost(network, on: data, cost: LogLikelihoodCost())
        var optimizer = Adam(learningRate: 0.02)
        let options = TrainingOptions(epochs: 60, batchSize: 16, cost: LogLikelihoodCost(), monitorTraining: true)
        let records = try Trainer.train(
            &network, on: data, options: options, optimizer: &optimizer, generator: &generator)
        #expect(records.count == 60)
        #expect(try #require(records.last?.trainingCost) < 0.5 * before)
        #expect(Evaluation.accuracy(network, on: data) > 0.95)
    }

    @Test("A network can drive the loss on a tiny set to near zero")
    func overfitsTinySet() throws {
        var generator = SeededGenerator(seed: 3)
        let x = Matrix.gaussian(20, 5, using: &generator)
        let data = LabeledData(examples: x, labels: (0..<20).map { $0 % 4 }, classes: 4)
        var network = Network(
            sizes: [5, 32, 4], hidden: .tanh, output: .softmax, initialization: .xavier, using: &generator)
        var optimizer = Adam(learningRate: 0.01)
        let options = TrainingOptions(epochs: 400, batchSize: 20, cost: LogLikelihoodCost())
        _ = try Trainer.train(&network, on: data, options: options, optimizer: &optimizer, generator: &generator)
        #expect(Evaluation.cost(network, on: data, cost: LogLikelihoodCost()) < 0.01)
    }

    @Test("A learning rate that blows up is reported as divergence, not a crash")
    func divergence() {
        let data = Self.moons(seed: 4)
        var generator = SeededGenerator(seed: 5)
        var network = Network(
            sizes: [2, 8, 2], hidden: .relu, output: .softmax, initialization: .he, using: &generator)
        var optimizer = SGD(learningRate: 1e6)
        let options = TrainingOptions(epochs: 20, batchSize: 10, cost: LogLikelihoodCost())
        #expect(throws: TrainingDiverged.self) {
            _ = try Trainer.train(&network, on: data, options: options, optimizer: &optimizer, generator: &generator)
        }
    }

    @Test("The same seed trains the same network")
    func deterministic() throws {
        func run() throws -> Network {
            let data = Self.moons(seed: 6)
            var generator = SeededGenerator(seed: 7)
            var network = Network(
                sizes: [2, 5, 2], output: .softmax, hiddenDropout: Dropout(keep: 0.8), using: &generator)
            var optimizer = SGD(learningRate: 0.5)
            let options = TrainingOptions(epochs: 3, batchSize: 10, cost: LogLikelihoodCost())
            _ = try Trainer.train(&network, on: data, options: options, optimizer: &optimizer, generator: &generator)
            return network
        }
        #expect(try run().parameters == run().parameters)
    }

    @Test("save → load gives identical predictions")
    func saveLoad() throws {
        var generator = SeededGenerator(seed: 8)
        let network = Network(sizes: [4, 7, 3], hidden: .leakyReLU(slope: 0.05), output: .softmax, using: &generator)
        let url = try TestPaths.scratchFolder().appendingPathComponent("model.json")
        try ModelFile.save(network, to: url)
        let loaded = try ModelFile.load(from: url, expectedSizes: [4, 7, 3])
        #expect(loaded.parameters == network.parameters)
        let x = Matrix.gaussian(4, 9, using: &generator)
        #expect(loaded.feedforward(x) == network.feedforward(x))
    }

    @Test("Model files of the wrong version, shape or kind are clear errors")
    func badModelFiles() throws {
        var generator = SeededGenerator(seed: 9)
        let network = Network(sizes: [2, 3], using: &generator)
        let url = try TestPaths.scratchFolder().appendingPathComponent("model.json")
        try ModelFile.save(network, to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        func message(_ body: String) -> String {
            do {
                _ = try ModelFile.decode(Data(body.utf8), source: "m.json")
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(message(text.replacingOccurrences(of: "\"version\":3", with: "\"version\":7")).contains("version 7"))
        #expect(
            message(text.replacingOccurrences(of: "\"outputs\":3", with: "\"outputs\":4")).contains("expected 4 × 2"))
        #expect(message("{\"hello\": 1}").contains("not a Neural Workbook model file"))
        do {
            _ = try ModelFile.load(from: url, expectedSizes: [2, 5])
            Issue.record("loading with the wrong expected sizes should fail")
        } catch {
            #expect("\(error)".contains("[2, 3]"))
        }
    }

    @Test("A batch comes out one column per example, with one-hot targets")
    func batches() {
        let data = LabeledData(examples: Matrix([[1, 2], [3, 4], [5, 6]]), labels: [2, 0, 1], classes: 3)
        let (x, y) = data.batch([2, 0])
        #expect(x == Matrix([[5, 1], [6, 2]]))
        #expect(y == Matrix([[0, 0], [1, 0], [0, 1]]))
        #expect(data.subset(1..<3).labels == [0, 1])
    }
}

@Suite("Early stopping")
struct EarlyStoppingTests {
    @Test("Stops after `patience` epochs without a strict improvement and remembers the best")
    func stopsAfterPatience() {
        var stopping = EarlyStopping(patience: 2)
        let accuracies = [0.5, 0.7, 0.7, 0.8, 0.79, 0.8, 0.9]
        var decisions: [EpochDecision] = []
        for (index, accuracy) in accuracies.enumerated() {
            decisions.append(stopping.update(epoch: index + 1, validationAccuracy: accuracy))
            if decisions.last == .stop { break }
        }
        #expect(decisions == [.proceed, .proceed, .proceed, .proceed, .proceed, .stop])
        #expect(stopping.bestEpoch == 4)
        #expect(stopping.bestAccuracy == 0.8)
    }
}

// A mini-batch split into shards backpropagated at the same time: the same gradients, cost and
// δ as the whole batch at once (Eq. 6.17), dropout's masks drawn from one fork per shard, the
// training loop unchanged by it, and layers that couple a batch's examples refused.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Sharded backpropagation — one mini-batch split over the cores")
struct ShardedBackpropagationTests {
    /// The small convolutional network of `ConvolutionalNetworkTests` and `count` random images for it.
    static func setUp(count: Int, seed: UInt64) -> (Network, LabeledData) {
        var generator = SeededGenerator(seed: seed)
        let (network, _, _) = ConvolutionalNetworkTests.setUp(seed: seed)
        let features = network.inputShape.count
        let data = LabeledData(
            examples: Matrix.gaussian(count, features, using: &generator),
            labels: (0..<count).map { _ in generator.integer(below: 3) }, classes: 3)
        return (network, data)
    }

    @Test("Shard sizes: as equal as possible, larger first, never empty")
    func shardSizes() {
        #expect(Network.shardSizes(batch: 64, shards: 2) == [32, 32])
        #expect(Network.shardSizes(batch: 5, shards: 2) == [3, 2])
        #expect(Network.shardSizes(batch: 10, shards: 3) == [4, 3, 3])
        #expect(Network.shardSizes(batch: 2, shards: 4) == [1, 1])
        #expect(Network.shardSizes(batch: 7, shards: 1) == [7])
    }

    @Test(
        "Eq. 6.17 — sharded gradients, cost and δ equal the whole batch's (uneven shards weighted by mₛ/m)",
        arguments: [2, 3, 4])
    func shardsMatchWholeBatch(shards: Int) {
        let (network, data) = Self.setUp(count: 7, seed: 41)
        let indices = [6, 0, 3, 5, 1, 4, 2]
        var generator = SeededGenerator(seed: 1)
        var probe = network
        var workspace = probe.makeWorkspace()
        let whole = probe.backpropagate(
            network.input(data, indices: indices), network.targets(data, indices: indices), cost: LogLikelihoodCost(),
            generator: &generator, workspace: &workspace)
        var shardGenerator = SeededGenerator(seed: 1)
        let sharded = network.backpropagate(
            data, indices: indices, cost: LogLikelihoodCost(), generator: &shardGenerator,
            workspaces: Network.ShardWorkspaces(network: network, shards: shards))
        #expect(sharded.gradients.count == whole.gradients.count)
        for (s, w) in zip(sharded.gradients, whole.gradients) {
            expectClose(s, w, tolerance: Tolerance.exactArithmetic)
        }
        expectClose(sharded.cost, whole.cost, tolerance: Tolerance.exactArithmetic)
        #expect(sharded.deltas.count == whole.deltas.count)
        for (s, w) in zip(sharded.deltas, whole.deltas) { expectClose(s, w, tolerance: Tolerance.exactArithmetic) }
        // Nothing drew, so the generator is where it was: the next shuffle is the unsharded one.
        #expect(shardGenerator.sameState(as: SeededGenerator(seed: 1)))
    }

    @Test("Dropout: shard s draws its masks from the s-th fork of the generator, which then advances by one per shard")
    func dropoutDrawsFromForks() {
        var generator = SeededGenerator(seed: 5)
        let network = Network(
            sizes: [4, 6, 3], hidden: .relu, output: .softmax, initialization: .he,
            hiddenDropout: Dropout(keep: 0.5), using: &generator)
        let data = LabeledData(
            examples: Matrix.gaussian(5, 4, using: &generator), labels: [0, 2, 1, 1, 0], classes: 3)
        let indices = [4, 2, 0, 1, 3]
        let start = SeededGenerator(seed: 9)
        var shardGenerator = start
        let sharded = network.backpropagate(
            data, indices: indices, cost: LogLikelihoodCost(), generator: &shardGenerator,
            workspaces: Network.ShardWorkspaces(network: network, shards: 2))
        // By hand: fork twice, backpropagate [4, 2, 0] and [1, 3] apart, weight by 3/5 and 2/5.
        var forker = start
        var parts: [Network.Backpropagation] = []
        for part in [[4, 2, 0], [1, 3]] {
            var fork = forker.fork()
            var probe = network
            var workspace = probe.makeWorkspace()
            parts.append(
                probe.backpropagate(
                    network.input(data, indices: part), network.targets(data, indices: part),
                    cost: LogLikelihoodCost(), generator: &fork, workspace: &workspace))
        }
        for index in sharded.gradients.indices {
            let expected = 0.6 * parts[0].gradients[index] + 0.4 * parts[1].gradients[index]
            expectClose(sharded.gradients[index], expected, tolerance: Tolerance.exactArithmetic)
        }
        expectClose(sharded.cost, parts[0].cost + parts[1].cost, tolerance: Tolerance.exactArithmetic)
        #expect(shardGenerator.draws(since: start) == 2)
    }

    @Test("The training loop with shards: the same network as without, up to rounding, after two epochs")
    func trainerWithShards() throws {
        let (start, data) = Self.setUp(count: 23, seed: 43)
        var trained: [Network] = []
        for shards in [1, 2] {
            var network = start
            var generator = SeededGenerator(seed: 3)
            var optimizer = Momentum(learningRate: 0.05, momentum: 0.9)
            let options = TrainingOptions(
                epochs: 2, batchSize: 5, cost: LogLikelihoodCost(), regularization: .l2(lambda: 0.5), shards: shards)
            _ = try Trainer.train(&network, on: data, options: options, optimizer: &optimizer, generator: &generator)
            trained.append(network)
        }
        for (a, b) in zip(trained[1].parameters, trained[0].parameters) {
            expectClose(a, b, tolerance: 1e-10)
        }
        // Training moved the parameters, so the agreement above is not that of two untouched networks.
        #expect(zip(trained[0].parameters, start.parameters).contains { ($0 - $1).maxAbs() > 1e-3 })
    }

    @Test("Layers that couple a batch's examples (batch normalization) cannot be sharded; 0 shards is refused")
    func refusals() {
        var generator = SeededGenerator(seed: 2)
        let network = Network(
            input: .features(3),
            layers: [
                WeightInitialization.he.layer(inputs: 3, outputs: 4, activation: .identity, using: &generator),
                BatchNormalization(channels: 4),
                WeightInitialization.he.layer(inputs: 4, outputs: 2, activation: .softmax, using: &generator),
            ])
        let data = LabeledData(
            examples: Matrix.gaussian(6, 3, using: &generator), labels: [0, 1, 0, 1, 1, 0], classes: 2)
        var optimizer = SGD(learningRate: 0.1)
        for shards in [0, 2] {
            var model = network
            var trainingGenerator = SeededGenerator(seed: 1)
            #expect(throws: TrainingRefused.self) {
                try Trainer.train(
                    &model, on: data,
                    options: TrainingOptions(epochs: 1, batchSize: 3, cost: LogLikelihoodCost(), shards: shards),
                    optimizer: &optimizer, generator: &trainingGenerator)
            }
        }
    }

    @Test("Evaluation of images spreads chunks over the cores: the same cost and predictions as one pass")
    func parallelEvaluation() {
        let (network, data) = Self.setUp(count: 300, seed: 47)  // three chunks of at most 128
        let measured = Evaluation.measure(network, on: data, cost: LogLikelihoodCost(), trainingCount: 300)
        let all = Array(0..<300)
        let output = network.feedforward(network.input(data, indices: all)).values
        #expect(measured.predictions == output.argmaxPerColumn())
        let expected = -(0..<300).reduce(0.0) { sum, b in sum + log(output[data.labels[b], b]) } / 300
        expectClose(measured.cost, expected, tolerance: 1e-12)
    }
}

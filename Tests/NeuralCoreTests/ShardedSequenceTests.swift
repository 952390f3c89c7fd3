// A window of streams split into shards trained at the same time: the same loss, gradients and
// final states as the whole batch for both normalizations (ignored targets included), and the
// character trainer with shards the same as without, state carried between windows per shard.

import NeuralCore
import TestSupport
import Testing

@Suite("Sharded BPTT — a batch of streams split over the cores")
struct ShardedSequenceTests {
    static func window(batch: Int, steps: Int, vocabulary: Int, seed: UInt64) -> ([StepInput], [[Int]]) {
        var generator = SeededGenerator(seed: seed)
        let inputs = (0..<steps).map { _ in
            StepInput.oneHot((0..<batch).map { _ in generator.integer(below: vocabulary) })
        }
        let targets = (0..<steps).map { _ in (0..<batch).map { _ in generator.integer(below: vocabulary) } }
        return (inputs, targets)
    }

    @Test(
        "Loss, gradients and final states of 7 streams cut 3 + 2 + 2 equal the whole batch's, per sequence and per target",
        arguments: [LossNormalization.perSequence, .perTarget])
    func shardsMatchWholeBatch(normalization: LossNormalization) {
        var generator = SeededGenerator(seed: 11)
        var model = SequenceModel(
            cell: LSTMCell(inputSize: 6, hiddenSize: 5, using: &generator), outputSize: 6, scale: 0.3, using: &generator
        )
        model.normalization = normalization
        var (inputs, targets) = Self.window(batch: 7, steps: 4, vocabulary: 6, seed: 12)
        // Ignored targets, unevenly spread, so per-target weights differ from per-sequence ones.
        targets[0][0] = -1
        targets[1][0] = -1
        targets[2][5] = -1
        let start = [Matrix.gaussian(5, 7, using: &generator), Matrix.gaussian(5, 7, using: &generator)]
        let whole = model.lossAndGradients(inputs: inputs, targets: targets, initialState: start)
        let cuts = [0..<3, 3..<5, 5..<7]
        let states = cuts.map { range in start.map { $0.columns(Array(range)) } }
        let (sharded, finals) = model.lossAndGradients(inputs: inputs, targets: targets, initialStates: states)
        expectClose(sharded.loss, whole.loss, tolerance: Tolerance.exactArithmetic)
        for (a, b) in zip(sharded.gradients, whole.gradients) {
            expectClose(a, b, tolerance: Tolerance.exactArithmetic)
        }
        for (a, b) in zip(sharded.finalState, whole.finalState) {
            expectClose(a, b, tolerance: Tolerance.exactArithmetic)
        }
        for (range, final) in zip(cuts, finals) {
            expectClose(final[1], whole.finalState[1].columns(Array(range)), tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test("The character trainer with 2 shards follows the unsharded run, state carried across windows and passes")
    func trainerWithShards() {
        var generator = SeededGenerator(seed: 13)
        let text = (0..<700).map { _ in generator.integer(below: 8) }
        let start = SequenceModel(
            cell: GRUCell(inputSize: 8, hiddenSize: 6, using: &generator), outputSize: 8, scale: 0.1,
            using: &generator)
        var trained: [SequenceModel<GRUCell>] = []
        var histories: [CharacterTrainingHistory] = []
        for shards in [1, 2] {
            var model = start
            var options = CharacterTrainingOptions(iterations: 40)  // 700 / 5 streams / 10 steps: 14 windows a pass
            options.batchSize = 5
            options.sequenceLength = 10
            options.shards = shards
            histories.append(CharacterTrainer.train(&model, on: text, options: options))
            trained.append(model)
        }
        for (a, b) in zip(trained[1].parameters, trained[0].parameters) { expectClose(a, b, tolerance: 1e-9) }
        for (a, b) in zip(histories[1].loss, histories[0].loss) { expectClose(a, b, tolerance: 1e-9) }
        #expect(zip(trained[0].parameters, start.parameters).contains { ($0 - $1).maxAbs() > 1e-3 })
    }
}

// Training throughput of the recurrent networks of Chapters 07–08, in characters per second:
// the configuration of the PyTorch measurement (hidden 128, one-hot vocabulary of 76,
// 25-step windows, batches of 32), trained by the same loop as the chapters' character models.

import ChapterRunner
import Foundation
import NeuralCore

/// Characters per second (one rate per repeat) of `CharacterTrainer` training a character model
/// over `cell`: `iterations` windows of `sequenceLength` steps × `batch` streams on a random text,
/// Adagrad with clipping at ±5, after `warmUp` untimed windows; the streams in `shards` shards
/// trained at the same time (`CharacterTrainingOptions.shards`).
func recurrentThroughput<Cell: RecurrentCell>(
    cell: Cell, vocabulary: Int = 76, sequenceLength: Int = 25, batch: Int = 32, iterations: Int = 100,
    warmUp: Int = 5, repeats: Int = 3, shards: Int = 1
) -> [Double] {
    precondition(
        cell.inputSize == vocabulary, "the cell reads \(cell.inputSize) inputs, the vocabulary has \(vocabulary)")
    var generator = SeededGenerator(seed: 1)
    let text = (0..<(batch * sequenceLength * (iterations + warmUp) + 1)).map { _ in
        generator.integer(below: vocabulary)
    }
    let batches = SequenceBatches(indices: text, batch: batch, length: sequenceLength)
    var options = CharacterTrainingOptions(iterations: warmUp)
    options.sequenceLength = sequenceLength
    options.batchSize = batch
    options.shards = shards
    let rates = (0..<repeats).map { _ -> Double in
        var model = SequenceModel(cell: cell, outputSize: vocabulary, using: &generator)
        var optimizer = Adagrad(learningRate: 0.1)
        options.iterations = warmUp
        _ = CharacterTrainer.train(&model, on: batches, options: options, optimizer: &optimizer)
        options.iterations = iterations
        let start = ContinuousClock.now
        let history = CharacterTrainer.train(&model, on: batches, options: options, optimizer: &optimizer)
        return Double(history.characters) / seconds(ContinuousClock.now - start)
    }
    return rates
}

/// The recurrent rows of the benchmark table.
@MainActor func recurrentRows() {
    print()
    var generator = SeededGenerator(seed: 1)
    let vanilla = VanillaCell(inputSize: 76, hiddenSize: 128, using: &generator)
    report(
        Row(
            name: "char-RNN vanilla, hidden 128, T 25, batch 32",
            measurements: recurrentThroughput(cell: vanilla, repeats: repeats),
            unit: "chars/s", note: "one-hot V = 76, Adagrad, clip ±5"))
}

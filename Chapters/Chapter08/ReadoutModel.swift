// The model of the long-lag and bracket experiments: a recurrent cell with a softmax read-out,
// i.e. the core's SequenceModel, with its loss divided by the number of targets (8.17) because
// most steps carry none (the long-lag task asks only at the last step). Trained by the core's
// SequenceTrainer with Adam and gradient-norm clipping.

import NeuralCore

/// Sequences of symbols for a batch: `inputs[t][j]` is the symbol of sequence j at step t, and
/// `targets[t][j]` its class at that step, or −1 where the step asks nothing.
struct TaggedBatch: Sendable {
    var inputs: [[Int]]
    var targets: [[Int]]
    var length: Int { inputs.count }
    var batchSize: Int { inputs.first?.count ?? 0 }
    /// The inputs as one-hot steps for `SequenceModel`.
    var stepInputs: [StepInput] { inputs.map { .oneHot($0) } }
}

/// A cell, then ŷₜ = softmax(V hₜ + c) at every step, and the loss
///
///     (8.17)  L = −(1/|S|) Σ_{(t, j) ∈ S} log ŷₜ[yₜ] over the set S of (step, sequence) pairs with a target,
///
/// so ∂L/∂(V hₜ + c) = (ŷₜ − 1_{yₜ}) / |S| on those columns and zero elsewhere. V starts uniform
/// in ±1/√H (the range of the gated cells' weights), c at zero.
func readoutModel<Cell: RecurrentCell>(
    cell: Cell, classes: Int, using generator: inout SeededGenerator
) -> SequenceModel<Cell> {
    let bound = 1 / Double(cell.hiddenSize).squareRoot()
    return SequenceModel(
        cell: cell,
        outputWeights: Matrix.uniform(classes, cell.hiddenSize, low: -bound, high: bound, using: &generator),
        outputBiases: Matrix(rows: classes, columns: 1), normalization: .perTarget)
}

/// Trains with Adam at `learningRate` and the gradient norm clipped at `clipNorm`, one fresh batch
/// from `makeBatch` per step; returns the loss of every step.
func trainReadout<Cell: RecurrentCell>(
    _ model: inout SequenceModel<Cell>, steps: Int, learningRate: Double, clipNorm: Double,
    makeBatch: (inout SeededGenerator) -> TaggedBatch, generator: inout SeededGenerator
) -> [Double] {
    var optimizer = Adam(learningRate: learningRate)
    return SequenceTrainer.train(&model, updates: steps, optimizer: &optimizer, clipping: .norm(clipNorm)) { _ in
        let batch = makeBatch(&generator)
        return (batch.stepInputs, batch.targets)
    }.losses
}

/// The fraction of the batch's targets predicted correctly (forward only).
func readoutAccuracy<Cell: RecurrentCell>(_ model: SequenceModel<Cell>, on batch: TaggedBatch) -> Double {
    let (correct, counted) = model.correctPredictions(inputs: batch.stepInputs, targets: batch.targets)
    return Double(correct) / Double(max(counted, 1))
}

// Training a character-level language model with truncated BPTT, in the manner of the minimal
// char-RNN: windows of 25 characters, Adagrad, clipping at ±5, a smoothed loss, samples as it
// learns. Written against RecurrentCell, so the same loop trains the vanilla cell and the LSTM.

import Foundation

/// The settings of a character-model training run.
public struct CharacterTrainingOptions: Sendable {
    /// T, characters per window (the truncation length of BPTT).
    public var sequenceLength = 25
    /// B, parallel streams per window (1 is the minimal char-RNN).
    public var batchSize = 1
    /// η of Adagrad (when the trainer makes the optimizer).
    public var learningRate = 0.1
    public var clipping: GradientClipping = .value(5)
    /// Updates to make (one per window).
    public var iterations: Int
    /// Call `progress` every this many iterations (and at iteration 0); 0 never does.
    public var reportEvery = 0
    /// Keep a point of the loss curve every this many iterations.
    public var recordEvery = 1
    /// β of the smoothed loss (Eq. 7.9).
    public var smoothing = 0.999
    /// Split the B streams into this many shards trained at the same time, one per core, each
    /// product on one BLAS thread (`SequenceModel.lossAndGradients(inputs:targets:initialStates:)`);
    /// the same gradients up to rounding. 1 runs the whole batch at once.
    public var shards = 1

    public init(iterations: Int) {
        self.iterations = iterations
    }
}

/// Where a training run is, as passed to the progress callback.
public struct CharacterTrainingProgress: Sendable {
    public var iteration: Int
    /// This window's loss (per sequence, summed over its T steps).
    public var loss: Double
    public var smoothedLoss: Double
    /// Characters trained on so far (T·B per iteration).
    public var characters: Int
    /// The global gradient norm before clipping.
    public var gradientNorm: Double
}

/// The loss curve of a run.
public struct CharacterTrainingHistory: Sendable {
    /// Iterations at which the curve was recorded.
    public var iterations: [Int] = []
    public var smoothedLoss: [Double] = []
    /// The mean window loss since the previous recorded point (the window's own loss when every
    /// iteration is recorded).
    public var loss: [Double] = []
    /// −log(1/K)·T: the loss of a uniform guess, where the smoothed loss starts.
    public var initialSmoothedLoss: Double
    public var finalSmoothedLoss: Double
    public var characters = 0
    /// Updates that clipping changed (an entry beyond ±c, or a norm above c).
    public var clippedUpdates = 0
}

/// The training loop of a character model over any recurrent cell.
public enum CharacterTrainer {
    /// Trains `model` on `text` (indices into its vocabulary) with Adagrad at `options.learningRate`.
    public static func train<Cell: RecurrentCell>(
        _ model: inout SequenceModel<Cell>, on text: [Int], options: CharacterTrainingOptions,
        progress: (CharacterTrainingProgress, SequenceModel<Cell>) -> Void = { _, _ in }
    ) -> CharacterTrainingHistory {
        train(&model, on: text, options: options, updated: { _ in }, progress: progress)
    }

    /// `train(_:on:options:progress:)`, calling `updated` after each update with the number made
    /// so far (for a progress bar).
    public static func train<Cell: RecurrentCell>(
        _ model: inout SequenceModel<Cell>, on text: [Int], options: CharacterTrainingOptions,
        updated: (Int) -> Void,
        progress: (CharacterTrainingProgress, SequenceModel<Cell>) -> Void = { _, _ in }
    ) -> CharacterTrainingHistory {
        var optimizer = Adagrad(learningRate: options.learningRate)
        let batches = SequenceBatches(indices: text, batch: options.batchSize, length: options.sequenceLength)
        return train(&model, on: batches, options: options, optimizer: &optimizer, updated: updated, progress: progress)
    }

    /// The loop: for each window, BPTT from the state the previous window left (zero at the start of
    /// each pass over the text), clip, update; the smoothed loss (Eq. 7.9) starts at −log(1/K)·T,
    /// ℓ̄ ← β ℓ̄ + (1 − β) ℓ.
    public static func train<Cell: RecurrentCell, O: Optimizer>(
        _ model: inout SequenceModel<Cell>, on batches: SequenceBatches, options: CharacterTrainingOptions,
        optimizer: inout O,
        progress: (CharacterTrainingProgress, SequenceModel<Cell>) -> Void = { _, _ in }
    ) -> CharacterTrainingHistory {
        train(&model, on: batches, options: options, optimizer: &optimizer, updated: { _ in }, progress: progress)
    }

    /// The loop, calling `updated` after each update with the number made so far (for a progress
    /// bar).
    public static func train<Cell: RecurrentCell, O: Optimizer>(
        _ model: inout SequenceModel<Cell>, on batches: SequenceBatches, options: CharacterTrainingOptions,
        optimizer: inout O, updated: (Int) -> Void,
        progress: (CharacterTrainingProgress, SequenceModel<Cell>) -> Void = { _, _ in }
    ) -> CharacterTrainingHistory {
        train(
            &model, on: batches, options: options, optimizer: &optimizer, afterUpdate: { count, _ in updated(count) },
            progress: progress)
    }

    /// The loop, calling `beforeWindow` with the iteration number and the model before each
    /// window's forward pass (where a stack with dropout draws that window's masks), and
    /// `afterUpdate` after each update with the number made so far and the model as that many
    /// updates left it (to keep snapshots of the parameters during training).
    public static func train<Cell: RecurrentCell, O: Optimizer>(
        _ model: inout SequenceModel<Cell>, on batches: SequenceBatches, options: CharacterTrainingOptions,
        optimizer: inout O, beforeWindow: (Int, inout SequenceModel<Cell>) -> Void = { _, _ in },
        afterUpdate: (Int, SequenceModel<Cell>) -> Void,
        progress: (CharacterTrainingProgress, SequenceModel<Cell>) -> Void = { _, _ in }
    ) -> CharacterTrainingHistory {
        precondition(
            batches.batch == options.batchSize && batches.length == options.sequenceLength,
            "CharacterTrainer: batches are \(batches.batch)×\(batches.length), options say \(options.batchSize)×\(options.sequenceLength)"
        )
        let uniformLoss = -log(1 / Double(model.outputSize)) * Double(options.sequenceLength)
        var history = CharacterTrainingHistory(initialSmoothedLoss: uniformLoss, finalSmoothedLoss: uniformLoss)
        var smoothed = uniformLoss
        var state = model.cell.initialState(batch: options.batchSize)
        let widths = Network.shardSizes(batch: options.batchSize, shards: max(options.shards, 1))
        var shardStates = widths.map { model.cell.initialState(batch: $0) }
        let beta = options.smoothing
        var lossSinceRecord = 0.0
        var windowsSinceRecord = 0
        for iteration in 0..<options.iterations {
            if batches.startsPass(iteration) {
                state = model.cell.initialState(batch: options.batchSize)
                shardStates = widths.map { model.cell.initialState(batch: $0) }
            }
            let (inputs, targets) = batches.window(iteration)
            beforeWindow(iteration, &model)
            var result: SequenceGradients
            if widths.count > 1 {
                let sharded = model.lossAndGradients(inputs: inputs, targets: targets, initialStates: shardStates)
                result = sharded.result
                shardStates = sharded.finalStates
            } else {
                result = model.lossAndGradients(inputs: inputs, targets: targets, initialState: state)
                state = result.finalState
            }
            let (norm, clipped) = options.clipping.clip(&result.gradients)
            if clipped { history.clippedUpdates += 1 }
            smoothed = beta * smoothed + (1 - beta) * result.loss
            history.characters += options.sequenceLength * options.batchSize
            lossSinceRecord += result.loss
            windowsSinceRecord += 1
            if iteration % max(options.recordEvery, 1) == 0 || iteration == options.iterations - 1 {
                history.iterations.append(iteration)
                history.smoothedLoss.append(smoothed)
                history.loss.append(lossSinceRecord / Double(windowsSinceRecord))
                lossSinceRecord = 0
                windowsSinceRecord = 0
            }
            if options.reportEvery > 0 && iteration % options.reportEvery == 0 {
                progress(
                    CharacterTrainingProgress(
                        iteration: iteration, loss: result.loss, smoothedLoss: smoothed,
                        characters: history.characters, gradientNorm: norm), model)
            }
            optimizer.step(&model.parameters, gradients: result.gradients)
            afterUpdate(iteration + 1, model)
        }
        history.finalSmoothedLoss = smoothed
        return history
    }
}

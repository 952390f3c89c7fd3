// Training a sequence model on independent batches of sequences: every update reads a fresh batch
// from the zero state, so no state is carried between updates. This is the loop of tasks made of
// separate sequences (Chapter 08's long-lag and bracket tasks); `CharacterTrainer` is the loop of
// one long text read window by window.

/// The record of a `SequenceTrainer` run, one entry per update.
public struct SequenceTrainingHistory: Sendable {
    /// The loss of each update's batch, before the update.
    public var losses: [Double] = []
    /// The global gradient norm of each update, before clipping.
    public var gradientNorms: [Double] = []
    /// Updates that clipping changed.
    public var clippedUpdates = 0
}

/// The training loop over independent batches of sequences.
public enum SequenceTrainer {
    /// For each update k in 0..<`updates`: (inputs, targets) = `batch(k)`; BPTT over the whole
    /// batch from the zero state (Eqs. 7.4–7.6, with the model's `normalization`); `clipping`
    /// (Eq. 7.8) on all gradients together; one `optimizer` step on every parameter.
    public static func train<Cell: RecurrentCell, O: Optimizer>(
        _ model: inout SequenceModel<Cell>, updates: Int, optimizer: inout O, clipping: GradientClipping,
        batch: (Int) -> (inputs: [StepInput], targets: [[Int]])
    ) -> SequenceTrainingHistory {
        precondition(updates >= 0, "SequenceTrainer: \(updates) updates")
        var history = SequenceTrainingHistory()
        history.losses.reserveCapacity(updates)
        history.gradientNorms.reserveCapacity(updates)
        for update in 0..<updates {
            let (inputs, targets) = batch(update)
            var result = model.lossAndGradients(inputs: inputs, targets: targets)
            let (norm, clipped) = clipping.clip(&result.gradients)
            if clipped { history.clippedUpdates += 1 }
            optimizer.step(&model.parameters, gradients: result.gradients)
            history.losses.append(result.loss)
            history.gradientNorms.append(norm)
        }
        return history
    }
}

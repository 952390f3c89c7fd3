// Truncated backpropagation through time: a long sequence cut into windows of k steps. The state
// flows forward across window boundaries, the gradient does not.

extension SequenceModel {
    /// Eq. 7.7: the gradients of a long sequence computed window by window, k = `window` steps at a
    /// time. Each window starts from the previous window's final state (carried forward) but its
    /// backward pass stops at the window's start, so the gradient of window j is the full BPTT
    /// gradient of its own loss with s_{start} held constant. The result sums the windows' losses
    /// and gradients, as if all windows were applied in one update; when k ≥ T it is exactly
    /// full BPTT.
    ///
    /// (Training applies an update after every window instead: see `CharacterTrainer`.)
    public func truncatedLossAndGradients(
        inputs: [StepInput], targets: [[Int]], window: Int, initialState: [Matrix]? = nil
    ) -> SequenceGradients {
        precondition(window >= 1, "truncated BPTT needs a window of at least one step, got \(window)")
        precondition(
            inputs.count == targets.count, "truncated BPTT: \(inputs.count) inputs but \(targets.count) targets")
        var state = initialState
        var total = SequenceGradients(
            loss: 0, gradients: parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }, finalState: [])
        var start = 0
        while start < inputs.count {
            let end = min(start + window, inputs.count)
            let part = lossAndGradients(
                inputs: Array(inputs[start..<end]), targets: Array(targets[start..<end]), initialState: state)
            total.loss += part.loss
            for index in total.gradients.indices { total.gradients[index] += part.gradients[index] }
            state = part.finalState
            start = end
        }
        total.finalState = state ?? cell.initialState(batch: inputs[0].batchSize)
        return total
    }
}

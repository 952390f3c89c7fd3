// Counting the right answers of a sequence model: at every step that has a target, is the most
// probable class the target? An evaluation pass: it keeps no caches for a backward pass.

extension SequenceModel {
    /// Reads `inputs` from `initialState` (zeros when nil) and, at every (step, sequence) whose
    /// target is not ignored, compares arg maxₖ oₜ[k] (the most probable class of ŷₜ, Eq. 7.2)
    /// with the target. Returns the number right and the number of targets.
    public func correctPredictions(
        inputs: [StepInput], targets: [[Int]], initialState: [Matrix]? = nil
    ) -> (correct: Int, counted: Int) {
        precondition(
            inputs.count == targets.count, "correctPredictions: \(inputs.count) inputs but \(targets.count) targets")
        var state = initialState ?? cell.initialState(batch: inputs.first?.batchSize ?? 0)
        var correct = 0
        var counted = 0
        for (x, stepTargets) in zip(inputs, targets) {
            precondition(
                stepTargets.count == x.batchSize,
                "correctPredictions: \(stepTargets.count) targets for \(x.batchSize) sequences")
            state = cell.step(x, state: state).state
            guard stepTargets.contains(where: { $0 >= 0 }) else { continue }
            let predicted = logits(hidden: state[0]).argmaxPerColumn()
            for (b, y) in stepTargets.enumerated() where y >= 0 {
                counted += 1
                if predicted[b] == y { correct += 1 }
            }
        }
        return (correct, counted)
    }
}

// Exercise 7.5 — truncated backpropagation through time (Eq. 7.7). Notes:
// Chapters/Chapter07/README.md, §7.2. Check it with `swift run Workbook check 7.5`.

import ExerciseKit
import NeuralCore

/// Eq. 7.7: the loss and gradients of a long sequence, computed window by window.
///
/// Cut the T steps into windows of k steps, [1, k], [k + 1, 2k], … (the last one may be shorter).
/// Run each window with full BPTT, `model.lossAndGradients(inputs:targets:initialState:)`,
/// starting from the state the previous window ended in (`.finalState`; zeros, `nil`, for the
/// first window): the state is carried forward, but no gradient flows back into an earlier window.
///
/// - Parameters:
///   - model: the network (any batch size; `inputs[t]` and `targets[t]` are step t for every sequence).
///   - inputs, targets: the T steps.
///   - window: k ≥ 1.
/// - Returns: the windows' losses and gradients added up (as if applied in one update), and the
///   state after the last step.
func truncatedBPTT(model: SequenceModel<VanillaCell>, inputs: [StepInput], targets: [[Int]], window k: Int) throws
    -> (loss: Double, gradients: [Matrix], finalState: [Matrix])
{
    // BEGIN SOLUTION
    var loss = 0.0
    var gradients = model.parameters.map { Matrix.zeros($0.rows, $0.columns) }
    var state: [Matrix]? = nil
    for start in stride(from: 0, to: inputs.count, by: k) {
        let end = min(start + k, inputs.count)
        let part = model.lossAndGradients(
            inputs: Array(inputs[start..<end]), targets: Array(targets[start..<end]), initialState: state)
        loss += part.loss
        for index in gradients.indices { gradients[index] += part.gradients[index] }
        state = part.finalState
    }
    return (loss, gradients, state ?? [])
    // END SOLUTION
}

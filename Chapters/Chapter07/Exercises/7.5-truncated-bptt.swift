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
    throw NotDone("7.5")  // replace this line with your code
}

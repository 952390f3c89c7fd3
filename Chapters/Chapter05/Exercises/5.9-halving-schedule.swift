// Exercise 5.9 — when a learning-rate schedule halves η (Eq. 5.6). Notes:
// Chapters/Chapter05/README.md, §5.3. Check it with `swift run Workbook check 5.9`.

import ExerciseKit
import NeuralCore

/// Eq. 5.6 — the schedule of §5.3 (`HalveOnPlateau`), replayed on a list of validation
/// accuracies, one per epoch:
///
///     η ← η/2  if the validation accuracy has not exceeded its best for P epochs
///
/// Precisely, after each epoch: an accuracy strictly above the best so far is an improvement (the
/// first epoch always is); it becomes the best and the count of epochs without improvement goes
/// back to 0. Otherwise the count goes up by one, and when it reaches P, η is halved and the count
/// goes back to 0 (the best stays). Ignore stopping: report every halving.
///
/// - Parameters:
///   - accuracies: the validation accuracy after epochs 1, 2, 3, ….
///   - patience: P.
/// - Returns: the epochs (counted from 1) after which η is halved, in order.
func halvingEpochs(accuracies: [Double], patience: Int) throws -> [Int] {
    throw NotDone("5.9")  // replace this line with your code
}

// Exercise 6.7 — the parameters of a convolutional layer (Eq. 6.6). Notes:
// Chapters/Chapter06/README.md, §6.3. Check it with `swift run Workbook check 6.7`.

import ExerciseKit
import NeuralCore

/// Eq. 6.6: a convolutional layer has one kernel of F_h × F_w for every pair of an output map
/// and an input map (Eq. 6.4), and one bias per output map, so
///
///     C_out C_in F_h F_w + C_out
///
/// parameters, whatever the size of the image: every position shares the same kernels.
///
/// - Parameters:
///   - inputChannels: C_in, the maps the layer reads.
///   - outputChannels: C_out, the maps it writes.
///   - kernelHeight: F_h.
///   - kernelWidth: F_w.
/// - Returns: the number of weights and biases.
func parameterCount(inputChannels: Int, outputChannels: Int, kernelHeight: Int, kernelWidth: Int) throws -> Int {
    // BEGIN SOLUTION
    outputChannels * inputChannels * kernelHeight * kernelWidth + outputChannels
    // END SOLUTION
}

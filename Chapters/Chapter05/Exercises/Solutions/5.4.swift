// Exercise 5.4 — weights scaled by the fan-in, N(0, 1/n_in) (Eq. 5.8). Notes:
// Chapters/Chapter05/README.md, §5.5. Check it with `swift run Workbook check 5.4`.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 5.8 — the initial weights of a layer of `outputs` neurons, each with `inputs` inputs (n_in):
///
///     w ~ N(0, 1/n_in)        (variance 1/n_in, so standard deviation 1/√n_in)
///
/// so that z = Σⱼ wⱼxⱼ + b has a variance near Σⱼ xⱼ²/n_in (+ 1 from a N(0, 1) bias) instead of
/// Σⱼ xⱼ², and σ(z) does not start on its flat tails.
///
/// The matrix has the layout of the notes, wˡ with one row per neuron and one column per input
/// (outputs × inputs). Draw it with `Matrix.gaussian(rows, columns, standardDeviation:, using:)`,
/// one call, so that your draws can be compared with the core's `WeightInitialization.scaledNormal`.
///
/// - Returns: the weights, outputs × inputs.
func scaledNormalWeights(inputs: Int, outputs: Int, using generator: inout SeededGenerator) throws -> Matrix {
    // BEGIN SOLUTION
    Matrix.gaussian(outputs, inputs, standardDeviation: 1 / Double(inputs).squareRoot(), using: &generator)
    // END SOLUTION
}

// Exercise 8.5 — how many parameters each cell has (the table of §8.7). Notes:
// Chapters/Chapter08/README.md, §8.1, §8.2 and §8.7. Check it with `swift run Workbook check 8.5`.

import ExerciseKit
import NeuralCore

/// The three cells of Chapters 07–08.
enum CellKind {
    /// Eq. 7.1: one tanh layer, hₜ = tanh(U xₜ + W hₜ₋₁ + b).
    case vanilla
    /// Eqs. 8.1–8.4: four gate blocks f, i, o, g stacked in U, W and b.
    case lstm
    /// Eqs. 8.8–8.10: three blocks z, r, n stacked in U, W and b.
    case gru
}

/// The number of numbers a character model learns: its cell's U, W and b plus the output layer
/// oₜ = V hₜ + c of Eq. 7.2 (V is outputs × hidden, c is outputs × 1).
///
/// For each block of the cell, U has hidden × inputs entries, W hidden × hidden and b hidden.
/// (For the character model of §8.7, inputs = outputs = 138 characters and hidden = 100.)
func parameterCount(_ kind: CellKind, inputs: Int, hidden: Int, outputs: Int) throws -> Int {
    // BEGIN SOLUTION
    let blocks: Int
    switch kind {
    case .vanilla: blocks = 1
    case .lstm: blocks = 4
    case .gru: blocks = 3
    }
    return blocks * (hidden * inputs + hidden * hidden + hidden) + outputs * hidden + outputs
    // END SOLUTION
}

// Exercise 1.3 — logic gates as single perceptrons (Eq. 1.1, as the NAND of Eq. 1.2).
// Notes: Chapters/Chapter01/README.md, §1.2 and §1.5. Check it with `swift run Workbook check 1.3`.

import ExerciseKit
import NeuralCore

// Eq. 1.2 shows one perceptron that computes NAND: w = (−2, −2), b = 3, because
// step(−2x₁ − 2x₂ + 3) is 1 for the inputs 00, 01, 10 and 0 for 11. Find a weight vector and a
// bias for three more gates. Each answer is a value: return the weights and the bias, and the
// checks run the perceptron of Eq. 1.1 (output 1 if w · x + b > 0, else 0) on every input.

/// AND(x₁, x₂): 1 only for the input 11. Two weights and a bias.
func andPerceptron() throws -> (weights: [Double], bias: Double) {
    // BEGIN SOLUTION
    ([1, 1], -1.5)
    // END SOLUTION
}

/// OR(x₁, x₂): 1 unless the input is 00. Two weights and a bias.
func orPerceptron() throws -> (weights: [Double], bias: Double) {
    // BEGIN SOLUTION
    ([1, 1], -0.5)
    // END SOLUTION
}

/// NOT x: 1 for the input 0 and 0 for the input 1. One weight and a bias.
func notPerceptron() throws -> (weights: [Double], bias: Double) {
    // BEGIN SOLUTION
    ([-1], 0.5)
    // END SOLUTION
}

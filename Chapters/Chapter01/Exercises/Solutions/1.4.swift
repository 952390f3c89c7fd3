// Exercise 1.4 — XOR and the half adder from NAND perceptrons (Eq. 1.2).
// Notes: Chapters/Chapter01/README.md, §1.3. Check it with `swift run Workbook check 1.4`.

import ExerciseKit
import NeuralCore

// NAND is universal (§1.3): every Boolean function is a circuit of NAND gates, and every NAND gate
// is the perceptron of Eq. 1.2, NAND(x₁, x₂) = step(−2x₁ − 2x₂ + 3). Both functions below are
// given that perceptron as `nand`; build the circuits from it alone (no ^, &, | or if on the bits).

/// x₁ ⊕ x₂ (XOR: 1 when exactly one input is 1) from four NAND gates.
///
/// - Parameters:
///   - x1, x2: the input bits, 0 or 1.
///   - nand: the NAND perceptron of Eq. 1.2; call it once per gate.
/// - Returns: x₁ ⊕ x₂.
func xorFromNAND(_ x1: Int, _ x2: Int, nand: (Int, Int) -> Int) throws -> Int {
    // BEGIN SOLUTION
    let n = nand(x1, x2)
    return nand(nand(x1, n), nand(x2, n))
    // END SOLUTION
}

/// The half adder of §1.3: adds two bits, x₁ + x₂ = 2·carry + sum, with five NAND gates
/// (sum = x₁ ⊕ x₂, carry = x₁ ∧ x₂).
///
/// - Parameters:
///   - x1, x2: the bits to add.
///   - nand: the NAND perceptron of Eq. 1.2.
/// - Returns: the sum bit and the carry bit.
func halfAdder(_ x1: Int, _ x2: Int, nand: (Int, Int) -> Int) throws -> (sum: Int, carry: Int) {
    // BEGIN SOLUTION
    let n = nand(x1, x2)
    let sum = nand(nand(x1, n), nand(x2, n))
    return (sum, nand(n, n))
    // END SOLUTION
}

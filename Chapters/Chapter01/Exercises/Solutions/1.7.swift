// Exercise 1.7 — the full adder and the two-bit adder from NAND perceptrons (Eq. 1.2).
// Notes: Chapters/Chapter01/README.md, §1.3. Check it with `swift run Workbook check 1.7`.

import ExerciseKit
import NeuralCore

// Exercise 1.4 built the half adder from five NAND perceptrons. A full adder also takes the
// carry that comes in from the column to its right; a half adder followed by a full adder adds
// two 2-bit numbers, a₁a₀ + b₁b₀ = s₂s₁s₀, with fourteen perceptrons (§1.3). As in 1.4, every gate
// is a call of `nand`, the perceptron of Eq. 1.2; use nothing else on the bits.

/// A full adder of at most nine NAND gates: a + b + carryIn = 2·carry + sum, so
/// sum = a ⊕ b ⊕ carryIn and carry = (a ∧ b) ∨ ((a ⊕ b) ∧ carryIn).
///
/// - Parameters:
///   - a, b: the two bits of this column.
///   - carryIn: the carry from the column to the right.
///   - nand: the NAND perceptron of Eq. 1.2.
/// - Returns: the sum bit of the column and the carry into the next one.
func fullAdder(_ a: Int, _ b: Int, carryIn: Int, nand: (Int, Int) -> Int) throws -> (sum: Int, carry: Int) {
    // BEGIN SOLUTION
    let n1 = nand(a, b)
    let partial = nand(nand(a, n1), nand(b, n1))  // a ⊕ b
    let m1 = nand(partial, carryIn)
    let sum = nand(nand(partial, m1), nand(carryIn, m1))
    return (sum, nand(m1, n1))
    // END SOLUTION
}

/// The two-bit adder of §1.3, at most fourteen NAND gates: a half adder for the low bits
/// (a₀ + b₀), then your full adder for the high bits and the low carry.
///
/// - Parameters:
///   - a1, a0: the bits of the first number, a = 2a₁ + a₀.
///   - b1, b0: the bits of the second number.
///   - nand: the NAND perceptron of Eq. 1.2.
/// - Returns: the bits of the sum, a + b = 4s₂ + 2s₁ + s₀.
func twoBitAdder(_ a1: Int, _ a0: Int, _ b1: Int, _ b0: Int, nand: (Int, Int) -> Int) throws -> (
    s2: Int, s1: Int, s0: Int
) {
    // BEGIN SOLUTION
    let n = nand(a0, b0)
    let s0 = nand(nand(a0, n), nand(b0, n))
    let high = try fullAdder(a1, b1, carryIn: nand(n, n), nand: nand)
    return (high.carry, high.sum, s0)
    // END SOLUTION
}

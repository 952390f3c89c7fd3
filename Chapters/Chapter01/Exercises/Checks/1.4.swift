// Checks of exercise 1.4 (Eq. 1.2): the learner's XOR and half adder on every input, built only
// from the NAND perceptron they are handed (the checks count its calls), and a two-bit adder made
// of the learner's half adders that must get all 16 sums right.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 1.2 — your XOR of NAND perceptrons gives 0, 1, 1, 0 on the inputs 00, 01, 10, 11") {
        let gate = CountingNAND()
        var got: [Int] = []
        for (x1, x2) in truthTableRows { got.append(try xorFromNAND(x1, x2, nand: { gate($0, $1) })) }
        try expectOutputs(
            got, [0, 1, 1, 0], cases: truthTableCases, "x₁ ⊕ x₂", diagnoses: circuitDiagnoses(got, "XOR"))
    },
    Check("Eq. 1.2 — your XOR is made of NAND perceptrons only, four of them") {
        for (x1, x2) in truthTableRows {
            let gate = CountingNAND()
            _ = try xorFromNAND(x1, x2, nand: { gate($0, $1) })
            try expect(
                gate.calls > 0, "for x = (\(x1), \(x2)) your XOR never used the NAND gate it was given",
                diagnosis: "the circuit must be built from `nand` alone (§1.3), not from Swift's ^ or if")
            try expect(
                gate.calls <= 4,
                "for x = (\(x1), \(x2)) your XOR used \(gate.calls) NAND gates; four are enough: n = NAND(x₁, x₂), "
                    + "then NAND(NAND(x₁, n), NAND(x₂, n))")
        }
    },
    Check("Eq. 1.2 — your half adder of at most five NAND perceptrons adds two bits: x₁ + x₂ = 2·carry + sum") {
        var sums: [Int] = []
        var carries: [Int] = []
        for (x1, x2) in truthTableRows {
            let gate = CountingNAND()
            let result = try halfAdder(x1, x2, nand: { gate($0, $1) })
            try expect(gate.calls > 0, "for x = (\(x1), \(x2)) your half adder never used the NAND gate it was given")
            try expect(
                gate.calls <= 5,
                "for x = (\(x1), \(x2)) your half adder used \(gate.calls) NAND gates; five are enough (§1.3)")
            sums.append(result.sum)
            carries.append(result.carry)
        }
        try expectOutputs(
            sums, [0, 1, 1, 0], cases: truthTableCases, "sum", diagnoses: circuitDiagnoses(sums, "sum bit"))
        try expectOutputs(
            carries, [0, 0, 0, 1], cases: truthTableCases, "carry",
            diagnoses: [
                (
                    "the carry is NAND(x₁, x₂): the carry is x₁ ∧ x₂, one more gate NAND(n, n) = NOT n inverts it",
                    [1, 1, 1, 0]
                )
            ] + circuitDiagnoses(carries, "carry"))
    },
    Check("Eq. 1.2 — a two-bit adder of your half adders gets all 16 sums a₁a₀ + b₁b₀ right") {
        let gate = CountingNAND()
        let nand: (Int, Int) -> Int = { gate($0, $1) }
        var wrong: [String] = []
        for a in 0..<4 {
            for b in 0..<4 {
                // Low bits: a half adder. High bits: a full adder of two half adders, whose carries
                // are joined by OR(c, d) = NAND(NAND(c, c), NAND(d, d)).
                let low = try halfAdder(a & 1, b & 1, nand: nand)
                let first = try halfAdder(a >> 1, b >> 1, nand: nand)
                let second = try halfAdder(first.sum, low.carry, nand: nand)
                let carry = nand(nand(first.carry, first.carry), nand(second.carry, second.carry))
                let total = 4 * carry + 2 * second.sum + low.sum
                if total != a + b { wrong.append("\(a) + \(b) gave \(total)") }
            }
        }
        try expect(
            wrong.isEmpty, "\(wrong.count) of the 16 sums are wrong, for example \(wrong.first ?? "")",
            diagnosis: "check your half adder's sum and carry on their own first")
    },
]

/// What a wrong circuit computes, when it is a gate with a name.
func circuitDiagnoses(_ table: [Int], _ name: String) -> [(explanation: String, wrong: [Int])] {
    guard let computed = gateName(table) else { return [] }
    var explanation = "your \(name) computes \(computed)"
    if computed == "OR" {
        explanation += ": NAND(NOT x₁, NOT x₂) is x₁ ∨ x₂; XOR needs n = NAND(x₁, x₂) inside both inner gates"
    }
    return [(explanation, table)]
}

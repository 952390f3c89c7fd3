// Checks of exercise 1.7 (Eq. 1.2): the learner's full adder on all eight inputs and its gate
// count, then the two-bit adder on all sixteen sums and its gate count (fourteen in §1.3).

import ExerciseKit
import NeuralCore

/// The eight inputs (a, b, carry in), 000 to 111.
let fullAdderRows: [(Int, Int, Int)] = (0..<8).map { ($0 >> 2 & 1, $0 >> 1 & 1, $0 & 1) }

let checks: [Check] = [
    Check("Eq. 1.2 — your full adder gets a + b + carry in = 2·carry + sum right on all eight inputs") {
        var sums: [Int] = []
        var carries: [Int] = []
        for (a, b, c) in fullAdderRows {
            let gate = CountingNAND()
            let result = try fullAdder(a, b, carryIn: c, nand: { gate($0, $1) })
            try expect(
                gate.calls > 0, "for (a, b, carry in) = (\(a), \(b), \(c)) your full adder never used `nand`",
                diagnosis: "the circuit must be built from `nand` alone (§1.3), not from Swift's ^, & or if")
            sums.append(result.sum)
            carries.append(result.carry)
        }
        let cases = fullAdderRows.map { "(a, b, carry in) = (\($0.0), \($0.1), \($0.2))" }
        try expectOutputs(
            sums, fullAdderRows.map { ($0.0 + $0.1 + $0.2) & 1 }, cases: cases, "sum",
            diagnoses: [
                (
                    "the sum ignores the incoming carry: it is a ⊕ b ⊕ carry in, a second XOR stage",
                    fullAdderRows.map { $0.0 ^ $0.1 }
                ),
                (
                    "the sum is the XNOR of a ⊕ b and the carry: one inversion too many or too few",
                    fullAdderRows.map { 1 - ($0.0 ^ $0.1 ^ $0.2) }
                ),
            ])
        try expectOutputs(
            carries, fullAdderRows.map { ($0.0 + $0.1 + $0.2) >> 1 }, cases: cases, "carry",
            diagnoses: [
                (
                    "the carry ignores the incoming carry: it is (a ∧ b) ∨ ((a ⊕ b) ∧ carry in), 1 whenever two of the three bits are 1",
                    fullAdderRows.map { $0.0 & $0.1 }
                ),
                (
                    "the carry is a ∨ b ∨ carry in: it needs two of the three bits, not one",
                    fullAdderRows.map { $0.0 | $0.1 | $0.2 }
                ),
                (
                    "the carry is a ∧ b ∧ carry in: two of the three bits are already enough",
                    fullAdderRows.map { $0.0 & $0.1 & $0.2 }
                ),
            ])
    },
    Check("Eq. 1.2 — your full adder uses at most nine NAND perceptrons") {
        for (a, b, c) in fullAdderRows {
            let gate = CountingNAND()
            _ = try fullAdder(a, b, carryIn: c, nand: { gate($0, $1) })
            try expect(
                gate.calls <= 9,
                "for (a, b, carry in) = (\(a), \(b), \(c)) your full adder used \(gate.calls) NAND gates; nine are enough: "
                    + "four for p = a ⊕ b, four for p ⊕ carry in, and one NAND(NAND(p, carry in), NAND(a, b)) for the carry, "
                    + "reusing the first gate of each XOR")
        }
    },
    Check("Eq. 1.2 — your two-bit adder gets all 16 sums a₁a₀ + b₁b₀ = s₂s₁s₀ right") {
        var got: [Int] = []
        var expected: [Int] = []
        var cases: [String] = []
        for a in 0..<4 {
            for b in 0..<4 {
                let gate = CountingNAND()
                let sum = try twoBitAdder(a >> 1, a & 1, b >> 1, b & 1, nand: { gate($0, $1) })
                got.append(4 * sum.s2 + 2 * sum.s1 + sum.s0)
                expected.append(a + b)
                cases.append("\(a) + \(b)")
            }
        }
        let lowCarryLost = (0..<16).map { i -> Int in
            let (a, b) = (i / 4, i % 4)
            let high = (a >> 1) + (b >> 1)
            return 2 * high + ((a & 1) ^ (b & 1))
        }
        try expectOutputs(
            got, expected, cases: cases, "a + b",
            diagnoses: [
                (
                    "the carry of the low bits never reaches the full adder: pass NAND(n, n) as its carry in",
                    lowCarryLost
                )
            ])
    },
    Check("Eq. 1.2 — your two-bit adder uses at most fourteen NAND perceptrons (§1.3)") {
        for a in 0..<4 {
            for b in 0..<4 {
                let gate = CountingNAND()
                _ = try twoBitAdder(a >> 1, a & 1, b >> 1, b & 1, nand: { gate($0, $1) })
                try expect(
                    gate.calls <= 14,
                    "for \(a) + \(b) your two-bit adder used \(gate.calls) NAND gates; a half adder (five) and your full adder "
                        + "(nine) make fourteen")
            }
        }
    },
]

// Checks of exercise 1.3 (Eq. 1.1 and 1.2): the truth tables of the learner's AND, OR and NOT
// perceptrons, and the two-layer network XOR = AND(OR, NAND) built from them.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 1.1 — your AND perceptron gives 0, 0, 0, 1 on the inputs 00, 01, 10, 11") {
        try expectGate(try andPerceptron(), "AND", [0, 0, 0, 1])
    },
    Check("Eq. 1.1 — your OR perceptron gives 0, 1, 1, 1 on the inputs 00, 01, 10, 11") {
        try expectGate(try orPerceptron(), "OR", [0, 1, 1, 1])
    },
    Check("Eq. 1.1 — your NOT perceptron gives 1 for the input 0 and 0 for the input 1") {
        let gate = try notPerceptron()
        try expectEqual(gate.weights.count, 1, "the number of weights of NOT (it has one input)")
        let got = [oracleOutput(gate.weights, gate.bias, [0]), oracleOutput(gate.weights, gate.bias, [1])]
        try expectOutputs(
            got, [1, 0],
            cases: [
                "x = 0 (w · x + b = \(formatted(gate.bias)))",
                "x = 1 (w · x + b = \(formatted(gate.weights[0] + gate.bias)))",
            ],
            "NOT x",
            diagnoses: [
                ("your perceptron copies its input: NOT needs a negative weight and a positive bias", [0, 1]),
                (
                    "your perceptron gives the same answer for both inputs: its weight must outweigh the bias, "
                        + "so that w + b ≤ 0 < b", [1, 1]
                ),
                ("your perceptron never fires: NOT 0 = 1 needs b > 0 (Eq. 1.1 fires when w · x + b > 0)", [0, 0]),
            ])
    },
    Check("Eq. 1.1–1.2 — two layers of perceptrons, AND(OR(x₁, x₂), NAND(x₁, x₂)), compute XOR (§1.5)") {
        let and = try andPerceptron()
        let or = try orPerceptron()
        let not = try notPerceptron()
        var xor: [Int] = []
        var nandFromNot: [Int] = []
        for (x1, x2) in truthTableRows {
            let x = [Double(x1), Double(x2)]
            let hidden = [oracleOutput(or.weights, or.bias, x), oracleOutput([-2, -2], 3, x)]
            xor.append(oracleOutput(and.weights, and.bias, hidden.map(Double.init)))
            nandFromNot.append(oracleOutput(not.weights, not.bias, [Double(oracleOutput(and.weights, and.bias, x))]))
        }
        try expectOutputs(xor, [0, 1, 1, 0], cases: truthTableCases, "AND(OR, NAND)")
        try expectOutputs(nandFromNot, [1, 1, 1, 0], cases: truthTableCases, "NOT(AND(x₁, x₂))")
    },
]

/// Runs a two-input perceptron on the truth table and compares it with the gate's.
func expectGate(_ gate: (weights: [Double], bias: Double), _ name: String, _ expected: [Int]) throws {
    try expectEqual(gate.weights.count, 2, "the number of weights of \(name) (it has two inputs)")
    let got = truthTableRows.map { oracleOutput(gate.weights, gate.bias, [Double($0.0), Double($0.1)]) }
    let cases = truthTableRows.map { row in
        let z = oracleWeightedInput(gate.weights, gate.bias, [Double(row.0), Double(row.1)])
        return "x = (\(row.0), \(row.1)) (w · x + b = \(formatted(z)))"
    }
    var diagnoses: [(explanation: String, wrong: [Int])] = []
    if let computed = gateName(got) {
        var explanation = "your \(name) perceptron computes \(computed)"
        if computed == "NAND" || computed == "NOR" {
            explanation += ": flipping the signs of all weights and the bias turns AND into NAND and OR into NOR"
        } else if name == "AND" && computed == "OR" || name == "OR" && computed == "AND" {
            explanation += ": with the same weights, the bias decides how many inputs must be on (§1.1)"
        }
        diagnoses.append((explanation, got))
    }
    try expectOutputs(got, expected, cases: cases, "\(name)(x₁, x₂)", diagnoses: diagnoses)
}

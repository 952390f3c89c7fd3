// Checks of exercise 1.1 (Eq. 1.1): the cyclist of §1.1, inputs exactly on the threshold, the NAND
// perceptron of Eq. 1.2, and the core's step activation on random perceptrons.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 1.1 — the cyclist of §1.1 (w = (6, 2, 2), b = −5) goes exactly when it is dry") {
        let w = [6.0, 2, 2]
        let b = -5.0
        // The eight cases (dry, friend comes, bike works), 000 to 111.
        let cases: [[Double]] = (0..<8).map { (i: Int) -> [Double] in
            [Double((i >> 2) & 1), Double((i >> 1) & 1), Double(i & 1)]
        }
        var got: [Int] = []
        for x in cases { got.append(try perceptronOutput(weights: w, bias: b, input: x)) }
        try expectOutputs(
            got, cases.map { Int($0[0]) }, cases: cases.map { "(dry, friend, bike) = \($0.map { Int($0) })" },
            "output", diagnoses: outputMistakes(w, b, cases))
    },
    Check("Eq. 1.1 — on the threshold, w · x + b = 0, the perceptron does not fire") {
        let perceptrons: [([Double], Double, [Double])] = [
            ([1, 1], -1, [1, 0]), ([1, 1], -1, [0, 1]), ([1, 1], -1, [1, 1]), ([-2, -2], 4, [1, 1]),
            ([0.5, 0.25], 0, [0, 0]),
        ]
        var got: [Int] = []
        for (w, b, x) in perceptrons { got.append(try perceptronOutput(weights: w, bias: b, input: x)) }
        try expectOutputs(
            got, perceptrons.map { oracleOutput($0.0, $0.1, $0.2) },
            cases: perceptrons.map {
                "w = \(vectorText($0.0)), b = \(formatted($0.1)), x = \(vectorText($0.2)) (w · x + b = \(formatted(oracleWeightedInput($0.0, $0.1, $0.2))))"
            },
            "output",
            diagnoses: [
                (
                    "the perceptron fires when w · x + b = 0: Eq. 1.1 asks for w · x + b > 0, strictly",
                    perceptrons.map { oracleWeightedInput($0.0, $0.1, $0.2) >= 0 ? 1 : 0 }
                )
            ])
    },
    Check("Eq. 1.1 — the NAND perceptron of Eq. 1.2 (w = (−2, −2), b = 3) gives 1, 1, 1, 0") {
        var got: [Int] = []
        for (x1, x2) in truthTableRows {
            got.append(try perceptronOutput(weights: [-2, -2], bias: 3, input: [Double(x1), Double(x2)]))
        }
        let cases = truthTableRows.map { [Double($0.0), Double($0.1)] }
        try expectOutputs(
            got, [1, 1, 1, 0], cases: truthTableCases, "NAND(x₁, x₂)", diagnoses: outputMistakes([-2, -2], 3, cases))
    },
    Check("Eq. 1.1 — agrees with the core's step activation on 200 random perceptrons of 5 inputs") {
        var generator = SeededGenerator(seed: 11)
        var cases: [([Double], Double, [Double])] = []
        for _ in 0..<200 {
            let w = (0..<5).map { _ in generator.gaussian() }
            let x = (0..<5).map { _ in generator.gaussian() }
            cases.append((w, generator.gaussian(), x))
        }
        var got: [Int] = []
        for (w, b, x) in cases { got.append(try perceptronOutput(weights: w, bias: b, input: x)) }
        let expected = cases.map { Int(Activation.step.value(oracleWeightedInput($0.0, $0.1, $0.2))) }
        try expectOutputs(
            got, expected,
            cases: cases.map { "w = \(vectorText($0.0)), b = \(formatted($0.1)), x = \(vectorText($0.2))" }, "output",
            diagnoses: [
                ("the bias b is missing: the weighted input is w · x + b", cases.map { oracleOutput($0.0, 0, $0.2) }),
                (
                    "the bias is subtracted: the weighted input is w · x + b",
                    cases.map { oracleOutput($0.0, -$0.1, $0.2) }
                ),
                (
                    "the output is inverted: Eq. 1.1 gives 1 when w · x + b > 0",
                    cases.map { 1 - oracleOutput($0.0, $0.1, $0.2) }
                ),
            ])
    },
]

/// The classic wrong answers to Eq. 1.1 on a list of inputs for one perceptron.
func outputMistakes(_ w: [Double], _ b: Double, _ inputs: [[Double]]) -> [(explanation: String, wrong: [Int])] {
    [
        ("the bias b is missing: the weighted input is w · x + b", inputs.map { oracleOutput(w, 0, $0) }),
        ("the bias is subtracted: the weighted input is w · x + b", inputs.map { oracleOutput(w, -b, $0) }),
        ("the output is inverted: Eq. 1.1 gives 1 when w · x + b > 0", inputs.map { 1 - oracleOutput(w, b, $0) }),
    ]
}

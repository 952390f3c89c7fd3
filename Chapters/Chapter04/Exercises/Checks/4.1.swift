// Checks of exercise 4.1 (the cross-entropy cost, Eq. 4.2): the values the notes print, a batch
// against the core's CrossEntropyCost, and the minimum at a = y.

import ExerciseKit
import Foundation
import NeuralCore

let checks: [Check] = [
    Check(
        "Eq. 4.2 — the values of §4.2: C(0.999; 1) = 0.0010, C(0.001; 1) = 6.91, C(0.2; 0) = 0.223, C(0.3; 0.3) = 0.6109"
    ) {
        let cases: [(a: Double, y: Double)] = [(0.999, 1), (0.001, 1), (0.2, 0), (0.3, 0.3)]
        let got = try cases.map {
            try crossEntropyCost(outputs: Matrix(column: [$0.a]), targets: Matrix(column: [$0.y]))
        }
        let expected = cases.map { -($0.y * log($0.a) + (1 - $0.y) * log(1 - $0.a)) }
        try expectClose(
            got, expected, "C(a; y)", tolerance: 1e-12,
            diagnoses: [
                Diagnosis(CrossEntropyMistakes.missingComplement) {
                    Matrix(row: cases.map { -$0.y * log($0.a) })
                },
                Diagnosis("you used log₁₀; ln in Eq. 4.2 is the natural logarithm, Foundation's `log`") {
                    Matrix(row: expected.map { $0 / log(10) })
                },
                Diagnosis(
                    "the minus sign in front of Eq. 4.2 is missing: ln of a number in (0, 1) is negative, the cost is not"
                ) {
                    Matrix(row: expected.map { -$0 })
                },
            ])
    },
    Check(
        "Eq. 4.2 — a layer of 3 outputs on n = 5 inputs: averaged over the inputs, summed over the outputs (the core's CrossEntropyCost / n)"
    ) {
        var generator = SeededGenerator(seed: 41)
        let z = Matrix.gaussian(3, 5, standardDeviation: 2, using: &generator)
        let a = Activation.sigmoid.value(z)
        let y = Matrix.uniform(3, 5, low: 0, high: 1, using: &generator)
        let got = try crossEntropyCost(outputs: a, targets: y)
        let summed = CrossEntropyCost().cost(z: z, output: a, target: y, activation: .sigmoid)
        try expectClose(
            got, summed / 5, "C", tolerance: 1e-12,
            diagnoses: [
                Diagnosis(CrossEntropyMistakes.noAverage, scalar: { summed }),
                Diagnosis(
                    "you divided by the number of entries (3 outputs × 5 inputs); Eq. 4.2 divides by n, the number of inputs (columns), and sums over the outputs j",
                    scalar: { summed / 15 }),
                Diagnosis(CrossEntropyMistakes.missingComplement) {
                    Matrix(
                        rows: 1, columns: 1,
                        elements: [-(0..<a.count).reduce(0) { $0 + y.elements[$1] * log(a.elements[$1]) } / 5])
                },
            ])
    },
    Check(
        "Eq. 4.2 — for a target y = 0.3 strictly inside (0, 1), C(a; y) ≥ 0 everywhere and is smallest at a = y (the entropy 0.6109)"
    ) {
        let grid = stride(from: 0.01, through: 0.99, by: 0.01).map { $0 }
        let values = try grid.map {
            try crossEntropyCost(outputs: Matrix(column: [$0]), targets: Matrix(column: [0.3]))
        }
        let smallest = values.indices.min { values[$0] < values[$1] }!
        try expect(values.allSatisfy { $0 >= 0 }, "your C(a; 0.3) is negative somewhere on a ∈ (0, 1)")
        try expect(
            abs(grid[smallest] - 0.3) < 1e-9,
            "your C(a; 0.3) is smallest at a = \(formatted(grid[smallest])), not at a = y = 0.3",
            diagnosis: CrossEntropyMistakes.missingComplement)
    },
]

enum CrossEntropyMistakes {
    static let missingComplement =
        "the term (1 − y) ln(1 − a) is missing: Eq. 4.2 has two terms, one for y and one for 1 − y"
    static let noAverage =
        "you summed over the n training inputs without dividing by n: Eq. 4.2 averages, −(1/n) Σₓ"
}

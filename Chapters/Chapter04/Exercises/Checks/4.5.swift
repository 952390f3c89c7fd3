// Checks of exercise 4.5 (the log-likelihood cost, Eq. 4.5): the example of §4.4, the logits of
// ±1000, a batch against the core's LogLikelihoodCost, and the initial loss ln 10 of §4.5.

import ExerciseKit
import Foundation
import NeuralCore

/// −ln softmax(z)_y per column, from the core's log-softmax.
func costPerExample(_ z: Matrix, _ labels: [Int]) -> [Double] {
    let logA = Softmax.logApply(z)
    return labels.enumerated().map { -logA[$0.element, $0.offset] }
}

/// The classic wrong answers, for a batch (summed) or one value per single-column call.
func logLikelihoodMistakes(_ columns: [(z: Matrix, labels: [Int])]) -> [Diagnosis] {
    func each(_ rule: @escaping @Sendable (Matrix, [Int]) -> Double) -> @Sendable () -> Matrix? {
        { Matrix(row: columns.map { rule($0.z, $0.labels) }) }
    }
    return [
        Diagnosis(
            "you averaged over the examples: this cost is summed over the mini-batch, Σₓ −ln a_y (the network divides by m itself)",
            each { z, labels in costPerExample(z, labels).reduce(0, +) / Double(z.columns) }),
        Diagnosis(
            "you summed −ln aⱼ over every class j: Eq. 4.5 takes only the true class, −ln a_y (a one-hot y keeps one term)",
            each { z, _ in -Softmax.logApply(z).sum() }),
        Diagnosis(
            "you added (1 − yⱼ) ln(1 − aⱼ) terms: that is the cross-entropy of Eq. 4.2; the log-likelihood (4.5) is −ln a_y alone",
            each { z, labels in
                let a = Softmax.apply(z)
                var total = costPerExample(z, labels).reduce(0, +)
                for column in 0..<z.columns {
                    for row in 0..<z.rows where row != labels[column] { total -= log(1 - a[row, column]) }
                }
                return total
            }),
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 4.5 — the example of §4.4: z = (2, 1, 0.1, −1) costs 0.4493 if class 1 (row 0) is right, 3.4493 if class 4 (row 3) is"
    ) {
        let z = Matrix(column: [2, 1, 0.1, -1])
        let e = z.map { exp($0) }
        let a = e / e.sum()
        let got = [try logLikelihoodCost(logits: z, labels: [0]), try logLikelihoodCost(logits: z, labels: [3])]
        try expectClose(
            got, [-log(a[0, 0]), -log(a[3, 0])], "C", tolerance: 1e-12,
            diagnoses: logLikelihoodMistakes([(z, [0]), (z, [3])]))
    },
    Check("Eq. 4.5 — logits ±1000 (§4.4): costs exactly 0, 2000, 1000; ln 3; ln 2, ln 2, 2000 + ln 2 (no ln 0, no NaN)")
    {
        let cases: [(z: [Double], label: Int)] = [
            ([1000, -1000, 0], 0), ([1000, -1000, 0], 1), ([1000, -1000, 0], 2), ([-1000, -1000, -1000], 0),
            ([1000, 1000, -1000], 0), ([1000, 1000, -1000], 1), ([1000, 1000, -1000], 2),
        ]
        let got = try cases.map { try logLikelihoodCost(logits: Matrix(column: $0.z), labels: [$0.label]) }
        try expectAllFinite(got, "C for logits ±1000", hint: shiftHint)
        try expectClose(
            got, [0, 2000, 1000, log(3), log(2), log(2), 2000 + log(2)], "C", tolerance: 1e-12,
            diagnoses: logLikelihoodMistakes(cases.map { (Matrix(column: $0.z), [$0.label]) }))
    },
    Check("Eq. 4.5 — a batch of 8 examples, 5 classes: summed over the examples, equal to the core's LogLikelihoodCost")
    {
        var generator = SeededGenerator(seed: 45)
        let z = Matrix.gaussian(5, 8, standardDeviation: 3, using: &generator)
        let labels = (0..<8).map { _ in generator.integer(below: 5) }
        let y = Matrix.oneHot(labels, classes: 5)
        try expectClose(
            try logLikelihoodCost(logits: z, labels: labels),
            LogLikelihoodCost().cost(z: z, output: Softmax.apply(z), target: y, activation: .softmax), "C",
            tolerance: 1e-12, diagnoses: logLikelihoodMistakes([(z, labels)]))
    },
    Check(
        "Eq. 4.5 — an untrained classifier with small logits (standard deviation 0.01, 10 classes, 200 examples) starts at ln 10 = 2.3026 per example"
    ) {
        var generator = SeededGenerator(seed: 145)
        let z = Matrix.gaussian(10, 200, standardDeviation: 0.01, using: &generator)
        let labels = (0..<200).map { _ in generator.integer(below: 10) }
        let perExample = try logLikelihoodCost(logits: z, labels: labels) / 200
        try expect(
            abs(perExample - log(10)) < 0.01,
            "your cost per example is \(formatted(perExample)), not within 0.01 of ln 10 = \(formatted(log(10)))")
    },
]

// Checks of exercise 1.5 (Eq. 1.3): two passes over AND by hand, the notes' update counts for AND,
// OR and NAND, XOR's endless mistakes, and convergence on separable points within Novikoff's bound.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 1.3 — two passes over AND from w = 0, b = 0: (1, 1), 1 after one mistake, then (2, 1), 0 after three") {
        let data = TruthTable.and.dataset
        let first = try perceptronEpoch(weights: [0, 0], bias: 0, points: data.points, labels: data.labels, eta: 1)
        let second = try perceptronEpoch(
            weights: first.weights, bias: first.bias, points: data.points, labels: data.labels, eta: 1)
        let got =
            first.weights + [first.bias, Double(first.mistakes)] + second.weights + [
                second.bias, Double(second.mistakes),
            ]
        try expectClose(
            got, [1, 1, 1, 1, 2, 1, 0, 3], "(w₁, w₂, b, mistakes | w₁, w₂, b, mistakes) after passes 1 | 2",
            diagnoses: passMistakes(data.points, data.labels, passes: 2))
    },
    Check("Eq. 1.3 — repeated passes learn AND, OR and NAND after 10, 4 and 11 updates (§1.5)") {
        for table in [TruthTable.and, .or, .nand] {
            let data = table.dataset
            let run = try learnerTraining(data.points, data.labels, eta: 1, maxEpochs: 50)
            let oracle = oracleTraining(points: data.points, labels: data.labels, maxEpochs: 50)
            try expectEqual(
                run.mistakesPerEpoch, oracle.mistakesPerEpoch, "the mistakes per pass on \(table.rawValue)",
                diagnoses: variantDiagnoses(data.points, data.labels, maxEpochs: 50))
            try expectClose(
                run.weights + [run.bias], oracle.weights + [oracle.bias], "(w₁, w₂, b) learned for \(table.rawValue)")
        }
    },
    Check("Eq. 1.3 — on XOR no pass is ever free of mistakes: at least 2 per pass, then 4 per pass forever (§1.5)") {
        let data = TruthTable.xor.dataset
        let run = try learnerTraining(data.points, data.labels, eta: 1, maxEpochs: 30)
        try expectEqual(
            run.mistakesPerEpoch,
            oracleTraining(points: data.points, labels: data.labels, maxEpochs: 30).mistakesPerEpoch,
            "the mistakes per pass on XOR", diagnoses: variantDiagnoses(data.points, data.labels, maxEpochs: 30))
    },
    Check("Eq. 1.3–1.4 — your passes classify 120 separable points perfectly, within Novikoff's bound (R/γ)²") {
        var generator = SeededGenerator(seed: 14)
        let (data, w, b) = ToyDatasets.separableBlobs(count: 120, margin: 0.15, spread: 1, using: &generator)
        let run = try learnerTraining(data.points, data.labels, eta: 1, maxEpochs: 500)
        let novikoff = oracleNovikoff(points: data.points, labels: data.labels, weights: w, bias: b)
        let bound = (novikoff.radius / novikoff.margin) * (novikoff.radius / novikoff.margin)
        try expect(
            run.mistakesPerEpoch.last == 0,
            "after 500 passes your perceptron still makes \(run.mistakesPerEpoch.last ?? -1) mistakes on separable data",
            diagnosis: variantDiagnoses(data.points, data.labels, maxEpochs: 500).first {
                $0.wrong == run.mistakesPerEpoch
            }?
            .explanation)
        let misclassified = (0..<data.count).filter {
            oracleOutput(run.weights, run.bias, data.point($0)) != data.labels[$0]
        }
        try expect(
            misclassified.isEmpty,
            "your last pass reported no mistake, but the weights it returned misclassify \(misclassified.count) points")
        try expect(
            Double(run.updates) <= bound,
            "your perceptron made \(run.updates) updates, more than Novikoff's bound (R/γ)² = \(formatted(bound))")
    },
]

/// Passes of the learner's epoch from w = 0, b = 0 until one makes no mistake.
func learnerTraining(_ points: [[Double]], _ labels: [Int], eta: Double, maxEpochs: Int) throws -> OracleTraining {
    var w = Array(repeating: 0.0, count: points[0].count)
    var b = 0.0
    var perEpoch: [Int] = []
    for _ in 0..<maxEpochs {
        let pass = try perceptronEpoch(weights: w, bias: b, points: points, labels: labels, eta: eta)
        (w, b) = (pass.weights, pass.bias)
        perEpoch.append(pass.mistakes)
        if pass.mistakes == 0 { break }
    }
    return OracleTraining(weights: w, bias: b, mistakesPerEpoch: perEpoch)
}

let variantExplanations: [(RuleVariant, String)] = [
    (
        .staleWeights,
        "every output of the pass was computed with the weights from its start: Eq. 1.3 updates after each example, "
            + "and the next example sees the new w and b"
    ),
    (.biasFrozen, "the bias is not updated: Eq. 1.3 also moves b by η(y − ŷ)"),
    (.signFlipped, "the sign is flipped: the step is η(y − ŷ)x, not η(ŷ − y)x"),
]

/// The classic wrong passes, run from w = 0, b = 0 for `passes` passes, as (w, b, mistakes) per pass.
func passMistakes(_ points: [[Double]], _ labels: [Int], passes: Int) -> [Diagnosis] {
    variantExplanations.map { variant, explanation in
        var (w, b) = (Array(repeating: 0.0, count: points[0].count), 0.0)
        var row: [Double] = []
        for _ in 0..<passes {
            let pass = oraclePass(weights: w, bias: b, points: points, labels: labels, eta: 1, variant: variant)
            (w, b) = (pass.weights, pass.bias)
            row += w + [b, Double(pass.mistakes)]
        }
        return Diagnosis(explanation) { [row] in Matrix(row: row) }
    }
}

/// The mistakes per pass of the classic wrong rules, trained to the end.
func variantDiagnoses(_ points: [[Double]], _ labels: [Int], maxEpochs: Int) -> [(explanation: String, wrong: [Int])] {
    variantExplanations.map { variant, explanation in
        (
            explanation,
            oracleTraining(points: points, labels: labels, maxEpochs: maxEpochs, variant: variant).mistakesPerEpoch
        )
    }
}

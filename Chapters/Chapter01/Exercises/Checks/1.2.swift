// Checks of exercise 1.2 (Eq. 1.3): the step of the notes' exercise by hand, correct examples left
// alone, the size of the move η(‖x‖² + 1), and the rule run pass after pass until it has learned.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 1.3 — by hand: w = (0.5, −1), b = 0.25, η = 0.5, x = (1, 2), y = 1 gives w = (1, 0), b = 0.75") {
        let (w, b, x, eta) = ([0.5, -1.0], 0.25, [1.0, 2], 0.5)
        let step = try perceptronUpdate(weights: w, bias: b, input: x, label: 1, eta: eta)
        // z = 0.5 − 2 + 0.25 = −1.25, so ŷ = 0 and y − ŷ = 1.
        try expectClose(
            step.weights + [step.bias], [1, 0, 0.75], "(w₁, w₂, b)", diagnoses: updateMistakes(w, b, x, 1, eta))
    },
    Check("Eq. 1.3 — an example the perceptron already gets right changes nothing") {
        let examples: [([Double], Double, [Double], Int)] = [
            ([1, -1], 0.5, [2, 1], 1), ([1, -1], 0.5, [0, 3], 0), ([-2, -2], 3, [1, 1], 0),
            ([0.3, 0.2], -1, [0, 0], 0),
        ]
        for (w, b, x, y) in examples {
            let step = try perceptronUpdate(weights: w, bias: b, input: x, label: y, eta: 0.7)
            try expectClose(
                step.weights + [step.bias], w + [b],
                "(w, b) after the correctly classified x = \(vectorText(x)), y = \(y)",
                diagnoses: updateMistakes(w, b, x, y, 0.7))
        }
    },
    Check("Eq. 1.3 — after a mistake the weighted input at x moves by η(‖x‖² + 1) towards the label") {
        var generator = SeededGenerator(seed: 12)
        var got: [Double] = []
        var expected: [Double] = []
        var wrong: [[Double]] = [[], [], []]
        for _ in 0..<20 {
            let w = (0..<3).map { _ in generator.gaussian() }
            let x = (0..<3).map { _ in generator.gaussian() }
            let b = generator.gaussian()
            let eta = generator.uniform(0.1, 2)
            let y = 1 - oracleOutput(w, b, x)  // the label the perceptron gets wrong
            let step = try perceptronUpdate(weights: w, bias: b, input: x, label: y, eta: eta)
            got.append(oracleWeightedInput(step.weights, step.bias, x) - oracleWeightedInput(w, b, x))
            let sign = y == 1 ? 1.0 : -1.0
            let squaredNorm = x.reduce(0) { $0 + $1 * $1 }
            expected.append(sign * eta * (squaredNorm + 1))
            wrong[0].append(sign * eta * squaredNorm)
            wrong[1].append(-sign * eta * (squaredNorm + 1))
            wrong[2].append(sign * (squaredNorm + 1))
        }
        try expectClose(
            got, expected, "change of w · x + b", tolerance: 1e-9,
            diagnoses: [
                Diagnosis("the bias is not updated: Eq. 1.3 also moves b by η(y − ŷ)") { [wrong] in
                    Matrix(row: wrong[0])
                },
                Diagnosis("the sign is flipped: the step is η(y − ŷ)x, not η(ŷ − y)x") { [wrong] in
                    Matrix(row: wrong[1])
                },
                Diagnosis("η is missing: the step is η(y − ŷ)x") { [wrong] in Matrix(row: wrong[2]) },
            ])
    },
    Check("Eq. 1.3 — your rule, run pass after pass from w = 0, b = 0, learns NAND in 11 updates and a separable set") {
        // NAND: the notes' count of updates.
        let nand = TruthTable.nand.dataset
        let nandRun = try runRule(points: nand.points, labels: nand.labels, maxEpochs: 50)
        let oracle = oracleTraining(points: nand.points, labels: nand.labels, maxEpochs: 50)
        try expect(
            nandRun.converged,
            "with your rule the perceptron still makes mistakes on NAND after 50 passes (mistakes per pass: \(nandRun.mistakesPerEpoch.prefix(8).map(String.init).joined(separator: ", ")), …)",
            diagnosis: ruleDiagnosis(nandRun, nand.points, nand.labels))
        try expectEqual(nandRun.updates, oracle.updates, "the number of updates on NAND (§1.5: 11)")
        // Two blobs that a line separates with margin 0.2.
        var generator = SeededGenerator(seed: 13)
        let (blobs, _, _) = ToyDatasets.separableBlobs(count: 60, margin: 0.2, spread: 1, using: &generator)
        let run = try runRule(points: blobs.points, labels: blobs.labels, maxEpochs: 200)
        try expect(
            run.converged, "with your rule the perceptron still makes mistakes on separable data after 200 passes",
            diagnosis: ruleDiagnosis(run, blobs.points, blobs.labels))
    },
]

/// The rule run with the learner's step: passes over the examples until one makes no mistake.
func runRule(points: [[Double]], labels: [Int], maxEpochs: Int) throws -> (
    converged: Bool, updates: Int, mistakesPerEpoch: [Int]
) {
    var w = Array(repeating: 0.0, count: points[0].count)
    var b = 0.0
    var perEpoch: [Int] = []
    for _ in 0..<maxEpochs {
        var mistakes = 0
        for (x, y) in zip(points, labels) {
            if oracleOutput(w, b, x) != y { mistakes += 1 }
            (w, b) = try perceptronUpdate(weights: w, bias: b, input: x, label: y, eta: 1)
        }
        perEpoch.append(mistakes)
        if mistakes == 0 { return (true, perEpoch.reduce(0, +), perEpoch) }
    }
    return (false, perEpoch.reduce(0, +), perEpoch)
}

/// Which classic mistake the learner's run behaves like, if any.
func ruleDiagnosis(
    _ run: (converged: Bool, updates: Int, mistakesPerEpoch: [Int]), _ points: [[Double]], _ labels: [Int]
)
    -> String?
{
    let frozen = oracleTraining(
        points: points, labels: labels, maxEpochs: run.mistakesPerEpoch.count, variant: .biasFrozen)
    if frozen.mistakesPerEpoch == run.mistakesPerEpoch {
        return "the bias is not updated: Eq. 1.3 also moves b by η(y − ŷ)"
    }
    let flipped = oracleTraining(
        points: points, labels: labels, maxEpochs: run.mistakesPerEpoch.count, variant: .signFlipped)
    if flipped.mistakesPerEpoch == run.mistakesPerEpoch {
        return "the sign is flipped: the step is η(y − ŷ)x, not η(ŷ − y)x"
    }
    return nil
}

/// The classic wrong steps, as (w₁, …, b), from the same inputs.
func updateMistakes(_ w: [Double], _ b: Double, _ x: [Double], _ y: Int, _ eta: Double) -> [Diagnosis] {
    let error = Double(y - oracleOutput(w, b, x))
    func step(_ e: Double, _ eta: Double, bias: Bool = true, input: Bool = true) -> Matrix {
        Matrix(row: zip(w, x).map { $0 + eta * e * (input ? $1 : 1) } + [b + (bias ? eta * e : 0)])
    }
    let (flipped, frozen, noEta, noX, noError) = (
        step(-error, eta), step(error, eta, bias: false), step(error, 1), step(error, eta, input: false),
        step(Double(y), eta)
    )
    return [
        Diagnosis("the sign is flipped: the step is η(y − ŷ)x, not η(ŷ − y)x") { flipped },
        Diagnosis("the bias is not updated: Eq. 1.3 also moves b by η(y − ŷ)") { frozen },
        Diagnosis("η is missing: the step is η(y − ŷ)x") { noEta },
        Diagnosis("the weights moved by η(y − ŷ) without the factor x") { noX },
        Diagnosis("the step uses y instead of y − ŷ, so it moves even when the output is right") { noError },
    ]
}

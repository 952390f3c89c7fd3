// Checks of exercise 5.4 (weights N(0, 1/n_in), Eq. 5.8): shape and standard deviation, the hidden
// z of a real layer on generated digits, and the core's WeightInitialization.scaledNormal.

import ExerciseKit
import Foundation
import NeuralCore

/// What a measured standard deviation most likely is, for a layer of n_in inputs and n_out outputs.
func initializationDiagnosis(measured: Double, inputs: Int, outputs: Int) -> String? {
    let (nIn, nOut) = (Double(inputs), Double(outputs))
    let candidates: [(Double, String)] = [
        (
            1 / nIn,
            "your standard deviation is 1/n_in: Eq. 5.8 gives the VARIANCE 1/n_in, so the standard deviation is 1/√n_in"
        ),
        (
            1,
            "your standard deviation is 1, the N(0, 1) start of §5.1 that saturates the hidden units; Eq. 5.8 scales it by 1/√n_in"
        ),
        (
            (2 / nIn).squareRoot(),
            "your standard deviation is √(2/n_in), He's rule for ReLU (Eq. 5.9); Eq. 5.8 is 1/√n_in"
        ),
        (
            (2 / (nIn + nOut)).squareRoot(),
            "your standard deviation is √(2/(n_in + n_out)), Xavier's rule (Eq. 5.9); Eq. 5.8 is 1/√n_in"
        ),
        (
            1 / nOut.squareRoot(),
            "your standard deviation is 1/√n_out: Eq. 5.8 scales by the number of INPUTS n_in of each neuron"
        ),
    ]
    return candidates.first { abs(measured / $0.0 - 1) < 0.05 }?.1
}

func standardDeviation(_ values: [Double]) -> Double {
    let mean = values.reduce(0, +) / Double(values.count)
    return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
}

let checks: [Check] = [
    Check(
        "Eq. 5.8 — a layer of 100 neurons on 784 inputs: 100 × 784 (a row per neuron), mean near 0, standard deviation 1/√784 = 0.0357 within 2%"
    ) {
        var generator = SeededGenerator(seed: 54)
        let w = try scaledNormalWeights(inputs: 784, outputs: 100, using: &generator)
        if w.rows == 784, w.columns == 100 {
            throw CheckFailure(
                "your weights are 784 × 100; expected 100 × 784",
                diagnosis:
                    "the matrix is transposed: wˡ has one row per neuron (outputs) and one column per input, so z = wx + b"
            )
        }
        try expectEqual("\(w.rows)×\(w.columns)", "100×784", "the shape of w")
        let measured = standardDeviation(w.elements)
        let mean = w.elements.reduce(0, +) / Double(w.count)
        try expect(
            abs(mean) < 4 * measured / Double(w.count).squareRoot(),
            "the mean of your weights is \(formatted(mean)), not near 0")
        try expect(
            abs(measured * 28 - 1) < 0.02,
            "the standard deviation of your weights is \(formatted(measured)); expected 1/√784 = \(formatted(1 / 28.0))",
            diagnosis: initializationDiagnosis(measured: measured, inputs: 784, outputs: 100))
    },
    Check(
        "Eq. 5.8 — on 300 generated digits a fresh layer of 100 units (biases N(0, 1)) has std(z) ≈ √(mean Σx²/784 + 1), and under 1% beyond |z| = 4 (§5.5: 65% with N(0, 1) weights)"
    ) {
        var generator = SeededGenerator(seed: 154)
        let digits = LabeledData(SyntheticDigits.generate(count: 300, generator: &generator))
        let x = digits.inputs(Array(0..<300))
        let w = try scaledNormalWeights(inputs: 784, outputs: 100, using: &generator)
        try expectEqual("\(w.rows)×\(w.columns)", "100×784", "the shape of w")
        let b = Matrix.gaussian(100, 1, using: &generator)
        let z = (w * x).addingToEachColumn(b)
        let meanSquares = (x ⊙ x).columnSums().sum() / 300
        let predicted = (meanSquares / 784 + 1).squareRoot()
        let measured = standardDeviation(z.elements)
        let saturated = Double(z.elements.filter { abs($0) > 4 }.count) / Double(z.count)
        try expect(
            abs(measured / predicted - 1) < 0.1,
            "with your weights std(z) = \(formatted(measured)); Eq. 5.8 predicts √(Σx²/784 + 1) = \(formatted(predicted))",
            diagnosis: initializationDiagnosis(measured: standardDeviation(w.elements), inputs: 784, outputs: 100))
        try expect(
            saturated < 0.01,
            "with your weights \(formatted(100 * saturated))% of the hidden z lie beyond |z| = 4, where σ′(z) < 0.018; expected under 1%"
        )
    },
    Check("Eq. 5.8 — draw for draw the core's WeightInitialization.scaledNormal (one Matrix.gaussian call, 30 × 50)") {
        var yours = SeededGenerator(seed: 254)
        var core = SeededGenerator(seed: 254)
        let got = try scaledNormalWeights(inputs: 50, outputs: 30, using: &yours)
        let expected = WeightInitialization.scaledNormal.layer(
            inputs: 50, outputs: 30, activation: .sigmoid, using: &core
        )
        .weights
        func drawn(_ rows: Int, _ columns: Int, _ deviation: Double) -> @Sendable () -> Matrix? {
            {
                var generator = SeededGenerator(seed: 254)
                return Matrix.gaussian(rows, columns, standardDeviation: deviation, using: &generator)
            }
        }
        try expectClose(
            got, expected, "w",
            diagnoses: [
                Diagnosis(
                    "your standard deviation is 1/n_in: Eq. 5.8 gives the VARIANCE 1/n_in, so the standard deviation is 1/√n_in",
                    drawn(30, 50, 1.0 / 50)),
                Diagnosis(
                    "your standard deviation is 1 (the N(0, 1) start); Eq. 5.8 scales it by 1/√n_in", drawn(30, 50, 1)),
                Diagnosis(
                    "your standard deviation is √(2/n_in), He's rule (Eq. 5.9)", drawn(30, 50, (2.0 / 50).squareRoot())),
                Diagnosis(
                    "your standard deviation is √(2/(n_in + n_out)), Xavier's rule (Eq. 5.9)",
                    drawn(30, 50, (2.0 / 80).squareRoot())),
            ])
    },
]

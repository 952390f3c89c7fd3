// Checks of exercise 1.6 (Eq. 1.4): the two-point example of the notes by hand, a line with a
// bias, invariance under scaling of the separator, and the bound against the perceptron rule run
// on separable sets.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 1.4 — points (1, 0) of class 1 and (−1, 0) of class 0, separator x₁ = 0: R = √2, γ = 1, (R/γ)² = 2") {
        let (points, labels, w, b) = ([[1.0, 0], [-1, 0]], [1, 0], [1.0, 0], 0.0)
        let got = try novikoffBound(points: points, labels: labels, weights: w, bias: b)
        try expectClose(
            [got.radius, got.margin, got.bound], [Double(2).squareRoot(), 1, 2], "(R, γ, (R/γ)²)",
            diagnoses: boundMistakes(points, labels, w, b))
    },
    Check("Eq. 1.4 — a line with a bias, w* = (2, 0), b* = 1: R = √5, γ = 3/√5, (R/γ)² = 25/9") {
        // x̃ = (1, 0, 1) and (−2, 0, 1); w̃* = (2, 0, 1), ‖w̃*‖ = √5; both points at y±·w̃*·x̃ = 3.
        let (points, labels, w, b) = ([[1.0, 0], [-2, 0]], [1, 0], [2.0, 0], 1.0)
        let got = try novikoffBound(points: points, labels: labels, weights: w, bias: b)
        try expectClose(
            [got.radius, got.margin, got.bound], [Double(5).squareRoot(), 3 / Double(5).squareRoot(), 25.0 / 9],
            "(R, γ, (R/γ)²)", diagnoses: boundMistakes(points, labels, w, b))
    },
    Check("Eq. 1.4 — on 100 random separable points, the bound does not change when w* and b* are scaled by 3") {
        var generator = SeededGenerator(seed: 16)
        let (data, w, b) = ToyDatasets.separableBlobs(count: 100, margin: 0.2, spread: 1, using: &generator)
        let got = try novikoffBound(points: data.points, labels: data.labels, weights: w, bias: b)
        let oracle = oracleNovikoff(points: data.points, labels: data.labels, weights: w, bias: b)
        try expectClose(
            [got.radius, got.margin, got.bound],
            [oracle.radius, oracle.margin, (oracle.radius / oracle.margin) * (oracle.radius / oracle.margin)],
            "(R, γ, (R/γ)²)", diagnoses: boundMistakes(data.points, data.labels, w, b))
        let scaled = try novikoffBound(points: data.points, labels: data.labels, weights: w.map { 3 * $0 }, bias: 3 * b)
        try expectClose(
            scaled.bound, got.bound, "(R/γ)² for (3w*, 3b*)",
            diagnoses: [
                Diagnosis(
                    "γ is not divided by ‖w̃*‖ = ‖(w*, b*)‖, so scaling the separator changes the margin",
                    scalar: { got.bound / 9 })
            ])
    },
    Check("Eq. 1.4 — the perceptron rule, run on 5 separable sets, never makes more updates than your (R/γ)²") {
        var generator = SeededGenerator(seed: 17)
        for set in 0..<5 {
            let (data, w, b) = ToyDatasets.separableBlobs(
                count: 80, margin: 0.05 + 0.05 * Double(set), spread: 1, using: &generator)
            let got = try novikoffBound(points: data.points, labels: data.labels, weights: w, bias: b)
            let run = oracleTraining(points: data.points, labels: data.labels, maxEpochs: 1000)
            try expect(
                got.bound.isFinite && got.bound >= Double(run.updates),
                "on set \(set + 1) (margin ≥ \(formatted(0.05 + 0.05 * Double(set)))) the rule made \(run.updates) updates, "
                    + "but your bound (R/γ)² is \(formatted(got.bound))",
                diagnosis:
                    "a bound the rule exceeds is wrong: check R (with the appended 1) and γ (the minimum, not the mean)"
            )
        }
    },
]

/// The classic wrong answers, as (R, γ, (R/γ)²).
func boundMistakes(_ points: [[Double]], _ labels: [Int], _ w: [Double], _ b: Double) -> [Diagnosis] {
    let right = oracleNovikoff(points: points, labels: labels, weights: w, bias: b)
    func row(_ r: Double, _ g: Double) -> Matrix { Matrix(row: [r, g, (r / g) * (r / g)]) }
    // R without the constant input 1.
    let plainRadius = points.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }.max() ?? 0
    // γ not normalised, or normalised by ‖w*‖ without the bias.
    let augmentedNorm = (w + [b]).reduce(0) { $0 + $1 * $1 }.squareRoot()
    let weightNorm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let (a, c, d) = (
        row(plainRadius, right.margin), row(right.radius, right.margin * augmentedNorm),
        row(right.radius, right.margin * augmentedNorm / weightNorm)
    )
    let squaredRadius = Matrix(row: [right.radius * right.radius, right.margin, pow2(right.radius / right.margin)])
    return [
        Diagnosis("R leaves out the constant input 1: R is the largest ‖x̃ᵢ‖ with x̃ = (x, 1)") { a },
        Diagnosis("γ is not divided by ‖w̃*‖ = ‖(w*, b*)‖: the margin is that of the unit vector w̃*/‖w̃*‖") { c },
        Diagnosis("γ is divided by ‖w*‖ without the bias: with x̃ = (x, 1) the unit vector is (w*, b*)/‖(w*, b*)‖") {
            d
        },
        Diagnosis("the bound is R/γ; Eq. 1.4 squares it") {
            Matrix(row: [right.radius, right.margin, right.radius / right.margin])
        },
        Diagnosis("R was squared: R is the largest ‖x̃ᵢ‖, not ‖x̃ᵢ‖²") { squaredRadius },
    ]
}

func pow2(_ x: Double) -> Double { x * x }

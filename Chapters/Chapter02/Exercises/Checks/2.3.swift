// Checks of exercise 2.3 (Eq. 2.7): the example of Chapter 01, §1.6, a random three-input neuron, the
// second-order accuracy of the estimate, and the tape's gradient.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 2.7 — Chapter 01, §1.6: w = (0.6, −0.4), b = −0.195, x = (1, 1), Δw₂ = −0.01 changes σ by about −0.0025")
    {
        let (w, b, x, dw, db) = ([0.6, -0.4], -0.195, [1.0, 1], [0, -0.01], 0.0)
        let got = try linearizedChange(weights: w, bias: b, input: x, deltaWeights: dw, deltaBias: db)
        try expectClose(
            got, σPrime(0.005) * -0.01, "Δoutput", tolerance: 1e-12, diagnoses: changeMistakes(w, b, x, dw, db))
    },
    Check("Eq. 2.7 — a three-input neuron: Δoutput ≈ σ′(z) (Δw · x + Δb), on 20 random changes") {
        var generator = SeededGenerator(seed: 23)
        for number in 1...20 {
            let w = (0..<3).map { _ in generator.gaussian() }
            let x = (0..<3).map { _ in 2 * generator.gaussian() }
            let dw = (0..<3).map { _ in 0.1 * generator.gaussian() }
            let (b, db) = (generator.gaussian(), 0.1 * generator.gaussian())
            let got = try linearizedChange(weights: w, bias: b, input: x, deltaWeights: dw, deltaBias: db)
            let z = oracleWeighted(w, b, x)
            let expected = σPrime(z) * (zip(dw, x).reduce(0) { $0 + $1.0 * $1.1 } + db)
            try expectClose(
                got, expected, "Δoutput of random neuron \(number)", tolerance: 1e-12,
                diagnoses: changeMistakes(w, b, x, dw, db))
        }
    },
    Check("Eq. 2.7 — second order: shrinking the change tenfold shrinks the estimate's error a hundredfold") {
        var generator = SeededGenerator(seed: 24)
        let w = (0..<3).map { _ in generator.gaussian() }
        let x = (0..<3).map { _ in generator.gaussian() }
        let b = generator.gaussian()
        let direction = (0..<4).map { _ in generator.gaussian() }
        var errors: [Double] = []
        for epsilon in [1e-1, 1e-2, 1e-3] {
            let dw = direction.prefix(3).map { epsilon * $0 }
            let db = epsilon * direction[3]
            let estimate = try linearizedChange(weights: w, bias: b, input: x, deltaWeights: dw, deltaBias: db)
            let actual = σ(oracleWeighted(zip(w, dw).map(+), b + db, x)) - σ(oracleWeighted(w, b, x))
            errors.append(abs(actual - estimate))
        }
        let ratios = [errors[0] / errors[1], errors[1] / errors[2]]
        try expect(
            ratios.allSatisfy { $0 > 50 && $0 < 200 },
            "the errors |actual − estimate| for ε = 0.1, 0.01, 0.001 are \(errors.map { formatted($0) }.joined(separator: ", ")): "
                + "they fall by \(ratios.map { formatted($0) }.joined(separator: " and ")), not by about 100",
            diagnosis: ratios.allSatisfy({ $0 > 5 && $0 < 20 })
                ? "an error that falls only tenfold is first order: a term of Eq. 2.7 is wrong or missing" : nil)
    },
    Check("Eq. 2.7 — the estimate equals Σ (∂output/∂wⱼ) Δwⱼ + (∂output/∂b) Δb with the tape's (Value) gradients") {
        var generator = SeededGenerator(seed: 25)
        let w = (0..<4).map { _ in generator.gaussian() }
        let x = (0..<4).map { _ in generator.gaussian() }
        let dw = (0..<4).map { _ in 0.01 * generator.gaussian() }
        let (b, db) = (generator.gaussian(), 0.01 * generator.gaussian())
        let weights = w.map { Value($0) }
        let bias = Value(b)
        var z = bias
        for (wj, xj) in zip(weights, x) { z = z + wj * xj }
        let output = z.sigmoid()
        output.backward()
        let tape = zip(weights, dw).reduce(bias.grad * db) { $0 + $1.0.grad * $1.1 }
        let got = try linearizedChange(weights: w, bias: b, input: x, deltaWeights: dw, deltaBias: db)
        try expectClose(got, tape, "Δoutput", tolerance: 1e-12, diagnoses: changeMistakes(w, b, x, dw, db))
    },
]

func oracleWeighted(_ w: [Double], _ b: Double, _ x: [Double]) -> Double {
    zip(w, x).reduce(b) { $0 + $1.0 * $1.1 }
}

/// The classic wrong estimates from the same inputs.
func changeMistakes(_ w: [Double], _ b: Double, _ x: [Double], _ dw: [Double], _ db: Double) -> [Diagnosis] {
    let z = oracleWeighted(w, b, x)
    let weighted = zip(dw, x).reduce(0) { $0 + $1.0 * $1.1 }
    let plain = dw.reduce(0, +)
    return [
        Diagnosis("σ′(z) is missing: ∂output/∂wⱼ = σ′(z) xⱼ and ∂output/∂b = σ′(z)", scalar: { weighted + db }),
        Diagnosis("σ(z) was used in place of σ′(z)", scalar: { σ(z) * (weighted + db) }),
        Diagnosis("the factor xⱼ is missing: ∂output/∂wⱼ = σ′(z) xⱼ", scalar: { σPrime(z) * (plain + db) }),
        Diagnosis("the bias term (∂output/∂b) Δb = σ′(z) Δb is missing", scalar: { σPrime(z) * weighted }),
        Diagnosis("σ′ was taken at w · x without the bias: z = w · x + b", scalar: { σPrime(z - b) * (weighted + db) }),
    ]
}

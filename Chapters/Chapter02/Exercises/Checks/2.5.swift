// Checks of exercise 2.5 (Eq. 2.9): the computation graph of §2.5 (∂C/∂w = −0.07344), central
// differences of the cost on the 60 points of §2.4, the tape (Value) on the same points, and the
// learning slowdown of a saturated neuron.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 2.9 — the graph of §2.5 (w = 1.2, b = −0.5, x = 0.8, y = 1): ∂C/∂w = (a − y)σ′(z)x ≈ −0.07344") {
        let got = try quadraticCostGradient(w: 1.2, b: -0.5, xs: [0.8], ys: [1])
        let z = 0.46
        let delta = (σ(z) - 1) * σPrime(z)
        try expectClose(
            [got.w, got.b], [delta * 0.8, delta], "(∂C/∂w, ∂C/∂b)", diagnoses: gradientMistakes(1.2, -0.5, [0.8], [1]))
    },
    Check("Eq. 2.9 — matches central differences of C(w, b) on the 60 points of §2.4, at 4 (w, b)") {
        let (xs, ys) = noisyThreshold(seed: 22)
        for (w, b) in [(-2.0, 0.0), (1.0, -1.0), (0.3, 0.8), (2.5, -3)] {
            let got = try quadraticCostGradient(w: w, b: b, xs: xs, ys: ys)
            let numeric = GradientCheck.numericGradient(
                of: { oracleCost(w: $0[0], b: $0[1], xs: xs, ys: ys) }, at: [w, b])
            try expectGradient(
                Matrix(row: [got.w, got.b]), matches: Matrix(row: numeric),
                "(∂C/∂w, ∂C/∂b) at (\(formatted(w)), \(formatted(b)))",
                diagnoses: gradientMistakes(w, b, xs, ys))
        }
    },
    Check("Eq. 2.9 — agrees with the tape (Value) on the 60 points of §2.4") {
        let (xs, ys) = noisyThreshold(seed: 23)
        let (w, b) = (-0.7, 0.4)
        let weight = Value(w)
        let bias = Value(b)
        let terms = zip(xs, ys).map { x, y in (y - (weight * x + bias).sigmoid()).power(2) }
        let cost = Value.sum(terms) / (2 * Double(xs.count))
        cost.backward()
        let got = try quadraticCostGradient(w: w, b: b, xs: xs, ys: ys)
        try expectClose(
            [got.w, got.b], [weight.grad, bias.grad], "(∂C/∂w, ∂C/∂b)", tolerance: 1e-12,
            diagnoses: gradientMistakes(w, b, xs, ys))
    },
    Check(
        "Eq. 2.9 — the learning slowdown: a saturated, badly wrong neuron (w = b = 5, x = 1, y = 0) has a tiny gradient"
    ) {
        // a = σ(10) ≈ 0.99995 is almost the opposite of y = 0, yet σ′(10) ≈ 4.5e-5 makes (2.9) small.
        let got = try quadraticCostGradient(w: 5, b: 5, xs: [1], ys: [0])
        let delta = σ(10) * σPrime(10)
        try expectClose(
            [got.w, got.b], [delta, delta], "(∂C/∂w, ∂C/∂b)", tolerance: 1e-12,
            diagnoses: gradientMistakes(5, 5, [1], [0]))
    },
]

/// The classic wrong gradients, as (∂C/∂w, ∂C/∂b), from the same inputs.
func gradientMistakes(_ w: Double, _ b: Double, _ xs: [Double], _ ys: [Double]) -> [Diagnosis] {
    let n = Double(xs.count)
    func gradient(_ delta: (Double, Double, Double) -> Double, input: Bool = true, scale: Double = 1) -> Matrix {
        var (dw, db) = (0.0, 0.0)
        for (x, y) in zip(xs, ys) {
            let d = delta(w * x + b, x, y)
            dw += d * (input ? x : 1)
            db += d
        }
        return Matrix(row: [scale * dw / n, scale * db / n])
    }
    let candidates: [(String, Matrix)] = [
        (
            "σ′(z) is missing: Eq. 2.9 multiplies (a − y) by σ′(z), the chain rule through a = σ(z)",
            gradient { z, _, y in σ(z) - y }
        ),
        ("the sign is flipped: ∂C/∂a of ½(y − a)² is a − y, not y − a", gradient { z, _, y in (y - σ(z)) * σPrime(z) }),
        (
            "the factor xᵢ is missing from ∂C/∂w: ∂z/∂w = x",
            gradient({ z, _, y in (σ(z) - y) * σPrime(z) }, input: false)
        ),
        ("σ′ was applied to a instead of z", gradient { z, _, y in (σ(z) - y) * σPrime(σ(z)) }),
        ("σ(z) was used in place of σ′(z)", gradient { z, _, y in (σ(z) - y) * σ(z) }),
        (
            "1/n is missing: the cost of Eq. 2.8 is an average",
            gradient({ z, _, y in (σ(z) - y) * σPrime(z) }, scale: n)
        ),
        (
            "a factor 2 is left over: the ½ of Eq. 2.8 cancels the 2 of the square",
            gradient({ z, _, y in (σ(z) - y) * σPrime(z) }, scale: 2)
        ),
    ]
    return candidates.filter { candidate in n > 1 || !candidate.0.hasPrefix("1/n") }.map { explanation, matrix in
        Diagnosis(explanation) { matrix }
    }
}

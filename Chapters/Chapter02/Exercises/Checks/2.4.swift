// Checks of exercise 2.4 (Eq. 2.8): one example (the neuron of §2.5), three examples by hand, the
// core's QuadraticCost averaged over the 60 points of §2.4, and C = 0 when every label is met.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 2.8 — one example, the neuron of §2.5 (w = 1.2, b = −0.5, x = 0.8, y = 1): C = ½(1 − σ(0.46))²") {
        let got = try quadraticCost(w: 1.2, b: -0.5, xs: [0.8], ys: [1])
        let a = σ(0.46)
        try expectClose(got, 0.5 * (1 - a) * (1 - a), "C", diagnoses: costMistakes(w: 1.2, b: -0.5, xs: [0.8], ys: [1]))
    },
    Check("Eq. 2.8 — three examples by hand: w = 2, b = 0, x = (0, 1, −1), y = (0, 1, 1)") {
        let (xs, ys) = ([0.0, 1, -1], [0.0, 1, 1])
        let got = try quadraticCost(w: 2, b: 0, xs: xs, ys: ys)
        // a = (½, σ(2), σ(−2)); C = (1/6)[(½)² + (1 − σ(2))² + (1 − σ(−2))²].
        let expected = (0.25 + (1 - σ(2)) * (1 - σ(2)) + (1 - σ(-2)) * (1 - σ(-2))) / 6
        try expectClose(got, expected, "C", diagnoses: costMistakes(w: 2, b: 0, xs: xs, ys: ys))
    },
    Check("Eq. 2.8 — agrees with the core's QuadraticCost, averaged over the 60 points of §2.4, at 5 (w, b)") {
        let (xs, ys) = noisyThreshold(seed: 21)
        let x = Matrix(row: xs)
        let y = Matrix(row: ys)
        for (w, b) in [(-2.0, 0.0), (1.26, -1.02), (0.5, 0.5), (3, -2), (-1, 1)] {
            let got = try quadraticCost(w: w, b: b, xs: xs, ys: ys)
            let z = (w * x).map { $0 + b }
            let a = Activation.sigmoid.value(z)
            let core = QuadraticCost().cost(z: z, output: a, target: y, activation: .sigmoid) / Double(xs.count)
            try expectClose(
                got, core, "C(\(formatted(w)), \(formatted(b)))", diagnoses: costMistakes(w: w, b: b, xs: xs, ys: ys))
        }
    },
    Check("Eq. 2.8 — C = 0 when every label equals the neuron's output, and C > 0 when one does not") {
        let xs = [-1.0, 0.5, 2]
        let ys = xs.map { σ(0.7 * $0 - 0.3) }
        let exact = try quadraticCost(w: 0.7, b: -0.3, xs: xs, ys: ys)
        try expectClose(exact, 0, "C with yᵢ = aᵢ")
        var moved = ys
        moved[1] += 0.2
        let got = try quadraticCost(w: 0.7, b: -0.3, xs: xs, ys: moved)
        try expectClose(
            got, 0.04 / 6, "C with one label moved by 0.2", diagnoses: costMistakes(w: 0.7, b: -0.3, xs: xs, ys: moved))
    },
]

/// The classic wrong costs from the same inputs.
func costMistakes(w: Double, b: Double, xs: [Double], ys: [Double]) -> [Diagnosis] {
    let right = oracleCost(w: w, b: b, xs: xs, ys: ys)
    let n = Double(xs.count)
    let absolute = zip(xs, ys).reduce(0) { $0 + abs($1.1 - σ(w * $1.0 + b)) } / (2 * n)
    let unsquared = zip(xs, ys).reduce(0) { $0 + ($1.1 - σ(w * $1.0 + b)) } / (2 * n)
    let zSquared = zip(xs, ys).reduce(0) { $0 + ($1.1 - (w * $1.0 + b)) * ($1.1 - (w * $1.0 + b)) } / (2 * n)
    var list: [Diagnosis] = []
    if n > 1 {
        list.append(
            Diagnosis(
                "1/n is missing: Eq. 2.8 averages over the n examples, C = (1/2n) Σ (y − a)²", scalar: { right * n }))
        list.append(Diagnosis("the ½ is missing: C = (1/2n) Σ (y − a)², not (1/n) Σ", scalar: { right * 2 }))
        list.append(
            Diagnosis(
                "divided by 2 + n instead of 2n: write the denominator as 2 * n", scalar: { right * 2 * n / (2 + n) }))
    } else {
        list.append(Diagnosis("the ½ is missing: C = (1/2n) Σ (y − a)²", scalar: { right * 2 }))
    }
    list += [
        Diagnosis("the difference is not squared: C = (1/2n) Σ (y − a)²", scalar: { unsquared }),
        Diagnosis("|y − a| is not (y − a)²: Eq. 2.8 squares the difference", scalar: { absolute }),
        Diagnosis("the cost uses z = wx + b instead of the output a = σ(z)", scalar: { zSquared }),
    ]
    return list
}

// Checks of exercise 2.2 (Eq. 2.5–2.6): σ′(0) = ¼ and σ′(ln 3) = 3/16 by hand, central differences
// of σ, the maximum at z = 0 and the symmetry σ′(−z) = σ′(z), and the core's derivative.

import ExerciseKit
import Foundation
import NeuralCore

let checks: [Check] = [
    Check("Eq. 2.5–2.6 — by hand: σ′(0) = ¼ and σ′(ln 3) = ¾ · ¼ = 3/16") {
        let zs = [0, log(3.0)]
        var got: [Double] = []
        for z in zs { got.append(try sigmoidPrime(z)) }
        try expectClose(got, [0.25, 3.0 / 16], "(σ′(0), σ′(ln 3))", diagnoses: primeMistakes(zs))
    },
    Check("Eq. 2.5 — σ′ matches central differences of σ for z from −6 to 6") {
        let zs = grid(-6, 6, count: 49)
        var got: [Double] = []
        for z in zs { got.append(try sigmoidPrime(z)) }
        let numeric = zs.map { z in GradientCheck.numericGradient(of: { σ($0[0]) }, at: [z])[0] }
        try expectGradient(Matrix(row: got), matches: Matrix(row: numeric), "σ′(z)", diagnoses: primeMistakes(zs))
    },
    Check("Eq. 2.6 — σ′ is largest at z = 0, where it is ¼, and symmetric: σ′(−z) = σ′(z)") {
        let zs = grid(-5, 5, count: 41)
        var got: [Double] = []
        for z in zs { got.append(try sigmoidPrime(z)) }
        let peak = got.indices.max { got[$0] < got[$1] }!
        try expectClose(zs[peak], 0, "the z where your σ′ is largest", tolerance: 1e-12)
        try expectClose(got[peak], 0.25, "the largest value of your σ′")
        try expectClose(got, Array(got.reversed()), "σ′(z) against σ′(−z)")
    },
    Check("Eq. 2.5 — agrees with the core's Activation.sigmoid.derivative, also in the saturated tails (|z| ≤ 30)") {
        let zs = grid(-30, 30, count: 121)
        var got: [Double] = []
        for z in zs { got.append(try sigmoidPrime(z)) }
        try expectClose(got, zs.map(σPrime), "σ′(z)", tolerance: 1e-12, diagnoses: primeMistakes(zs))
    },
]

/// The classic wrong derivatives on a list of inputs.
func primeMistakes(_ zs: [Double]) -> [Diagnosis] {
    [
        Diagnosis("s(1 − s) was applied to z itself: Eq. 2.5 is σ(z)(1 − σ(z)), with s = σ(z)") {
            Matrix(row: zs.map { $0 * (1 - $0) })
        },
        Diagnosis("the denominator is not squared: σ′(z) = e⁻ᶻ/(1 + e⁻ᶻ)², and e⁻ᶻ/(1 + e⁻ᶻ) is 1 − σ(z)") {
            Matrix(row: zs.map { exp(-$0) / (1 + exp(-$0)) })
        },
        Diagnosis("σ(z)² is not σ′(z): the second factor is 1 − σ(z)") { Matrix(row: zs.map { σ($0) * σ($0) }) },
        Diagnosis("1 − σ(z)² is the pattern of tanh′ = 1 − tanh²; for σ it is σ(1 − σ)") {
            Matrix(row: zs.map { 1 - σ($0) * σ($0) })
        },
        Diagnosis("σ(z) is not its own derivative: Eq. 2.5 multiplies it by 1 − σ(z)") { Matrix(row: zs.map(σ)) },
    ]
}

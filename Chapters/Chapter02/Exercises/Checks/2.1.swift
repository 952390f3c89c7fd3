// Checks of exercise 2.1 (Eq. 2.1): σ(0), σ(±ln 3) by hand, the identity σ(−z) = 1 − σ(z), the
// core's sigmoid on a grid, and finite values far out in the tails.

import ExerciseKit
import Foundation
import NeuralCore

let checks: [Check] = [
    Check("Eq. 2.1 — by hand: σ(0) = ½, σ(ln 3) = ¾, σ(−ln 3) = ¼") {
        let zs = [0, log(3.0), -log(3.0)]
        var got: [Double] = []
        for z in zs { got.append(try sigmoid(z)) }
        try expectClose(got, [0.5, 0.75, 0.25], "(σ(0), σ(ln 3), σ(−ln 3))", diagnoses: sigmoidMistakes(zs))
    },
    Check("Eq. 2.1 — σ(−z) = 1 − σ(z) for z on a grid from −8 to 8") {
        var got: [Double] = []
        let zs = grid(-8, 8, count: 33)
        for z in zs { got.append(try sigmoid(-z) + sigmoid(z)) }
        try expectClose(
            got, Array(repeating: 1, count: zs.count), "σ(−z) + σ(z)",
            diagnoses: [
                Diagnosis("σ(−z) + σ(z) = 0: your function is odd, like tanh; σ rises from 0 to 1 through ½ at z = 0") {
                    Matrix(row: Array(repeating: 0, count: zs.count))
                }
            ])
    },
    Check("Eq. 2.1 — agrees with the core's Activation.sigmoid for z from −30 to 30") {
        let zs = grid(-30, 30, count: 121)
        var got: [Double] = []
        for z in zs { got.append(try sigmoid(z)) }
        try expectClose(got, zs.map(σ), "σ(z)", tolerance: 1e-12, diagnoses: sigmoidMistakes(zs))
    },
    Check("Eq. 2.1 — finite far out in the tails: σ(−800) = 0, σ(−40) ≈ 4.2e-18, σ(40) = σ(800) = 1") {
        let zs = [-800.0, -40, 40, 800]
        for z in zs {
            let value = try sigmoid(z)
            try expect(
                value.isFinite, "σ(\(formatted(z))) came out as \(formatted(value))",
                diagnosis: z > 0
                    ? "eᶻ/(1 + eᶻ) overflows for large positive z (∞/∞): use 1/(1 + e⁻ᶻ) when z ≥ 0"
                    : "1/(1 + e⁻ᶻ) is fine for large negative z (1/∞ = 0); something else overflowed")
            try expectClose(value, σ(z), "σ(\(formatted(z)))", tolerance: 1e-12)
        }
    },
]

/// The classic wrong sigmoids on a list of inputs.
func sigmoidMistakes(_ zs: [Double]) -> [Diagnosis] {
    [
        Diagnosis("the exponent's sign is flipped: 1/(1 + eᶻ) is σ(−z); Eq. 2.1 has e⁻ᶻ") {
            Matrix(row: zs.map { 1 / (1 + exp($0)) })
        },
        Diagnosis("e⁻ᶻ/(1 + e⁻ᶻ) is 1 − σ(z); Eq. 2.1 has 1 in the numerator") {
            Matrix(row: zs.map { exp(-$0) / (1 + exp(-$0)) })
        },
        Diagnosis("this is tanh z, not σ(z): tanh z = 2σ(2z) − 1 (Eq. 2.2)") { Matrix(row: zs.map { tanh($0) }) },
    ]
}

// Checks of exercise 2.8 (Eq. 2.2–2.4): tanh from σ against Foundation's tanh, tanh′ at 0 and
// against central differences, ReLU and leaky ReLU with their derivatives against the core's
// activations (kink included), and each derivative against central differences of the learner's
// own function.

import ExerciseKit
import Foundation
import NeuralCore

let checks: [Check] = [
    Check("Eq. 2.2 — tanh z = 2σ(2z) − 1 equals Foundation's tanh for z from −10 to 10") {
        let zs = grid(-10, 10, count: 81)
        var got: [Double] = []
        for z in zs { got.append(try tanhFromSigmoid(z)) }
        try expectClose(
            got, zs.map { Foundation.tanh($0) }, "tanh z", tolerance: 1e-12,
            diagnoses: [
                Diagnosis("2σ(z) − 1 is tanh(z/2): Eq. 2.2 takes σ at 2z") {
                    Matrix(row: zs.map { 2 * σ($0) - 1 })
                },
                Diagnosis("σ(2z) − 1 lies in (−1, 0): Eq. 2.2 doubles σ, 2σ(2z) − 1") {
                    Matrix(row: zs.map { σ(2 * $0) - 1 })
                },
                Diagnosis("2σ(2z) without the − 1 lies in (0, 2): Eq. 2.2 shifts it down by 1") {
                    Matrix(row: zs.map { 2 * σ(2 * $0) })
                },
            ])
    },
    Check("Eq. 2.2 — tanh′ z = 1 − tanh² z: tanh′(0) = 1, and central differences of tanh for z from −4 to 4") {
        let zs = grid(-4, 4, count: 33)
        var got: [Double] = []
        for z in zs { got.append(try tanhPrime(z)) }
        try expectClose(got[16], 1, "tanh′(0)", diagnoses: tanhPrimeMistakes([0]))
        let numeric = zs.map { z in GradientCheck.numericGradient(of: { Foundation.tanh($0[0]) }, at: [z])[0] }
        try expectGradient(Matrix(row: got), matches: Matrix(row: numeric), "tanh′ z", diagnoses: tanhPrimeMistakes(zs))
    },
    Check("Eq. 2.3–2.4 — ReLU (α = 0) and leaky ReLU (α = 0.1) and their derivatives equal the core's, z = 0 included")
    {
        let zs = grid(-3, 3, count: 25)  // includes z = 0
        for alpha in [0.0, 0.1] {
            let activation: Activation = alpha == 0 ? .relu : .leakyReLU(slope: alpha)
            let name = alpha == 0 ? "ReLU" : "leaky ReLU (α = 0.1)"
            var values: [Double] = []
            var slopes: [Double] = []
            for z in zs {
                values.append(try leakyReLU(z, alpha: alpha))
                slopes.append(try leakyReLUPrime(z, alpha: alpha))
            }
            try expectClose(
                values, zs.map(activation.value), "\(name)(z)",
                diagnoses: [
                    Diagnosis("the negative side is not scaled by α: leaky ReLU is αz for z ≤ 0 (Eq. 2.4)") {
                        Matrix(row: zs.map { $0 > 0 ? $0 : 0 })
                    },
                    Diagnosis("the two sides are swapped: z for z > 0, αz for z ≤ 0") {
                        Matrix(row: zs.map { $0 > 0 ? alpha * $0 : $0 })
                    },
                ])
            try expectClose(
                slopes, zs.map(activation.derivative), "\(name)′(z)",
                diagnoses: [
                    Diagnosis("the slope α is missing for z < 0: leaky ReLU′ is α there, not 0") {
                        Matrix(row: zs.map { $0 > 0 ? 1 : 0 })
                    },
                    Diagnosis("at the kink z = 0 the notes take the left-hand value (α, which is 0 for ReLU), not 1") {
                        Matrix(row: zs.map { $0 >= 0 ? 1 : alpha })
                    },
                    Diagnosis("this is the function again, not its derivative: leaky ReLU′ is 1 or α") {
                        Matrix(row: zs.map { $0 > 0 ? $0 : alpha * $0 })
                    },
                ])
        }
    },
    Check(
        "Eq. 2.2–2.4 — each derivative you wrote is the derivative of your own function (central differences, away from the kink)"
    ) {
        let zs = grid(-3, 3, count: 24).filter { abs($0) > 1e-3 }
        var tanhSlopes: [Double] = []
        var tanhNumeric: [Double] = []
        var leakySlopes: [Double] = []
        var leakyNumeric: [Double] = []
        for z in zs {
            tanhSlopes.append(try tanhPrime(z))
            leakySlopes.append(try leakyReLUPrime(z, alpha: 0.2))
            let h = GradientCheck.defaultStep
            tanhNumeric.append((try tanhFromSigmoid(z + h) - tanhFromSigmoid(z - h)) / (2 * h))
            leakyNumeric.append((try leakyReLU(z + h, alpha: 0.2) - leakyReLU(z - h, alpha: 0.2)) / (2 * h))
        }
        try expectGradient(Matrix(row: tanhSlopes), matches: Matrix(row: tanhNumeric), "tanh′ against your tanh")
        try expectGradient(
            Matrix(row: leakySlopes), matches: Matrix(row: leakyNumeric),
            "leaky ReLU′ against your leaky ReLU (α = 0.2)")
    },
]

/// The classic wrong tanh′ on a list of inputs.
func tanhPrimeMistakes(_ zs: [Double]) -> [Diagnosis] {
    [
        Diagnosis("tanh is not squared: tanh′ z = 1 − tanh² z") { Matrix(row: zs.map { 1 - Foundation.tanh($0) }) },
        Diagnosis("the chain rule's inner factor 2 is missing once: d/dz 2σ(2z) = 4σ′(2z)") {
            Matrix(row: zs.map { 2 * σPrime(2 * $0) })
        },
        Diagnosis("σ′(z) is the sigmoid's derivative; tanh′ z = 1 − tanh² z = 4σ′(2z)") { Matrix(row: zs.map(σPrime)) },
        Diagnosis("1 + tanh² z: the derivative of tanh is 1 − tanh² z") {
            Matrix(row: zs.map { 1 + Foundation.tanh($0) * Foundation.tanh($0) })
        },
    ]
}

// Checks of exercise 3.2 (BP1, Eq. 3.3): the worked example of §3.1, central differences of the
// cost in zᴸ on a batch, and the core's own backward pass.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 3.3 — δ³ of the worked example of §3.1 (one example, two outputs)") {
        // The [2, 3, 2] network of §3.1: z² = w²x + b², a² = σ(z²), z³ = w³a² + b³.
        let x = Matrix(column: [1.0, 0.5])
        let hidden = Activation.sigmoid.value(
            Matrix([[0.1, -0.4], [0.7, 0.2], [-0.3, 0.5]]) * x + Matrix(column: [0.2, -0.2, 0.3]))
        let z = Matrix([[0.6, -0.5, 0.2], [-0.1, 0.4, 0.8]]) * hidden + Matrix(column: [-0.3, 0.2])
        let a = Activation.sigmoid.value(z)
        let y = Matrix(column: [1, 0])
        try expectClose(
            try outputError(outputs: a, targets: y, weightedInputs: z), (a - y) ⊙ Activation.sigmoid.derivative(z),
            "δ³", diagnoses: bp1Mistakes(a, y, z))
    },
    Check("Eq. 3.3 — δᴸ of a batch of 4 examples equals ∂C/∂zᴸ by central differences") {
        var generator = SeededGenerator(seed: 32)
        let z = Matrix.gaussian(3, 4, using: &generator)
        let y = Matrix.uniform(3, 4, low: 0, high: 1, using: &generator)
        let a = Activation.sigmoid.value(z)
        // C = ½ Σ (aᴸ − y)² summed over the batch, as a function of zᴸ.
        let numeric = GradientCheck.numericGradient(
            of: { z in
                let d = Activation.sigmoid.value(z) - y; return 0.5 * d.dot(d)
            }, at: z)
        try expectGradient(
            try outputError(outputs: a, targets: y, weightedInputs: z), matches: numeric, "δᴸ",
            diagnoses: bp1Mistakes(a, y, z))
    },
    Check("Eq. 3.3 — where the outputs equal the targets, δᴸ is zero") {
        let z = Matrix([[0.3, -2], [1.5, 0]])
        let a = Activation.sigmoid.value(z)
        try expectClose(
            try outputError(outputs: a, targets: a, weightedInputs: z), Matrix.zeros(2, 2), "δᴸ with y = aᴸ")
    },
]

/// The classic wrong answers to BP1, computed from the same inputs.
func bp1Mistakes(_ a: Matrix, _ y: Matrix, _ z: Matrix) -> [Diagnosis] {
    [
        Diagnosis("σ′(zᴸ) is missing: BP1 multiplies ∇ₐC = aᴸ − y by σ′(zᴸ) entry by entry") { a - y },
        Diagnosis("σ′ was applied to aᴸ instead of zᴸ") { (a - y) ⊙ Activation.sigmoid.derivative(a) },
        Diagnosis("σ(zᴸ) was used in place of σ′(zᴸ)") { (a - y) ⊙ a },
        Diagnosis("the sign is flipped: ∇ₐC of ½‖y − a‖² is a − y, not y − a") {
            (y - a) ⊙ Activation.sigmoid.derivative(z)
        },
    ]
}

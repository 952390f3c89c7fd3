// Checks of exercise 3.3 (BP2, Eq. 3.4): a square layer (where a missing transpose still runs),
// the worked example against central differences of the cost in z², and a batch.

import ExerciseKit
import NeuralCore

/// The classic wrong answers to BP2.
func bp2Mistakes(_ w: Matrix, _ delta: Matrix, _ z: Matrix) -> [Diagnosis] {
    let slope = Activation.sigmoid.derivative(z)
    return [
        Diagnosis("the transpose of wˡ⁺¹ is missing: δ travels back through (wˡ⁺¹)ᵀ") {
            w.rows == w.columns ? (w * delta) ⊙ slope : nil
        },
        Diagnosis("σ′(zˡ) is missing: after (wˡ⁺¹)ᵀδˡ⁺¹ comes ⊙ σ′(zˡ)") { w.transposed * delta },
        Diagnosis("σ′ was applied to σ(zˡ) instead of zˡ") {
            (w.transposed * delta) ⊙ Activation.sigmoid.derivative(Activation.sigmoid.value(z))
        },
    ]
}

let checks: [Check] = [
    Check("Eq. 3.4 — δˡ of a square 3 × 3 layer, one example") {
        let w = Matrix([[0.5, -1.2, 0.3], [0.8, 0.1, -0.7], [-0.4, 0.9, 0.2]])
        let delta = Matrix(column: [0.2, -0.1, 0.05])
        let z = Matrix(column: [0.3, -1.0, 2.0])
        let expected = Matrix(rows: 3, columns: 1) { k, _ in
            var sum = 0.0
            for j in 0..<3 { sum += w[j, k] * delta[j, 0] }
            return sum * Activation.sigmoid.derivative(z[k, 0])
        }
        try expectClose(
            try hiddenError(weightsAbove: w, deltaAbove: delta, weightedInputs: z), expected, "δˡ",
            diagnoses: bp2Mistakes(w, delta, z))
    },
    Check("Eq. 3.4 — δ² of the worked example equals ∂C/∂z² by central differences") {
        let (w, b, x, y) = (WorkedNetwork.weights, WorkedNetwork.biases, WorkedNetwork.input, WorkedNetwork.target)
        let pass = loopForward(weights: w, biases: b, x: x)
        let z2 = pass.zs[0]
        let delta3 = (pass.activations[2] - y) ⊙ Activation.sigmoid.derivative(pass.zs[1])
        // C = ½‖y − σ(w³σ(z²) + b³)‖² as a function of z².
        let numeric = GradientCheck.numericGradient(
            of: { z in
                let d = Activation.sigmoid.value((w[1] * Activation.sigmoid.value(z)).addingToEachColumn(b[1])) - y
                return 0.5 * d.dot(d)
            }, at: z2)
        try expectGradient(
            try hiddenError(weightsAbove: w[1], deltaAbove: delta3, weightedInputs: z2), matches: numeric, "δ²",
            diagnoses: bp2Mistakes(w[1], delta3, z2))
    },
    Check("Eq. 3.4 — δˡ of a batch of 5 examples, column by column") {
        var generator = SeededGenerator(seed: 33)
        let w = Matrix.gaussian(4, 6, using: &generator)
        let delta = Matrix.gaussian(4, 5, using: &generator)
        let z = Matrix.gaussian(6, 5, using: &generator)
        let expected = (w.transposed * delta) ⊙ Activation.sigmoid.derivative(z)
        try expectClose(
            try hiddenError(weightsAbove: w, deltaAbove: delta, weightedInputs: z), expected, "δˡ",
            diagnoses: bp2Mistakes(w, delta, z))
    },
]

// Checks of exercise 3.4 (BP3 and BP4, Eq. 3.5–3.7): one example, a batch against the loop over
// examples, and the whole worked example against central differences.

import ExerciseKit
import NeuralCore

/// ∂C/∂w and ∂C/∂b by a loop over examples and indices: (1/m) Σₓ δⱼ(x) aₖ(x) and (1/m) Σₓ δⱼ(x).
func loopGradients(delta: Matrix, below: Matrix) -> (weights: Matrix, biases: Matrix) {
    let m = Double(delta.columns)
    let w = Matrix(rows: delta.rows, columns: below.rows) { j, k in
        (0..<delta.columns).reduce(0) { $0 + delta[j, $1] * below[k, $1] } / m
    }
    let b = Matrix(rows: delta.rows, columns: 1) { j, _ in (0..<delta.columns).reduce(0) { $0 + delta[j, $1] } / m }
    return (w, b)
}

func expectParameterGradients(delta: Matrix, below: Matrix) throws {
    let got = try parameterGradients(delta: delta, activationsBelow: below)
    let expected = loopGradients(delta: delta, below: below)
    let m = Double(delta.columns)
    try expectClose(
        got.weights, expected.weights, "∂C/∂wˡ",
        diagnoses: [
            Diagnosis("∂C/∂wˡ is transposed: BP4 is δˡ (aˡ⁻¹)ᵀ, rows for the neurons of layer l") {
                below * delta.transposed / m
            },
            Diagnosis("the 1/m of Eq. 3.7 is missing: the gradients are summed over the batch, not averaged") {
                m > 1 ? expected.weights * m : nil
            },
        ])
    try expectClose(
        got.biases, expected.biases, "∂C/∂bˡ",
        diagnoses: [
            Diagnosis("the 1/m of Eq. 3.7 is missing: the gradients are summed over the batch, not averaged") {
                m > 1 ? expected.biases * m : nil
            },
            Diagnosis("∂C/∂bˡ sums the columns (examples) of δˡ, one number per neuron: use the row sums") {
                delta.rows == delta.columns ? delta.columnSums().transposed / m : nil
            },
        ])
}

let checks: [Check] = [
    Check("Eq. 3.5–3.6 — one example: ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ and ∂C/∂bˡ = δˡ") {
        try expectParameterGradients(delta: Matrix(column: [0.3, -0.2]), below: Matrix(column: [0.5, 0.1, 0.9]))
    },
    Check("Eq. 3.7 — a batch of 4: the average of the per-example gradients") {
        var generator = SeededGenerator(seed: 34)
        try expectParameterGradients(
            delta: Matrix.gaussian(3, 4, using: &generator), below: Matrix.gaussian(5, 4, using: &generator))
    },
    Check("Eq. 3.5–3.6 — ∂C/∂w³ and ∂C/∂b³ of a batch of 3 match central differences of the cost") {
        let problem = RandomProblem(sizes: [2, 3, 2], batch: 3, seed: 35)
        let pass = loopForward(weights: problem.weights, biases: problem.biases, x: problem.x)
        let delta3 = (pass.activations[2] - problem.y) ⊙ Activation.sigmoid.derivative(pass.zs[1])
        let got = try parameterGradients(delta: delta3, activationsBelow: pass.activations[1])
        let numeric = numericGradients(weights: problem.weights, biases: problem.biases, x: problem.x, y: problem.y)
        try expectGradient(got.weights, matches: numeric.weights[1], "∂C/∂w³")
        try expectGradient(got.biases, matches: numeric.biases[1], "∂C/∂b³")
    },
]

// Checks of exercise 8.7 (Eqs. 8.2, 8.16): biases known in closed form, then a real LSTMCell with
// the learner's bias, run over 100 steps, keeps exactly the fraction asked for.

import ExerciseKit
import Foundation
import NeuralCore

func biasMistakes(_ fraction: Double, _ steps: Int) -> [Diagnosis] {
    let k = Double(steps)
    return [
        Diagnosis("the k-th root is missing: the fraction is kept by k gates together, so each gate is fraction^(1/k)")
        {
            Matrix(column: [log(fraction / (1 - fraction))])
        },
        Diagnosis("σ was applied where its inverse belongs: b_f = log(f/(1 − f)) turns the gate value f into a bias") {
            let f = pow(fraction, 1 / k)
            return Matrix(column: [1 / (1 + exp(-f))])
        },
        Diagnosis(
            "the fraction was divided by k instead of taking its k-th root: σ(b_f)ᵏ = fraction needs f = fraction^(1/k)"
        ) {
            let f = fraction / k
            return Matrix(column: [log(f / (1 - f))])
        },
        Diagnosis("log((1 − f)/f) has the wrong sign: the inverse of σ is log(f/(1 − f))") {
            let f = pow(fraction, 1 / k)
            return Matrix(column: [log((1 - f) / f)])
        },
    ]
}

let checks: [Check] = [
    Check("Eq. 8.2, Eq. 8.16 — keeping ½ over 1 step needs b_f = 0; keeping σ(1)¹⁰⁰ over 100 steps needs b_f = 1") {
        try expectClose(
            try forgetBias(keeping: 0.5, over: 1), 0, "b_f for ½ over 1 step", diagnoses: biasMistakes(0.5, 1))
        let fraction = pow(1 / (1 + exp(-1.0)), 100)
        try expectClose(
            try forgetBias(keeping: fraction, over: 100), 1, "b_f for σ(1)¹⁰⁰ over 100 steps",
            tolerance: 1e-9, diagnoses: biasMistakes(fraction, 100))
    },
    Check(
        "Eq. 8.16 — the long-lag start of §8.4: forget bias 4 keeps σ(4)¹²⁰ = \(formatted(pow(1 / (1 + exp(-4.0)), 120))) over 120 steps"
    ) {
        let fraction = pow(1 / (1 + exp(-4.0)), 120)
        try expectClose(
            try forgetBias(keeping: fraction, over: 120), 4, "b_f for σ(4)¹²⁰ over 120 steps", tolerance: 1e-8,
            diagnoses: biasMistakes(fraction, 120))
    },
    Check("Eq. 8.16 — a real LSTMCell (U = W = 0) with your bias keeps 1% of ∂L/∂c over 100 steps of BPTT") {
        let bias = try forgetBias(keeping: 0.01, over: 100)
        try expect(bias.isFinite, "your bias is \(bias), not a number a cell can use")
        var generator = SeededGenerator(seed: 871)
        var cell = LSTMCell(inputSize: 1, hiddenSize: 2, forgetBias: bias, using: &generator)
        cell.parameters[0] = Matrix.zeros(8, 1)
        cell.parameters[1] = Matrix.zeros(8, 2)
        var state = cell.initialState(batch: 1)
        var caches: [LSTMCell.StepCache] = []
        for _ in 0..<100 {
            let (next, cache) = cell.step(.dense(Matrix.zeros(1, 1)), state: state)
            caches.append(cache)
            state = next
        }
        var gradients = cell.zeroGradients()
        let dcLast = Matrix(column: [1, 1])
        var dState = [Matrix.zeros(2, 1), dcLast]
        for cache in caches.reversed() {
            dState = cell.backwardStep(dState, cache: cache, gradients: &gradients).dPreviousState
        }
        try expectClose(
            dState[1][0, 0], 0.01, "the fraction of ∂L/∂c₁₀₀ that reaches c₀", tolerance: 1e-9,
            diagnoses: [
                Diagnosis(
                    "your bias keeps 1% after one step, not after 100: the k-th root is missing",
                    scalar: {
                        pow(0.01, 100)
                    })
            ])
    },
]

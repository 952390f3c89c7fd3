// Checks of exercise 7.2 (Eqs. 7.3, 7.4): the uniform guess of §7.2, logits of ±1000, central
// differences of L in the logits, and the core's sequence model.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 7.3 by the core's log-softmax (the oracle).
func lossOracle(_ logits: Matrix, _ targets: [Int]) -> Double {
    let logProbabilities = Softmax.logApply(logits)
    return targets.enumerated().reduce(0) { $0 - logProbabilities[$1.element, $1.offset] }
}

/// The classic wrong answers to Eq. 7.4, from the same inputs.
func outputErrorMistakes(_ logits: Matrix, _ targets: [Int]) -> [Diagnosis] {
    [
        Diagnosis("the − 1_{yₜ} is missing: Eq. 7.4 subtracts 1 from ŷₜ at the right symbol yₜ") {
            Softmax.apply(logits)
        },
        Diagnosis("1 was subtracted at the wrong step: column t of the error uses the target yₜ of the same step") {
            var error = Softmax.apply(logits)
            for (t, y) in targets.enumerated() { error[y, (t + 1) % targets.count] -= 1 }
            return error
        },
        Diagnosis("the softmax is missing: Eq. 7.4 is softmax(oₜ) − 1_{yₜ}, not oₜ − 1_{yₜ}") {
            var error = logits
            for (t, y) in targets.enumerated() { error[y, t] -= 1 }
            return error
        },
    ]
}

let checks: [Check] = [
    Check("Eq. 7.3 — equal logits over h, e, l, o: \"hell\" → \"ello\" costs 4 log 4 = 5.545") {
        let logits = Matrix.zeros(4, 4)
        try expectClose(
            try sequenceLoss(logits: logits, targets: Ch07.helloTargets), 4 * log(4.0), "L",
            diagnoses: [
                Diagnosis(
                    "that is the loss of one step: Eq. 7.3 sums −log ŷₜ[yₜ] over all T steps", scalar: { log(4.0) })
            ])
    },
    Check("Eq. 7.3 — logits of ±1000: the loss is 2,000 nats, an ordinary number, not ∞ or NaN") {
        let logits = Matrix([[1000, -1000], [-1000, 1000]])
        try expectClose(try sequenceLoss(logits: logits, targets: [1, 1]), 2000, "L")
    },
    Check("Eq. 7.4 — your ŷₜ − 1_{yₜ} is ∂L/∂oₜ by central differences (5 symbols, 6 steps)") {
        var generator = SeededGenerator(seed: 74)
        let logits = Matrix.gaussian(5, 6, standardDeviation: 2, using: &generator)
        let targets = [0, 3, 4, 1, 1, 2]
        let numeric = GradientCheck.numericGradient(of: { lossOracle($0, targets) }, at: logits)
        try expectGradient(
            try outputError(logits: logits, targets: targets), matches: numeric, "∂L/∂o",
            diagnoses: outputErrorMistakes(logits, targets))
    },
    Check("Eq. 7.3, Eq. 7.4 — on the core's network: your L is its loss, and Σₜ (ŷₜ − 1_{yₜ}) its ∂L/∂c") {
        let model = Ch07.network(vocabulary: 6, hidden: 4, scale: 1, seed: 75)
        let inputs = Ch07.symbols(9, vocabulary: 6, seed: 76)
        let targets = Ch07.symbols(9, vocabulary: 6, seed: 77)
        let pass = model.forward(inputs.map { .oneHot([$0]) })
        let stepTargets = targets.map { [$0] }
        try expectClose(
            try sequenceLoss(logits: pass.logits, targets: targets), model.loss(pass, targets: stepTargets), "L")
        let dc = model.backward(pass, targets: stepTargets).gradients[4]
        let error = try outputError(logits: pass.logits, targets: targets)
        try expectClose(error.rowSums(), dc, "Σₜ (ŷₜ − 1_{yₜ})")
    },
]

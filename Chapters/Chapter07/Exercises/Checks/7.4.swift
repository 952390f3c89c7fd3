// Checks of exercise 7.4 (Eqs. 7.1–7.6): central differences of L for one step and for "hell" →
// "ello", the core's SequenceModel on a longer sequence, and the hello network trained with the
// learner's gradients.

import ExerciseKit
import Foundation
import NeuralCore

let parameterNames = ["∂L/∂U", "∂L/∂W", "∂L/∂b", "∂L/∂V", "∂L/∂c"]

func learnersBPTT(_ model: SequenceModel<VanillaCell>, _ inputs: [Int], _ targets: [Int]) throws -> [Matrix] {
    let g = try bptt(
        U: model.cell.inputWeights, W: model.cell.recurrentWeights, b: model.cell.biases, V: model.outputWeights,
        c: model.outputBiases, inputs: inputs, targets: targets)
    return [g.dU, g.dW, g.db, g.dV, g.dc]
}

/// The classic wrong answers for parameter `index`, from the same network and sequence.
func bpttMistakes(_ model: SequenceModel<VanillaCell>, _ inputs: [Int], _ targets: [Int], index: Int) -> [Diagnosis] {
    let variants: [(Ch07.Variant, String)] = [
        (
            .noFutureTerm,
            "the term Wᵀδₜ₊₁ is missing from ∂L/∂hₜ: the state hₜ also feeds step t + 1 (Eq. 7.5)"
        ),
        (.currentHidden, "∂L/∂W sums δₜ hₜ₋₁ᵀ, the state W multiplied at step t, not δₜ hₜᵀ (Eq. 7.6)"),
        (.noTanhPrime, "the factor 1 − hₜ² is missing from δₜ = ∂L/∂hₜ ⊙ (1 − hₜ²) (Eq. 7.5)"),
        (.noMinusOne, "the output error is ŷₜ − 1_{yₜ} (Eq. 7.4): the − 1_{yₜ} is missing"),
    ]
    return variants.map { variant, explanation in
        Diagnosis(explanation) {
            Ch07.bptt(
                U: model.cell.inputWeights, W: model.cell.recurrentWeights, b: model.cell.biases,
                V: model.outputWeights, c: model.outputBiases, inputs: inputs, targets: targets, variant: variant)[
                    index]
        }
    }
}

/// Every gradient against central differences of Eq. 7.3.
func expectCentralDifferences(_ model: SequenceModel<VanillaCell>, _ inputs: [Int], _ targets: [Int]) throws {
    let got = try learnersBPTT(model, inputs, targets)
    for index in 0..<5 {
        let numeric = GradientCheck.numericGradient(
            of: { value in
                var p = model.parameters
                p[index] = value
                return Ch07.loss(U: p[0], W: p[1], b: p[2], V: p[3], c: p[4], inputs: inputs, targets: targets)
            }, at: model.parameters[index])
        try expectGradient(
            got[index], matches: numeric, parameterNames[index],
            diagnoses: bpttMistakes(model, inputs, targets, index: index))
    }
}

let checks: [Check] = [
    Check("Eq. 7.5–7.6 — T = 1: one step, where ∂L/∂W = δ₁h₀ᵀ = 0, matches central differences") {
        try expectCentralDifferences(Ch07.network(vocabulary: 4, hidden: 3, scale: 1, seed: 741), [2], [3])
    },
    Check("Eq. 7.5–7.6 — the gradients of U, W, b, V, c on \"hell\" → \"ello\" match central differences") {
        try expectCentralDifferences(
            Ch07.network(vocabulary: 4, hidden: 3, scale: 1, seed: 742), Ch07.helloInputs, Ch07.helloTargets)
    },
    Check("Eq. 7.6 — on 12 steps (6 symbols, 5 hidden units) your gradients are the core's SequenceModel BPTT") {
        let model = Ch07.network(vocabulary: 6, hidden: 5, scale: 0.8, seed: 743)
        let inputs = Ch07.symbols(12, vocabulary: 6, seed: 744)
        let targets = Ch07.symbols(12, vocabulary: 6, seed: 745)
        let expected = model.lossAndGradients(inputs: inputs.map { .oneHot([$0]) }, targets: targets.map { [$0] })
        let got = try learnersBPTT(model, inputs, targets)
        for index in 0..<5 {
            try expectClose(
                got[index], expected.gradients[index], parameterNames[index],
                diagnoses: bpttMistakes(model, inputs, targets, index: index))
        }
    },
    Check("Eq. 7.3 — trained with your gradients (Adagrad η = 0.3, 300 updates), the hello network predicts \"ello\"") {
        var model = Ch07.network(vocabulary: 4, hidden: 3, seed: 746)
        var optimizer = Adagrad(learningRate: 0.3)
        let inputs = Ch07.helloInputs.map { StepInput.oneHot([$0]) }
        let lossBefore = model.loss(model.forward(inputs), targets: Ch07.helloTargets.map { [$0] })
        for _ in 0..<300 {
            var gradients = try learnersBPTT(model, Ch07.helloInputs, Ch07.helloTargets)
            GradientClipping.value(5).apply(to: &gradients)
            optimizer.step(&model.parameters, gradients: gradients)
        }
        let pass = model.forward(inputs)
        let lossAfter = model.loss(pass, targets: Ch07.helloTargets.map { [$0] })
        let letters = Array("helo")
        let predicted = String(pass.probabilities.argmaxPerColumn().map { letters[$0] })
        try expect(
            predicted == "ello" && lossAfter < 0.1,
            "after 300 updates the network predicts \"\(predicted)\" from \"hell\" (expected \"ello\"); "
                + "the loss went from \(formatted(lossBefore)) to \(formatted(lossAfter)) (expected below 0.1)")
    },
]

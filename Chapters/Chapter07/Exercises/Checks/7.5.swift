// Checks of exercise 7.5 (Eq. 7.7): one window is full BPTT; the carried state leaves the forward
// pass unchanged; the gradient stops at window starts, so ∂L/∂V and ∂L/∂c are those of full BPTT
// while ∂L/∂W, ∂L/∂U, ∂L/∂b lose their cross-window terms; and the core's truncated BPTT.

import ExerciseKit
import NeuralCore

let names = ["∂L/∂U", "∂L/∂W", "∂L/∂b", "∂L/∂V", "∂L/∂c"]

/// A network and a sequence of 10 steps for a batch of 2.
struct TruncationCase {
    let model = Ch07.network(vocabulary: 5, hidden: 4, scale: 0.9, seed: 751)
    let inputs: [StepInput]
    let targets: [[Int]]

    init() {
        let a = Ch07.symbols(10, vocabulary: 5, seed: 752)
        let b = Ch07.symbols(10, vocabulary: 5, seed: 753)
        let y = Ch07.symbols(20, vocabulary: 5, seed: 754)
        inputs = (0..<10).map { .oneHot([a[$0], b[$0]]) }
        targets = (0..<10).map { [y[2 * $0], y[2 * $0 + 1]] }
    }

    /// Windows that each start from zeros: the state is not carried.
    func restarted(window: Int) -> SequenceGradients {
        var total = model.lossAndGradients(
            inputs: Array(inputs[0..<min(window, 10)]), targets: Array(targets[0..<min(window, 10)]))
        var start = window
        while start < inputs.count {
            let end = min(start + window, inputs.count)
            let part = model.lossAndGradients(inputs: Array(inputs[start..<end]), targets: Array(targets[start..<end]))
            total.loss += part.loss
            for index in total.gradients.indices { total.gradients[index] += part.gradients[index] }
            total.finalState = part.finalState
            start = end
        }
        return total
    }

    func mistakes(window: Int, index: Int?) -> [Diagnosis] {
        let full = model.lossAndGradients(inputs: inputs, targets: targets)
        let restarted = restarted(window: window)
        @Sendable func value(_ g: SequenceGradients) -> Matrix {
            index.map { g.gradients[$0] } ?? Matrix(rows: 1, columns: 1, elements: [g.loss])
        }
        return [
            Diagnosis(
                "the hidden state is not carried: each window must start from the state the previous one ended in (Eq. 7.7)"
            ) { value(restarted) },
            Diagnosis(
                "the gradient crosses window boundaries: that is full BPTT; truncation stops ∂L/∂h at each window's start (Eq. 7.7)"
            ) { value(full) },
        ]
    }
}

let checks: [Check] = [
    Check("Eq. 7.7 — a window of k = T = 10 steps is full BPTT: the same loss and gradients") {
        let c = TruncationCase()
        let got = try truncatedBPTT(model: c.model, inputs: c.inputs, targets: c.targets, window: 10)
        let full = c.model.lossAndGradients(inputs: c.inputs, targets: c.targets)
        try expectClose(got.loss, full.loss, "L")
        for index in 0..<5 { try expectClose(got.gradients[index], full.gradients[index], names[index]) }
    },
    Check("Eq. 7.7 — windows of k = 3 (3 + 3 + 3 + 1 steps): the state is carried, so L and h₁₀ are full BPTT's") {
        let c = TruncationCase()
        let got = try truncatedBPTT(model: c.model, inputs: c.inputs, targets: c.targets, window: 3)
        let full = c.model.lossAndGradients(inputs: c.inputs, targets: c.targets)
        try expectClose(
            got.loss, full.loss, "L (summed over the windows)", diagnoses: c.mistakes(window: 3, index: nil))
        try expect(!got.finalState.isEmpty, "your result has no final state (it should be the state after step 10)")
        try expectClose(
            got.finalState[0], full.finalState[0], "h₁₀",
            diagnoses: [
                Diagnosis("the final state is not the one after the last step: return the last window's final state") {
                    c.restarted(window: 3).finalState[0]
                }
            ])
    },
    Check("Eq. 7.7 — k = 3: ∂L/∂V, ∂L/∂c are full BPTT's; ∂L/∂U, ∂L/∂W, ∂L/∂b are the core's truncated BPTT") {
        let c = TruncationCase()
        let got = try truncatedBPTT(model: c.model, inputs: c.inputs, targets: c.targets, window: 3)
        let expected = c.model.truncatedLossAndGradients(inputs: c.inputs, targets: c.targets, window: 3)
        let full = c.model.lossAndGradients(inputs: c.inputs, targets: c.targets)
        for index in [3, 4] {
            try expectClose(
                got.gradients[index], full.gradients[index], names[index],
                diagnoses: c.mistakes(window: 3, index: index))
        }
        for index in 0..<3 {
            try expectClose(
                got.gradients[index], expected.gradients[index], names[index],
                diagnoses: c.mistakes(window: 3, index: index))
        }
    },
    Check("Eq. 7.7 — k = 1: every window is one step, and ∂L/∂W = Σₜ δₜhₜ₋₁ᵀ with no Wᵀδₜ₊₁ at all") {
        let c = TruncationCase()
        let got = try truncatedBPTT(model: c.model, inputs: c.inputs, targets: c.targets, window: 1)
        let expected = c.model.truncatedLossAndGradients(inputs: c.inputs, targets: c.targets, window: 1)
        try expectClose(got.loss, expected.loss, "L", diagnoses: c.mistakes(window: 1, index: nil))
        for index in 0..<5 {
            try expectClose(
                got.gradients[index], expected.gradients[index], names[index],
                diagnoses: c.mistakes(window: 1, index: index))
        }
    },
]

// Eq. 5.1–5.4: the L2 and L1 penalties and the update rules they give with plain SGD.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — L2 and L1 weight penalties")
struct PenaltyTests {
    let example = PenaltyExample()

    @Test("Eq. 5.1 — L2 penalty (λ/2n)Σw² of the printed example")
    func l2Penalty() {
        let penalty = Regularization.l2(lambda: example.lambda).penalty(
            example.network, trainingCount: example.trainingCount)
        // Weights 0.6, −0.4, −1.2, 0.9, 1.5, −0.7: Σw² = 5.51; λ/2n = 0.2/8 = 0.025.
        expectClose(penalty, 0.025 * 5.51, tolerance: Tolerance.exactArithmetic)
        expectClose(penalty, example.l2Penalty, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.3 — L1 penalty (λ/n)Σ|w| of the printed example")
    func l1Penalty() {
        let penalty = Regularization.l1(lambda: example.lambda).penalty(
            example.network, trainingCount: example.trainingCount)
        // Σ|w| = 5.3; λ/n = 0.05.
        expectClose(penalty, 0.05 * 5.3, tolerance: Tolerance.exactArithmetic)
        expectClose(penalty, example.l1Penalty, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.2 — SGD with the L2 gradient is w → (1 − ηλ/n)w − η∂C₀/∂w")
    func l2Update() {
        let stepped = example.sgdStep(.l2(lambda: example.lambda))
        #expect(largestDifference(stepped, example.l2Rule()) <= Tolerance.exactArithmetic)
        // The first weight by hand: (1 − 0.5·0.2/4)·0.6 − 0.5·g.
        let g = example.unpenalisedGradients[0].elements[0]
        expectClose(stepped[0].elements[0], 0.975 * 0.6 - 0.5 * g, tolerance: Tolerance.exactArithmetic)
        // Biases are not penalised.
        let plain = example.sgdStep(.none)
        #expect(stepped[1] == plain[1] && stepped[3] == plain[3])
    }

    @Test("Eq. 5.4 — SGD with the L1 gradient is w → w − (ηλ/n)sgn(w) − η∂C₀/∂w")
    func l1Update() {
        let stepped = example.sgdStep(.l1(lambda: example.lambda))
        #expect(largestDifference(stepped, example.l1Rule()) <= Tolerance.exactArithmetic)
        // The second weight (−0.4) moves up by ηλ/n = 0.025 relative to the unpenalised step.
        let plain = example.sgdStep(.none)
        expectClose(stepped[0].elements[1] - plain[0].elements[1], 0.025, tolerance: Tolerance.exactArithmetic)
        expectClose(stepped[0].elements[0] - plain[0].elements[0], -0.025, tolerance: Tolerance.exactArithmetic)
    }
}

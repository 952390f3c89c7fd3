// Sections 2.1–2.3 of Chapter 02: the sigmoid against the step, derivative identities, and the
// smoothness that makes learning possible.

import ChapterRunner
import Foundation
import NeuralCore

/// The activation functions of the chapter, with the names used in figures.
let chapterActivations: [(name: String, activation: Activation)] = [
    ("step", .step),
    ("sigmoid σ", .sigmoid),
    ("tanh", .tanh),
    ("ReLU", .relu),
    ("leaky ReLU (0.1)", .leakyReLU(slope: 0.1)),
]

/// 2.1 — σ(z) = 1/(1 + e⁻ᶻ) (Eq. 2.1): a smoothed step; tanh, ReLU and leaky ReLU beside it.
func activationFunctions(_ session: ChapterSession) throws {
    session.say(
        """
        A sigmoid neuron computes a = σ(w·x + b) with σ(z) = 1/(1 + e⁻ᶻ) (Eq. 2.1). For large \
        positive z it outputs nearly 1, for large negative z nearly 0: a perceptron with the corners \
        rounded off. Its relatives: tanh z (Eq. 2.2), ReLU max(0, z) (Eq. 2.3) and leaky ReLU \
        (Eq. 2.4), which keeps a small slope for z < 0.
        """)
    let zs: [Double] = [-6, -2, -0.5, 0, 0.5, 2, 6]
    let rows = chapterActivations.map { entry in
        [entry.name] + zs.map { formatted(entry.activation.value($0), decimals: 3) }
    }
    session.table(["f(z)"] + zs.map { "z = \(formatted($0, decimals: 1))" }, rows)
    try session.writeFile("activations.png") { url in
        try ActivationFigures.functions(to: url, metadata: session.metadata(title: "Activation functions"))
    }
    try session.writeFile("activation-derivatives.png") { url in
        try ActivationFigures.derivatives(
            to: url, metadata: session.metadata(title: "Derivatives of the activation functions"))
    }
}

/// 2.2 — σ′ = σ(1 − σ) (Eq. 2.5), at most 1/4 (Eq. 2.6); tanh = 2σ(2z) − 1 (Eq. 2.2).
func derivativeIdentities(_ session: ChapterSession) {
    session.say(
        """
        Differentiating σ(z) = (1 + e⁻ᶻ)⁻¹ gives σ′(z) = e⁻ᶻ/(1 + e⁻ᶻ)² = σ(z)(1 − σ(z)) (Eq. 2.5): \
        the derivative comes for free once σ is known. The product s(1 − s) is largest at s = ½, \
        so σ′ ≤ σ′(0) = 1/4 (Eq. 2.6) — a fact that returns in Chapter 05 as the vanishing gradient. \
        And tanh is a rescaled sigmoid: tanh z = 2σ(2z) − 1 (Eq. 2.2).
        """)
    let zs = stride(from: -6.0, through: 6.0, by: 0.25).map { $0 }
    let h = GradientCheck.defaultStep
    let sigmoidErrors = zs.map { z in
        let numeric = (Activation.sigmoid.value(z + h) - Activation.sigmoid.value(z - h)) / (2 * h)
        return GradientCheck.relativeError(Activation.sigmoid.derivative(z), numeric)
    }
    let tanhErrors = zs.map { z in abs(tanh(z) - (2 * Activation.sigmoid.value(2 * z) - 1)) }
    let peak = zs.map { Activation.sigmoid.derivative($0) }.max() ?? 0
    session.show(
        "max relative error of σ(1 − σ) against central differences over z ∈ [−6, 6]: \(formatted(sigmoidErrors.max()!, significant: 2))"
    )
    session.show("largest σ′ on that grid: \(peak) at z = 0")
    session.show("max |tanh z − (2σ(2z) − 1)|: \(formatted(tanhErrors.max()!, significant: 2))")
    session.record(
        "sigmoidDerivative.maxRelativeError", .number(sigmoidErrors.max()!),
        summary: "σ′ = σ(1 − σ) matches central differences to \(formatted(sigmoidErrors.max()!, significant: 2))")
    session.record("sigmoidDerivative.maximum", .number(peak), summary: "max σ′ = \(peak)")
    session.record(
        "tanhIdentity.maxError", .number(tanhErrors.max()!),
        summary: "tanh z = 2σ(2z) − 1 to within \(formatted(tanhErrors.max()!, significant: 2))")
}

/// 2.3 — small changes in weights give small, predictable changes in output (Eq. 2.7).
func smoothness(_ session: ChapterSession) {
    session.say(
        """
        Because σ is smooth, Δoutput ≈ Σⱼ (∂output/∂wⱼ) Δwⱼ + (∂output/∂b) Δb (Eq. 2.7), with \
        ∂output/∂wⱼ = σ′(z) xⱼ and ∂output/∂b = σ′(z). Nudge every weight and the bias of a \
        three-input neuron by random amounts of size ε and compare the real change with the linear estimate:
        """)
    var generator = session.generator.fork()
    let neuron = SigmoidNeuron(weights: [0.7, -1.2, 0.4], bias: 0.3)
    let x = [0.5, 0.25, -1.0]
    let direction = (0..<4).map { _ in generator.gaussian() }
    var rows: [[String]] = []
    var ratios: [Double] = []
    for epsilon in [1e-1, 1e-2, 1e-3] {
        let dw = direction[0..<3].map { $0 * epsilon }
        let db = direction[3] * epsilon
        var moved = neuron
        for j in 0..<3 { moved.weights[j] += dw[j] }
        moved.bias += db
        let actual = moved.output(x) - neuron.output(x)
        let linear = neuron.linearizedChange(at: x, deltaWeights: dw, deltaBias: db)
        let error = abs(actual - linear)
        ratios.append(error / (epsilon * epsilon))
        rows.append([
            formatted(epsilon, significant: 1), formatted(actual, significant: 6), formatted(linear, significant: 6),
            formatted(error, significant: 2),
        ])
    }
    session.table(["ε", "actual Δoutput", "Eq. 2.7 estimate", "|difference|"], rows)
    session.say(
        "The difference shrinks a hundredfold when ε shrinks tenfold: it is second order, O(ε²). That predictability is what lets gradient descent steer the weights."
    )
    session.record(
        "smoothness.secondOrderRatio", .number(ratios.last!),
        summary: "Eq. 2.7 is second order: error / ε² ≈ \(formatted(ratios.last!, significant: 3))")
}

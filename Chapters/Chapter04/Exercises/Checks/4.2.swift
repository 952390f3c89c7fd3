// Checks of exercise 4.2 (the cross-entropy gradient of one neuron, Eq. 4.3): the plateau start
// of §4.1, central differences of the cost on random neurons, and the training run of §4.1.

import ExerciseKit
import Foundation
import NeuralCore

/// One neuron: (w, b, x, y).
typealias Neuron = (w: Double, b: Double, x: Double, y: Double)

/// The learner's gradients of several neurons, as [∂C/∂w, ∂C/∂b, ∂C/∂w, ∂C/∂b, …].
func learnerGradients(_ neurons: [Neuron]) throws -> [Double] {
    try neurons.flatMap { n -> [Double] in
        let g = try crossEntropyGradient(weight: n.w, bias: n.b, x: n.x, y: n.y)
        return [g.w, g.b]
    }
}

/// The classic wrong answers, for the same neurons.
func neuronMistakes(_ neurons: [Neuron]) -> [Diagnosis] {
    func each(_ rule: @escaping @Sendable (Neuron, Double, Double) -> [Double]) -> @Sendable () -> Matrix? {
        {
            Matrix(
                row: neurons.flatMap { n in
                    let z = n.w * n.x + n.b
                    return rule(n, Activation.sigmoid.value(z), Activation.sigmoid.derivative(z))
                })
        }
    }
    return [
        Diagnosis(
            "σ′(z) is still there: (a − y)σ′(z)x is the quadratic cost's Eq. 4.1; for the cross-entropy ∂C/∂a = (a − y)/(a(1 − a)) cancels σ′(z) = a(1 − a), leaving Eq. 4.3",
            each { n, a, s in [(a - n.y) * s * n.x, (a - n.y) * s] }),
        Diagnosis(
            "the factor x is missing from ∂C/∂w: z = wx + b, so ∂z/∂w = x and Eq. 4.3 has ∂C/∂w = x(a − y)",
            each { n, a, _ in [a - n.y, a - n.y] }),
        Diagnosis(
            "you used z where a = σ(z) belongs: the error in Eq. 4.3 is a − y",
            each { n, _, _ in [n.x * (n.w * n.x + n.b - n.y), n.w * n.x + n.b - n.y] }),
        Diagnosis(
            "the sign is flipped: the gradient is x(a − y), not x(y − a) (the step −η∇C moves a towards y)",
            each { n, a, _ in [n.x * (n.y - a), n.y - a] }),
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 4.3 — at the plateau start (w, b) = (2, 2), x = 1, y = 0: ∂C/∂b = a = σ(4) = 0.982, 1/σ′(4) ≈ 56.6 times the quadratic Eq. 4.1"
    ) {
        let start: [Neuron] = [(2, 2, 1, 0)]
        let a = Activation.sigmoid.value(4)
        try expectClose(try learnerGradients(start), [a, a], "(∂C/∂w, ∂C/∂b)", diagnoses: neuronMistakes(start))
    },
    Check("Eq. 4.3 — equals central differences of C = −[y ln a + (1 − y) ln(1 − a)] in w and b, on six random neurons")
    {
        var generator = SeededGenerator(seed: 42)
        let neurons: [Neuron] = (0..<6).map { _ in
            (generator.gaussian() * 2, generator.gaussian(), generator.uniform(-2, 2), generator.uniform(0, 1))
        }
        let numeric = neurons.flatMap { n -> [Double] in
            func cost(_ p: [Double]) -> Double {
                let a = Activation.sigmoid.value(p[0] * n.x + p[1])
                return -(n.y * log(a) + (1 - n.y) * log(1 - a))
            }
            return GradientCheck.numericGradient(of: cost, at: [n.w, n.b])
        }
        let analytic = try learnerGradients(neurons)
        try expectAllFinite(analytic, "(∂C/∂w, ∂C/∂b)")
        try expectGradient(
            Matrix(row: analytic), matches: Matrix(row: numeric), "(∂C/∂w, ∂C/∂b)",
            diagnoses: neuronMistakes(neurons))
    },
    Check(
        "Eq. 4.3 — trained from (2, 2) with your gradient, η = 0.15: the cost falls by more than 90% in 30 epochs (the quadratic cost: by under 1%)"
    ) {
        var (w, b) = (2.0, 2.0)
        func cost(_ w: Double, _ b: Double) -> Double { -log(1 - Activation.sigmoid.value(w + b)) }
        let before = cost(w, b)
        for _ in 0..<30 {
            let g = try crossEntropyGradient(weight: w, bias: b, x: 1, y: 0)
            w -= 0.15 * g.w
            b -= 0.15 * g.b
        }
        let drop = 1 - cost(w, b) / before
        try expect(
            drop > 0.9,
            "with your gradient the cost fell by \(formatted(100 * drop))% in 30 epochs, from \(formatted(before)) to \(formatted(cost(w, b))); the chapter's run falls by 94.3%",
            diagnosis: drop < 0.05 ? "the plateau is still there: is σ′(z) still a factor of your gradient?" : nil)
    },
]

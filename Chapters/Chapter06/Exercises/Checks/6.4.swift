// Checks of exercise 6.4 (Eq. 6.7): the 1-D case by hand, a one-hot δ, central differences on the
// §6.4 example and a non-square kernel, the core's Convolution2D over channels, and backpropagation
// through two stacked convolutions.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 6.7 — 1-D: input of length 4, kernel [2 3], δ = [1 10 100] give ∂C/∂x = [2 23 230 300]") {
        // z₀ = 2x₀ + 3x₁, z₁ = 2x₁ + 3x₂, z₂ = 2x₂ + 3x₃: x₁ feeds z₀ through 3 and z₁ through 2.
        let delta = Matrix(row: [1, 10, 100])
        let k = Matrix(row: [2, 3])
        try expectClose(
            try inputGradient(delta: delta, kernel: k), Matrix(row: [2, 23, 230, 300]), "∂C/∂x",
            diagnoses: inputGradientMistakes(delta, k))
    },
    Check("Eq. 6.7 — a δ with a single 1 at (1, 2) sends the kernel, unturned, back to the window at (1, 2)") {
        var delta = Matrix(rows: 3, columns: 3)
        delta[1, 2] = 1
        let k = Matrix([[1, 2, 3], [4, 5, 6]])
        // Output z₁₂ read x_{1+m, 2+n} through k_mn, so those pixels get k_mn and every other pixel 0.
        let expected = Matrix(rows: 4, columns: 5) { p, q in
            (1...2).contains(p) && (2...4).contains(q) ? k[p - 1, q - 2] : 0
        }
        try expectClose(
            try inputGradient(delta: delta, kernel: k), expected, "∂C/∂x", diagnoses: inputGradientMistakes(delta, k))
    },
    Check("Eq. 6.7 — central differences of C = ½ Σ (z − t)² in x: the example of §6.4 and a 5×6 input, 2×3 kernel") {
        var generator = SeededGenerator(seed: 67)
        let random = (
            x: Matrix.gaussian(5, 6, using: &generator), k: Matrix.gaussian(2, 3, using: &generator),
            t: Matrix.gaussian(4, 4, using: &generator)
        )
        let cases = [
            ("§6.4", BackpropExample.input, BackpropExample.kernel, BackpropExample.bias, BackpropExample.target),
            ("random", random.x, random.k, -0.2, random.t),
        ]
        for (name, x, k, b, t) in cases {
            let delta = coreCorrelation(x, k, bias: b) - t
            let numeric = GradientCheck.numericGradient(
                of: { x in
                    let d = coreCorrelation(x, k, bias: b) - t
                    return 0.5 * d.dot(d)
                }, at: x)
            try expectGradient(
                try inputGradient(delta: delta, kernel: k), matches: numeric, "∂C/∂x (\(name))",
                diagnoses: inputGradientMistakes(delta, k))
        }
    },
    Check("Eq. 6.7 — summed over 3 output channels, for each of 2 input channels: the core's Convolution2D.propagate") {
        var generator = SeededGenerator(seed: 68)
        let geometry = ConvolutionGeometry(
            inputChannels: 2, outputChannels: 3, inputHeight: 6, inputWidth: 5, kernelHeight: 2, kernelWidth: 3)
        let layer = Convolution2D(geometry: geometry, using: &generator)
        let input = FeatureMaps(channels: 2, batch: 2, height: 6, width: 5) { _, _, _, _ in generator.gaussian() }
        let delta = FeatureMaps(channels: 3, batch: 2, height: 5, width: 3) { _, _, _, _ in generator.gaussian() }
        let core = layer.propagate(delta: delta, cache: layer.forward(input).cache)
        for ci in 0..<2 {
            for e in 0..<2 {
                var sum = Matrix(rows: 6, columns: 5)
                for co in 0..<3 {
                    sum = try adding(
                        sum, "∂C/∂x",
                        try inputGradient(
                            delta: delta.map(channel: co, example: e), kernel: layer.kernel(output: co, input: ci)))
                }
                try inCase("input channel \(ci), example \(e), summed over the output channels") {
                    try expectClose(sum, core.map(channel: ci, example: e), "∂C/∂x")
                }
            }
        }
    },
    Check(
        "Eq. 6.7 — two convolutions with tanh between: your ∂C/∂x carries δ down, and the first kernel's gradient matches central differences"
    ) {
        // x → z¹ = x ⋆ k¹ → a¹ = tanh(z¹) → z² = a¹ ⋆ k² → C = ½ Σ (z² − t)².
        var generator = SeededGenerator(seed: 69)
        let x = Matrix.gaussian(7, 7, using: &generator)
        let k1 = Matrix.gaussian(3, 2, standardDeviation: 0.5, using: &generator)
        let k2 = Matrix.gaussian(2, 3, standardDeviation: 0.5, using: &generator)
        let t = Matrix.gaussian(4, 4, using: &generator)
        func cost(_ k1: Matrix) -> Double {
            let d = coreCorrelation(Activation.tanh.value(coreCorrelation(x, k1)), k2) - t
            return 0.5 * d.dot(d)
        }
        let z1 = coreCorrelation(x, k1)
        let delta2 = coreCorrelation(Activation.tanh.value(z1), k2) - t
        // δ¹ = ∂C/∂a¹ ⊙ f′(z¹), as BP2 does for dense layers.
        let below = try inputGradient(delta: delta2, kernel: k2)
        try shaped(below, like: z1, "∂C/∂a¹")
        let delta1 = below ⊙ Activation.tanh.derivative(z1)
        let gradient = DirectConvolution.crossCorrelate(x, delta1)
        try expectGradient(
            gradient, matches: GradientCheck.numericGradient(of: cost, at: k1), "∂C/∂k¹ through your ∂C/∂a¹")
    },
]

/// The classic wrong answers to Eq. 6.7, computed from the same δ and kernel.
func inputGradientMistakes(_ delta: Matrix, _ k: Matrix) -> [Diagnosis] {
    let (h, w) = (delta.rows + k.rows - 1, delta.columns + k.columns - 1)
    return [
        Diagnosis(
            "the kernel is not turned by 180°: Eq. 6.7 correlates the padded δ with rot₁₈₀(k), since x_pq met k_mn at output (p − m, q − n)"
        ) {
            DirectConvolution.crossCorrelate(zeroPadded(delta, rows: k.rows - 1, columns: k.columns - 1), k)
        },
        Diagnosis(
            "δ is not padded: Eq. 6.7 pads δ with F − 1 zeros on each side, so ∂C/∂x has the input's shape (OH + F_h − 1) × (OW + F_w − 1)"
        ) {
            delta.rows >= k.rows && delta.columns >= k.columns
                ? DirectConvolution.crossCorrelate(delta, DirectConvolution.rotated180(k)) : nil
        },
        Diagnosis(
            "δ is padded with F zeros instead of F − 1: ∂C/∂x must have the input's shape (OH + F_h − 1) × (OW + F_w − 1)"
        ) {
            Matrix(rows: h + 2, columns: w + 2)
        },
        Diagnosis("the kernel is transposed: k_mn connects x_{i+m, j+n} (m down, n across) to z_ij") {
            k.rows == k.columns && k.rows > 1 ? coreInputGradient(delta, k.transposed) : nil
        },
    ]
}

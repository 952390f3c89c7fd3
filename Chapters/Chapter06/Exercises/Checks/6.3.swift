// Checks of exercise 6.3 (Eq. 6.8, Eq. 6.9): the backward example of §6.4, central differences,
// the core's gradients over a mini-batch with two channels, and gradient descent that recovers a
// hidden kernel.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 6.8, Eq. 6.9 — the example of §6.4: ∂C/∂w = x ⋆ δ = [21 2.5; 31.5 30], ∂C/∂b = Σ δ = 16.5") {
        let x = BackpropExample.input
        let delta = BackpropExample.delta
        try expectClose(
            try kernelGradient(input: x, delta: delta), Matrix([[21, 2.5], [31.5, 30]]), "∂C/∂w",
            diagnoses: kernelGradientMistakes(x, delta))
        try expectClose(try biasGradient(delta: delta), 16.5, "∂C/∂b", diagnoses: biasGradientMistakes(delta))
    },
    Check("Eq. 6.8, Eq. 6.9 — central differences of C = ½ Σ (z − t)² in a 2×3 kernel and the bias (5×6 input)") {
        var generator = SeededGenerator(seed: 64)
        let x = Matrix.gaussian(5, 6, using: &generator)
        let k = Matrix.gaussian(2, 3, using: &generator)
        let b = 0.3
        let t = Matrix.gaussian(4, 4, using: &generator)
        func cost(_ k: Matrix, _ b: Double) -> Double {
            let d = coreCorrelation(x, k, bias: b) - t
            return 0.5 * d.dot(d)
        }
        let delta = coreCorrelation(x, k, bias: b) - t
        try expectGradient(
            try kernelGradient(input: x, delta: delta),
            matches: GradientCheck.numericGradient(of: { cost($0, b) }, at: k), "∂C/∂w",
            diagnoses: kernelGradientMistakes(x, delta))
        let numericB = GradientCheck.numericGradient(of: { cost(k, $0[0, 0]) }, at: Matrix(column: [b]))
        try expectGradient(
            Matrix(column: [try biasGradient(delta: delta)]), matches: numericB, "∂C/∂b",
            diagnoses: biasGradientMistakes(delta))
    },
    Check(
        "Eq. 6.8, Eq. 6.9 — summed over 3 examples, for 2 input and 2 output channels: the core's Convolution2D.gradients"
    ) {
        var generator = SeededGenerator(seed: 65)
        let geometry = ConvolutionGeometry(
            inputChannels: 2, outputChannels: 2, inputHeight: 6, inputWidth: 5, kernelHeight: 3, kernelWidth: 2)
        let layer = Convolution2D(geometry: geometry, using: &generator)
        let input = FeatureMaps(channels: 2, batch: 3, height: 6, width: 5) { _, _, _, _ in generator.gaussian() }
        let delta = FeatureMaps(channels: 2, batch: 3, height: 4, width: 4) { _, _, _, _ in generator.gaussian() }
        let core = layer.gradients(delta: delta, cache: layer.forward(input).cache)
        for co in 0..<2 {
            for ci in 0..<2 {
                // Rows of the core's ∂C/∂W: output channel co; columns ci·F_h·F_w … : input channel ci.
                let expected = Matrix(rows: 3, columns: 2) { m, n in core.weights[co, (ci * 3 + m) * 2 + n] }
                var sum = Matrix(rows: 3, columns: 2)
                for e in 0..<3 {
                    sum = try adding(
                        sum, "∂C/∂w",
                        try kernelGradient(
                            input: input.map(channel: ci, example: e), delta: delta.map(channel: co, example: e)))
                }
                try inCase("the kernel of output channel \(co) on input channel \(ci), summed over the examples") {
                    try expectClose(sum, expected, "∂C/∂w")
                }
            }
            var bias = 0.0
            for e in 0..<3 { bias += try biasGradient(delta: delta.map(channel: co, example: e)) }
            try inCase("output channel \(co), summed over the examples") {
                try expectClose(bias, core.biases[co, 0], "∂C/∂b")
            }
        }
    },
    Check("Eq. 6.8, Eq. 6.9 — gradient descent with your gradients recovers a hidden kernel (Sobel x) and bias") {
        // Targets made by a kernel the learner's gradients have to find: t = x ⋆ Sobel x + 0.5.
        var generator = SeededGenerator(seed: 66)
        let sobelX = Matrix([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
        let images = (0..<6).map { _ in Matrix.gaussian(8, 8, using: &generator) }
        let targets = images.map { coreCorrelation($0, sobelX, bias: 0.5) }
        var k = Matrix(rows: 3, columns: 3)
        var b = 0.0
        let eta = 0.01
        var firstCost = 0.0
        var lastCost = 0.0
        for step in 0..<300 {
            var gradK = Matrix(rows: 3, columns: 3)
            var gradB = 0.0
            var cost = 0.0
            for (x, t) in zip(images, targets) {
                // C = mean over the images of ½ Σ (z − t)², so δ = (z − t)/m.
                let delta = (coreCorrelation(x, k, bias: b) - t) / Double(images.count)
                cost += 0.5 * Double(images.count) * delta.dot(delta)
                gradK = try adding(gradK, "∂C/∂w", try kernelGradient(input: x, delta: delta))
                gradB += try biasGradient(delta: delta)
            }
            if step == 0 { firstCost = cost }
            lastCost = cost
            k = k - eta * gradK
            b -= eta * gradB
        }
        try expect(
            lastCost.isFinite && lastCost < 1e-6 * firstCost,
            "after 300 steps of gradient descent with η = \(formatted(eta)) the cost went from \(formatted(firstCost)) "
                + "to \(formatted(lastCost)); with the right gradients it falls below a millionth of where it started",
            diagnosis: lastCost > firstCost || !lastCost.isFinite
                ? "the cost grew: a gradient with the wrong sign, or too large (a missing 1/m?) makes the step climb"
                : nil)
        try expectClose(k, sobelX, "the learned kernel", tolerance: 1e-4)
        try expectClose(b, 0.5, "the learned bias", tolerance: 1e-4)
    },
]

/// The classic wrong answers to Eq. 6.8, computed from the same input and δ.
func kernelGradientMistakes(_ x: Matrix, _ delta: Matrix) -> [Diagnosis] {
    let positions = Double(delta.count)
    return [
        Diagnosis(
            "δ is turned by 180° (a true convolution, Eq. 6.2): Eq. 6.8 pairs δ_ij with x_{i+m, j+n}, a correlation"
        ) {
            coreCorrelation(x, DirectConvolution.rotated180(delta))
        },
        Diagnosis(
            "the sum over positions is averaged: Eq. 6.8 adds δ_ij x_{i+m, j+n} over every (i, j), with no division"
        ) {
            coreCorrelation(x, delta) / positions
        },
        Diagnosis("δ is transposed: δ_ij multiplies x_{i+m, j+n} with i down and j across") {
            delta.rows == delta.columns && x.rows == x.columns ? coreCorrelation(x, delta.transposed) : nil
        },
        Diagnosis("only the first output position is used: ∂C/∂k_mn sums δ_ij x_{i+m, j+n} over every position (i, j)")
        {
            Matrix(rows: x.rows - delta.rows + 1, columns: x.columns - delta.columns + 1) { m, n in
                delta[0, 0] * x[m, n]
            }
        },
    ]
}

/// The classic wrong answers to Eq. 6.9.
func biasGradientMistakes(_ delta: Matrix) -> [Diagnosis] {
    [
        Diagnosis(
            "∂C/∂b is averaged over the positions: Eq. 6.9 is the sum Σ δ_ij, the bias touches every output with weight 1",
            scalar: { delta.sum() / Double(delta.count) }),
        Diagnosis(
            "only the first row of δ is summed: Eq. 6.9 sums over every position (i, j)",
            scalar: { delta.row(0).reduce(0, +) }),
        Diagnosis("the sum of |δ| or δ²: Eq. 6.9 sums δ itself", scalar: { delta.elements.reduce(0) { $0 + $1 * $1 } }),
    ]
}

// Batch normalization's forward pass and state, pinned exactly: the initial γ and β, the
// normalized output's mean and variance, the running-average rule (momentum convention and the
// unbiased variance), inference on the running statistics, and the degenerate batch of one.

import NeuralCore
import TestSupport
import Testing

/// One forward pass on a copy's state (the layer is updated in place in training mode).
private func forward(_ layer: inout BatchNormalization, _ input: FeatureMaps, _ mode: LayerMode) -> FeatureMaps {
    var cache = layer.makeCache()
    var generator = SeededGenerator(seed: 1)
    return layer.forward(input, mode: mode, cache: &cache, generator: &generator)
}

/// Flat inputs: one row per feature, one column per example.
private func flat(_ rows: [[Double]]) -> FeatureMaps {
    let values = Matrix(rows)
    return FeatureMaps(channels: values.rows, batch: values.columns, height: 1, width: 1, values: values)
}

/// Row c's mean and biased variance.
private func statistics(_ m: Matrix, row c: Int) -> (mean: Double, variance: Double) {
    let entries = m.row(c)
    let mean = entries.reduce(0, +) / Double(entries.count)
    let variance = entries.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(entries.count)
    return (mean, variance)
}

@Suite("Batch normalization — forward pass, running averages, inference")
struct BatchNormalizationTests {
    @Test("γ = 1 and β = 0 at initialization, running mean 0 and variance 1, neither parameter penalized")
    func initialization() {
        let layer = BatchNormalization(channels: 4)
        #expect(layer.gamma == Matrix(rows: 4, columns: 1, repeating: 1))
        #expect(layer.beta == Matrix(rows: 4, columns: 1, repeating: 0))
        #expect(layer.runningMean == Matrix(rows: 4, columns: 1, repeating: 0))
        #expect(layer.runningVariance == Matrix(rows: 4, columns: 1, repeating: 1))
        #expect(layer.parameters == [layer.gamma, layer.beta])
        #expect(layer.isPenalized == [false, false])
        #expect(layer.epsilon == 1e-5 && layer.momentum == 0.1)
        #expect(
            layer.outputShape(for: MapShape(channels: 4, height: 5, width: 5))
                == MapShape(channels: 4, height: 5, width: 5))
        #expect(layer.outputShape(for: .features(3)) == nil)
    }

    @Test(
        "Eq. 5.19 — a training-mode forward has mean 0 and variance σ²/(σ² + ε) per feature or channel",
        arguments: [true, false])
    func normalizedOutput(isFlat: Bool) {
        var generator = SeededGenerator(seed: 61)
        let input =
            isFlat
            ? FeatureMaps(channels: 3, batch: 16, height: 1, width: 1) { c, _, _, _ in
                5 * Double(c) + 0.1 * generator.gaussian()
            }
            : FeatureMaps(channels: 3, batch: 4, height: 3, width: 3) { c, _, _, _ in
                5 * Double(c) + 0.1 * generator.gaussian()
            }
        var layer = BatchNormalization(channels: 3, epsilon: 0.01)  // ε visible: σ² ≈ 0.01
        let output = forward(&layer, input, .training)
        for c in 0..<3 {
            let batchVariance = statistics(input.values, row: c).variance
            let (mean, variance) = statistics(output.values, row: c)
            expectClose(mean, 0, tolerance: Tolerance.exactArithmetic, "mean of channel \(c)")
            expectClose(
                variance, batchVariance / (batchVariance + 0.01), tolerance: Tolerance.exactArithmetic,
                "variance of channel \(c)")
            #expect(abs(variance - 1) > 0.2, "ε = 0.01 against σ² ≈ 0.01 must show")
        }
        // With the default ε = 1e-5 and σ² ≈ 0.01 the variance is 1 up to ε/σ² ≈ 1e-3.
        var standard = BatchNormalization(channels: 3)
        let standardOutput = forward(&standard, input, .training)
        for c in 0..<3 {
            let batchVariance = statistics(input.values, row: c).variance
            expectClose(
                statistics(standardOutput.values, row: c).variance, 1 - 1e-5 / (batchVariance + 1e-5),
                tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test("Eq. 5.19 — y = γx̂ + β: mean β and standard deviation |γ|·√(σ²/(σ² + ε)) per feature")
    func scaleAndShift() {
        var layer = BatchNormalization(features: 2)
        layer.gamma = Matrix(column: [2, -0.5])
        layer.beta = Matrix(column: [1, 3])
        let input = flat([[1, 2, 3, 6], [0, 4, 4, 8]])
        let output = forward(&layer, input, .training)
        for c in 0..<2 {
            let batchVariance = statistics(input.values, row: c).variance
            let (mean, variance) = statistics(output.values, row: c)
            expectClose(mean, layer.beta[c, 0], tolerance: Tolerance.exactArithmetic)
            expectClose(
                variance, layer.gamma[c, 0] * layer.gamma[c, 0] * batchVariance / (batchVariance + 1e-5),
                tolerance: Tolerance.exactArithmetic)
        }
        // Entry by entry: x = 1 in row 0 has μ = 3, σ² = 3.5, so y = 2·(1 − 3)/√3.50001 + 1.
        expectClose(
            output.values[0, 0], 2 * (1 - 3) / (3.5 + 1e-5).squareRoot() + 1, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.20 — running averages: μ̄ ← 0.9μ̄ + 0.1μ, σ̄² ← 0.9σ̄² + 0.1·mσ²/(m − 1), over two steps")
    func runningAverages() {
        var layer = BatchNormalization(features: 2)
        // Row 0: μ = 3, biased σ² = 14/4, unbiased 14/3. Row 1: μ = 4, biased 32/4, unbiased 32/3.
        _ = forward(&layer, flat([[1, 2, 3, 6], [0, 4, 4, 8]]), .training)
        expectClose(layer.runningMean[0, 0], 0.3, tolerance: 1e-15)
        expectClose(layer.runningMean[1, 0], 0.4, tolerance: 1e-15)
        expectClose(layer.runningVariance[0, 0], 0.9 + 0.1 * 14 / 3, tolerance: 1e-15)
        expectClose(layer.runningVariance[1, 0], 0.9 + 0.1 * 32 / 3, tolerance: 1e-15)
        // A second batch: row 0 μ = 1, unbiased σ² = 8/3; row 1 μ = −2, unbiased σ² = 0.
        _ = forward(&layer, flat([[-1, 1, 1, 3], [-2, -2, -2, -2]]), .training)
        expectClose(layer.runningMean[0, 0], 0.9 * 0.3 + 0.1 * 1, tolerance: 1e-15)
        expectClose(layer.runningMean[1, 0], 0.9 * 0.4 + 0.1 * -2, tolerance: 1e-15)
        expectClose(layer.runningVariance[0, 0], 0.9 * (0.9 + 0.1 * 14 / 3) + 0.1 * 8 / 3, tolerance: 1e-15)
        expectClose(layer.runningVariance[1, 0], 0.9 * (0.9 + 0.1 * 32 / 3), tolerance: 1e-15)
    }

    @Test("Eq. 5.20 — another momentum, and feature maps count m = B·H·W entries per channel")
    func runningAveragesOfMaps() {
        var layer = BatchNormalization(channels: 1, momentum: 0.25)
        // Two examples of 1×2 maps: the channel's m = 4 entries are 1, 2, 3, 6 (μ = 3, unbiased 14/3);
        // an m = B = 2 correction would give 2·3.5 = 7 instead.
        let input = FeatureMaps(channels: 1, batch: 2, height: 1, width: 2, values: Matrix([[1, 2, 3, 6]]))
        _ = forward(&layer, input, .training)
        expectClose(layer.runningMean[0, 0], 0.25 * 3, tolerance: 1e-15)
        expectClose(layer.runningVariance[0, 0], 0.75 + 0.25 * 14 / 3, tolerance: 1e-15)
    }

    @Test("Eq. 5.21 — inference normalizes with the running statistics, not the batch's, and changes no state")
    func inferenceUsesRunningStatistics() {
        var layer = BatchNormalization(features: 2)
        layer.runningMean = Matrix(column: [2, -1])
        layer.runningVariance = Matrix(column: [4, 0.25])
        layer.gamma = Matrix(column: [1.5, 1])
        layer.beta = Matrix(column: [0.5, 0])
        let input = flat([[1, 2, 3, 6], [0, 4, 4, 8]])
        let before = layer
        let output = forward(&layer, input, .inference)
        for c in 0..<2 {
            for i in 0..<4 {
                let expected =
                    before.gamma[c, 0] * (input.values[c, i] - before.runningMean[c, 0])
                    / (before.runningVariance[c, 0] + 1e-5).squareRoot() + before.beta[c, 0]
                expectClose(output.values[c, i], expected, tolerance: Tolerance.exactArithmetic)
            }
        }
        // x = 2 in row 0 sits at the running mean: its output is β = 0.5 exactly.
        #expect(output.values[0, 1] == 0.5)
        // Each example alone gives the same output: nothing depends on the rest of the batch.
        for i in 0..<4 {
            var single = before
            let alone = forward(&single, flat([[input.values[0, i]], [input.values[1, i]]]), .inference)
            #expect(alone.values.column(0) == output.values.column(i))
        }
        #expect(layer.runningMean == before.runningMean && layer.runningVariance == before.runningVariance)
        // The training-mode output of the same batch is different (it uses μ = 3, σ² = 3.5 in row 0).
        var training = before
        #expect((forward(&training, input, .training).values - output.values).maxAbs() > 0.5)
    }

    @Test("Eq. 5.19, 5.25 — batch size 1 on flat inputs: the output is β whatever the input, the input gradient 0")
    func batchOfOne() {
        var layer = BatchNormalization(features: 3)
        layer.gamma = Matrix(column: [2, -1, 0.5])
        layer.beta = Matrix(column: [0.25, -3, 7])
        let before = layer
        for x in [[1.0, -2, 1e6], [0, 0, 0], [-5, 42, 0.001]] {
            var probe = before
            var cache = probe.makeCache()
            var generator = SeededGenerator(seed: 1)
            let output = probe.forward(flat(x.map { [$0] }), mode: .training, cache: &cache, generator: &generator)
            #expect(output.values == before.beta)
            let g = FeatureMaps(channels: 3, batch: 1, height: 1, width: 1, values: Matrix(column: [0.7, -1.3, 2]))
            let gradients = probe.backward(g, cache: &cache, needsInputGradient: true)
            #expect(gradients.input?.values == Matrix(rows: 3, columns: 1))
            #expect(gradients.parameters[0] == Matrix(rows: 3, columns: 1), "x̂ = 0, so ∂C/∂γ = Σ g x̂ = 0")
            #expect(gradients.parameters[1] == g.values, "∂C/∂β = g (B = 1)")
            // The running mean moves towards x; the running variance (unbiased: 0/0) stays.
            for c in 0..<3 {
                expectClose(probe.runningMean[c, 0], 0.1 * x[c], tolerance: 1e-15)
            }
            #expect(probe.runningVariance == before.runningVariance)
        }
    }

    @Test("Eq. 5.19, 5.25 — batch size 2 on flat inputs: x̂ = ±σ/√(σ² + ε), so the input gradient is only O(ε)")
    func batchOfTwo() {
        // With d = (x₁ − x₂)/2: μ = (x₁ + x₂)/2, σ² = d², x̂₁ = −x̂₂ = u(d) = d/√(d² + ε), and
        // C = g₁y₁ + g₂y₂ = γ(g₁ − g₂)u(d) + const, so ∂C/∂x₁ = −∂C/∂x₂ = γ(g₁ − g₂)u′(d)/2 with
        // u′(d) = ε/(d² + ε)^(3/2).
        var layer = BatchNormalization(features: 1)
        layer.gamma = Matrix(column: [1.5])
        let (x1, x2, g1, g2) = (0.7, -0.4, 1.2, -0.3)
        var cache = layer.makeCache()
        var generator = SeededGenerator(seed: 1)
        let output = layer.forward(flat([[x1, x2]]), mode: .training, cache: &cache, generator: &generator)
        let d = (x1 - x2) / 2
        let u = d / (d * d + 1e-5).squareRoot()
        expectClose(output.values[0, 0], 1.5 * u, tolerance: Tolerance.exactArithmetic)
        expectClose(output.values[0, 1], -1.5 * u, tolerance: Tolerance.exactArithmetic)
        let gradients = layer.backward(flat([[g1, g2]]), cache: &cache, needsInputGradient: true)
        let expected = 1.5 * (g1 - g2) * 1e-5 / ((d * d + 1e-5) * (d * d + 1e-5).squareRoot()) / 2
        let dx = try! #require(gradients.input).values
        // Relative to the gradient's own size (about 1e-5): the bracket of Eq. 5.25 cancels to ε/σ².
        #expect(abs(dx[0, 0] - expected) <= 1e-9 * abs(expected))
        #expect(abs(dx[0, 1] + expected) <= 1e-9 * abs(expected))
    }

    @Test("Eq. 5.19 — a single example's feature maps (m = H·W > 1) still normalize per channel")
    func singleExampleMaps() {
        var layer = BatchNormalization(channels: 1)
        let input = FeatureMaps(channels: 1, batch: 1, height: 2, width: 2, values: Matrix([[1, 2, 3, 6]]))
        let output = forward(&layer, input, .training)
        let (mean, variance) = statistics(output.values, row: 0)
        expectClose(mean, 0, tolerance: Tolerance.exactArithmetic)
        expectClose(variance, 3.5 / (3.5 + 1e-5), tolerance: Tolerance.exactArithmetic)
        expectClose(layer.runningVariance[0, 0], 0.9 + 0.1 * 14 / 3, tolerance: 1e-15)
    }
}

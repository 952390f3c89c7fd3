// Batch normalization's backward pass (Eq. 5.22–5.25) checked three ways, for batch sizes 1, 2
// and 16, on flat inputs and on feature maps: the hand-written backward against central
// differences (`GradientCheck.layer`) and against a scalar reverse-mode tape (`Value`) that
// rebuilds Eq. 5.18–5.19 entry by entry and differentiates them itself.

import NeuralCore
import TestSupport
import Testing

/// One configuration of the checks: a batch size and whether the input is flat or feature maps.
struct BatchNormCase: Sendable, CustomTestStringConvertible {
    let batch: Int
    let isFlat: Bool

    var shape: MapShape { isFlat ? .features(3) : MapShape(channels: 2, height: 3, width: 2) }
    /// m = B·H·W, the entries each channel's statistics average over.
    var entriesPerChannel: Int { batch * shape.height * shape.width }
    var testDescription: String { "batch \(batch), \(isFlat ? "flat 3 features" : "maps 2×3×2")" }

    static let all: [BatchNormCase] = [1, 2, 16].flatMap {
        [BatchNormCase(batch: $0, isFlat: true), BatchNormCase(batch: $0, isFlat: false)]
    }

    /// Inputs with a different mean and spread in each channel, γ and β away from 1 and 0.
    func make(seed: UInt64) -> (layer: BatchNormalization, input: FeatureMaps) {
        var generator = SeededGenerator(seed: seed)
        var layer = BatchNormalization(channels: shape.channels)
        layer.gamma = Matrix.uniform(shape.channels, 1, low: 0.5, high: 2, using: &generator)
        layer.beta = Matrix.gaussian(shape.channels, 1, standardDeviation: 1, using: &generator)
        layer.runningMean = Matrix.gaussian(shape.channels, 1, standardDeviation: 1, using: &generator)
        layer.runningVariance = Matrix.uniform(shape.channels, 1, low: 0.5, high: 3, using: &generator)
        let input = FeatureMaps(
            channels: shape.channels, batch: batch, height: shape.height, width: shape.width
        ) { c, _, _, _ in Double(c) - 0.5 + (1 + Double(c)) * generator.gaussian() }
        return (layer, input)
    }
}

/// The gradients of C = ⟨g, y⟩ computed on the tape from Eq. 5.18–5.19 (training) or Eq. 5.21
/// (inference), with nothing shared with `BatchNormalization.backward`: ∂C/∂x, and ∂C/∂γ, ∂C/∂β
/// divided by the batch size B.
private func tapeGradients(
    _ layer: BatchNormalization, input: FeatureMaps, upstream g: Matrix, mode: LayerMode
) -> (input: Matrix, gamma: Matrix, beta: Matrix) {
    let m = input.values.columns
    var dx = Matrix(rows: input.channels, columns: m)
    var dGamma = Matrix(rows: input.channels, columns: 1)
    var dBeta = Matrix(rows: input.channels, columns: 1)
    for c in 0..<input.channels {
        let x = (0..<m).map { Value(input.values[c, $0]) }
        let gamma = Value(layer.gamma[c, 0])
        let beta = Value(layer.beta[c, 0])
        let mean: Value
        let variance: Value
        switch mode {
        case .training:
            mean = Value.sum(x) / Double(m)
            variance = Value.sum(x.map { ($0 - mean).power(2) }) / Double(m)
        case .inference:
            mean = Value(layer.runningMean[c, 0])
            variance = Value(layer.runningVariance[c, 0])
        }
        let standardDeviation = (variance + layer.epsilon).power(0.5)
        let y = x.map { gamma * (($0 - mean) / standardDeviation) + beta }
        let cost = Value.sum((0..<m).map { y[$0] * g[c, $0] })
        cost.backward()
        for i in 0..<m { dx[c, i] = x[i].grad }
        // The `Layer` convention: parameter gradients of the mean over the B examples.
        dGamma[c, 0] = gamma.grad / Double(input.batch)
        dBeta[c, 0] = beta.grad / Double(input.batch)
    }
    return (dx, dGamma, dBeta)
}

@Suite("Batch normalization — backward through the batch statistics, three ways")
struct BatchNormalizationGradientTests {
    @Test(
        "Eq. 5.22–5.25 — batch norm's backward against central differences (GradientCheck.layer), training mode",
        arguments: BatchNormCase.all)
    func centralDifferences(_ example: BatchNormCase) {
        let (layer, input) = example.make(seed: 51)
        let report = GradientCheck.layer(layer, input: input, mode: .training, floor: Tolerance.centralDifferenceFloor)
        #expect(report.maxRelativeError <= Tolerance.gradientCheckSmooth, "\(report)")
    }

    @Test(
        "Eq. 5.21 — inference-mode backward (constant running statistics) against central differences",
        arguments: BatchNormCase.all)
    func centralDifferencesInference(_ example: BatchNormCase) {
        let (layer, input) = example.make(seed: 52)
        let report = GradientCheck.layer(layer, input: input, mode: .inference, floor: Tolerance.centralDifferenceFloor)
        #expect(report.maxRelativeError <= Tolerance.gradientCheckSmooth, "\(report)")
    }

    @Test(
        "Eq. 5.22–5.25 — batch norm's backward equals the reverse-mode tape of Eq. 5.18–5.19",
        arguments: BatchNormCase.all)
    func tapeTraining(_ example: BatchNormCase) {
        compareWithTape(example, mode: .training, seed: 53)
    }

    @Test(
        "Eq. 5.21 — inference-mode backward equals the reverse-mode tape of Eq. 5.21",
        arguments: BatchNormCase.all)
    func tapeInference(_ example: BatchNormCase) {
        compareWithTape(example, mode: .inference, seed: 54)
    }

    private func compareWithTape(_ example: BatchNormCase, mode: LayerMode, seed: UInt64) {
        var (layer, input) = example.make(seed: seed)
        let tapeLayer = layer  // the parameters and running averages before the forward pass
        var upstreamGenerator = SeededGenerator(seed: seed + 100)
        let g = Matrix.gaussian(
            input.values.rows, input.values.columns, standardDeviation: 1, using: &upstreamGenerator)
        var cache = layer.makeCache()
        var generator = SeededGenerator(seed: 1)
        let output = layer.forward(input, mode: mode, cache: &cache, generator: &generator)
        let analytic = layer.backward(
            FeatureMaps(
                channels: output.channels, batch: output.batch, height: output.height, width: output.width, values: g),
            cache: &cache, needsInputGradient: true)
        let tape = tapeGradients(tapeLayer, input: input, upstream: g, mode: mode)
        let dx = try! #require(analytic.input).values
        expectClose(dx, tape.input, tolerance: Tolerance.twoAnalyticGradients, "∂C/∂x")
        expectClose(analytic.parameters[0], tape.gamma, tolerance: Tolerance.twoAnalyticGradients, "∂C/∂γ")
        expectClose(analytic.parameters[1], tape.beta, tolerance: Tolerance.twoAnalyticGradients, "∂C/∂β")
        // The check must have something to compare: the input gradient is 0 at m = 1 and only O(ε)
        // at m = 2 (both pinned exactly in BatchNormalizationTests), of order 1 otherwise.
        if example.entriesPerChannel > 2 || mode == .inference { #expect(dx.maxAbs() > 0.01) }
    }

    @Test("Eq. 5.25 — the simplified form treating μ and σ² as constants is wrong, and the checks see it")
    func constantStatisticsFormulaFails() {
        // The tempting shortcut ∂C/∂xᵢ = γ gᵢ / √(σ² + ε) leaves out the paths through μ and σ².
        let (layer, input) = BatchNormCase(batch: 16, isFlat: true).make(seed: 55)
        var upstreamGenerator = SeededGenerator(seed: 56)
        let g = Matrix.gaussian(
            input.values.rows, input.values.columns, standardDeviation: 1, using: &upstreamGenerator)
        let tape = tapeGradients(layer, input: input, upstream: g, mode: .training)
        var probe = layer
        var cache = probe.makeCache()
        var generator = SeededGenerator(seed: 1)
        _ = probe.forward(input, mode: .training, cache: &cache, generator: &generator)
        let shortcut = Matrix(rows: g.rows, columns: g.columns) { c, i in
            layer.gamma[c, 0] * g[c, i] * cache.inverseStandardDeviation[c]
        }
        #expect((shortcut - tape.input).maxAbs() > 0.05)
    }
}

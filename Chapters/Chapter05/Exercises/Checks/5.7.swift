// Checks of exercise 5.7 (batch normalization's backward, Eq. 5.22–5.25): the mini-batch 1, 2, 3, 6
// against the three paths of Eq. 5.24 written out, central differences and GradientCheck.layer on
// the learner's layer, feature maps against the core's BatchNormalization, and a network trained
// with the learner's layer inside.

import ExerciseKit
import Foundation
import NeuralCore

/// A training-mode forward pass of the core's batch normalization, for its cache.
func normalized(_ x: FeatureMaps, gamma: Matrix, beta: Matrix) -> (
    layer: BatchNormalization, cache: BatchNormalization.Cache
) {
    var layer = BatchNormalization(channels: x.channels)
    layer.parameters = [gamma, beta]
    var cache = layer.makeCache()
    var generator = SeededGenerator(seed: 0)
    _ = layer.forward(x, mode: .training, cache: &cache, generator: &generator)
    return (layer, cache)
}

/// The learner's three gradients as one row [∂C/∂x…, ∂C/∂γ…, ∂C/∂β…].
func learnerRow(_ g: Matrix, _ cache: BatchNormalization.Cache, _ gamma: Matrix) throws -> Matrix {
    let result = try batchNormBackward(
        outputGradient: g, xHat: cache.xHat, inverseStandardDeviation: cache.inverseStandardDeviation, gamma: gamma,
        batch: cache.batch)
    return Matrix(row: result.input.elements + result.gamma.elements + result.beta.elements)
}

/// Eq. 5.24 path by path from x itself (μ, σ², ∂C/∂σ², ∂C/∂μ of Eq. 5.18 and 5.23), with the
/// parameter gradients of Eq. 5.22 divided by B. Switches leave out a path, for the diagnoses.
func threePaths(
    x: Matrix, g: Matrix, gamma: Matrix, batch: Int, epsilon: Double = 1e-5, throughMean: Bool = true,
    throughVariance: Bool = true, useGamma: Bool = true, parameterDivisor: Double? = nil
) -> Matrix {
    let m = x.columns
    var dx = Matrix(rows: x.rows, columns: m)
    var dGamma: [Double] = []
    var dBeta: [Double] = []
    for c in 0..<x.rows {
        let row = (0..<m).map { x[c, $0] }
        let mu = row.reduce(0, +) / Double(m)
        let variance = row.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(m)
        let s = (variance + epsilon).squareRoot()
        let xHat = row.map { ($0 - mu) / s }
        let dXHat = (0..<m).map { (useGamma ? gamma[c, 0] : 1) * g[c, $0] }
        let dVariance = -0.5 * pow(variance + epsilon, -1.5) * (0..<m).reduce(0) { $0 + dXHat[$1] * (row[$1] - mu) }
        let dMean = -(1 / s) * dXHat.reduce(0, +)
        for i in 0..<m {
            dx[c, i] =
                dXHat[i] / s + (throughMean ? dMean / Double(m) : 0)
                + (throughVariance ? dVariance * 2 * (row[i] - mu) / Double(m) : 0)
        }
        let divisor = parameterDivisor ?? Double(batch)
        dGamma.append((0..<m).reduce(0) { $0 + g[c, $1] * xHat[$1] } / divisor)
        dBeta.append((0..<m).reduce(0) { $0 + g[c, $1] } / divisor)
    }
    return Matrix(row: dx.elements + dGamma + dBeta)
}

/// The classic wrong answers for the same inputs.
func batchNormMistakes(x: Matrix, g: Matrix, gamma: Matrix, batch: Int) -> [Diagnosis] {
    func without(
        throughMean: Bool = true, throughVariance: Bool = true, useGamma: Bool = true, parameterDivisor: Double? = nil
    ) -> @Sendable () -> Matrix? {
        {
            threePaths(
                x: x, g: g, gamma: gamma, batch: batch, throughMean: throughMean, throughVariance: throughVariance,
                useGamma: useGamma, parameterDivisor: parameterDivisor)
        }
    }
    return [
        Diagnosis(
            "μ and σ² were treated as constants: your ∂C/∂x is only the first term of Eq. 5.25, γg/√(σ² + ε), the gradient of inference mode (5.21); in training every xᵢ also moves μ and σ², subtract (1/m)Σⱼ∂C/∂x̂ⱼ and x̂ᵢ(1/m)Σⱼ∂C/∂x̂ⱼx̂ⱼ",
            without(throughMean: false, throughVariance: false)),
        Diagnosis(
            "the path through μ is missing: subtract (1/m) Σⱼ ∂C/∂x̂ⱼ inside the bracket of Eq. 5.25",
            without(throughMean: false)),
        Diagnosis(
            "the path through σ² is missing: subtract x̂ᵢ (1/m) Σⱼ ∂C/∂x̂ⱼ x̂ⱼ inside the bracket of Eq. 5.25",
            without(throughVariance: false)),
        Diagnosis("γ is missing from ∂C/∂x: ∂C/∂x̂ᵢ = γ gᵢ, since yᵢ = γx̂ᵢ + β", without(useGamma: false)),
        Diagnosis(
            "∂C/∂γ and ∂C/∂β are not divided by the B examples: a Layer returns its parameter gradients of the mean cost (Eq. 5.22 / B)",
            without(parameterDivisor: 1)),
        Diagnosis(
            "∂C/∂γ and ∂C/∂β are divided by m = B·H·W, the entries per channel; the Layer convention divides by the B examples",
            without(parameterDivisor: Double(x.columns))),
    ]
}

let checks: [Check] = [
    Check(
        "Eq. 5.22–5.25 — one feature on the mini-batch 1, 2, 3, 6 (γ = 1.5, β = 0.2, g = (0.1, −0.3, 0.2, 0.4)): ∂C/∂x, ∂C/∂γ, ∂C/∂β along the three paths of Eq. 5.24"
    ) {
        let x = Matrix(row: [1, 2, 3, 6])
        let g = Matrix(row: [0.1, -0.3, 0.2, 0.4])
        let gamma = Matrix(column: [1.5])
        let (_, cache) = normalized(
            FeatureMaps(channels: 1, batch: 4, height: 1, width: 1, values: x), gamma: gamma,
            beta: Matrix(column: [0.2]))
        try expectClose(
            try learnerRow(g, cache, gamma), threePaths(x: x, g: g, gamma: gamma, batch: 4),
            "(∂C/∂x₁…∂C/∂x₄, ∂C/∂γ, ∂C/∂β)", diagnoses: batchNormMistakes(x: x, g: g, gamma: gamma, batch: 4))
    },
    Check(
        "Eq. 5.25 — your layer against central differences of its forward pass (3 features, 8 examples; GradientCheck.layer)"
    ) {
        var generator = SeededGenerator(seed: 57)
        let x = Matrix.gaussian(3, 8, standardDeviation: 2, using: &generator).addingToEachColumn(
            Matrix(column: [1, -3, 0.5]))
        let gamma = Matrix.uniform(3, 1, low: 0.5, high: 2, using: &generator)
        let beta = Matrix.gaussian(3, 1, using: &generator)
        let g = Matrix.gaussian(3, 8, using: &generator)
        let input = FeatureMaps(channels: 3, batch: 8, height: 1, width: 1, values: x)
        let (_, cache) = normalized(input, gamma: gamma, beta: beta)
        // ⟨g, y⟩ has ∂/∂y = g; its parameter gradients are divided by B = 8 (the Layer convention).
        func objective(_ x: Matrix, _ gamma: Matrix, _ beta: Matrix) -> Double {
            let maps = FeatureMaps(channels: 3, batch: 8, height: 1, width: 1, values: x)
            var (layer, cache) = normalized(maps, gamma: gamma, beta: beta)
            var generator = SeededGenerator(seed: 0)
            return layer.forward(maps, mode: .training, cache: &cache, generator: &generator).values.dot(g)
        }
        let numeric =
            GradientCheck.numericGradient(of: { objective($0, gamma, beta) }, at: x).elements
            + (GradientCheck.numericGradient(of: { objective(x, $0, beta) }, at: gamma) / 8).elements
            + (GradientCheck.numericGradient(of: { objective(x, gamma, $0) }, at: beta) / 8).elements
        let analytic = try learnerRow(g, cache, gamma)
        try expectAllFinite(analytic.elements, "(∂C/∂x, ∂C/∂γ, ∂C/∂β)")
        try expectGradient(
            analytic, matches: Matrix(row: numeric), "(∂C/∂x, ∂C/∂γ, ∂C/∂β)",
            diagnoses: batchNormMistakes(x: x, g: g, gamma: gamma, batch: 8))
        var layer = MyBatchNormalization(features: 3)
        layer.parameters = [gamma, beta]
        let report = GradientCheck.layer(layer, input: input)
        try expect(
            report.maxRelativeError < 1e-6,
            "GradientCheck.layer on your layer: largest relative error \(formatted(report.maxRelativeError))\n\(report)"
        )
    },
    Check(
        "Eq. 5.22–5.25 — feature maps (2 channels, batch 3, 4 × 4): statistics over m = B·H·W = 48 entries, parameter gradients divided by B = 3; equal to the core's BatchNormalization.backward"
    ) {
        var generator = SeededGenerator(seed: 157)
        let x = Matrix.gaussian(2, 48, standardDeviation: 1.5, using: &generator)
        let gamma = Matrix(column: [0.8, 1.7])
        let g = Matrix.gaussian(2, 48, using: &generator)
        let input = FeatureMaps(channels: 2, batch: 3, height: 4, width: 4, values: x)
        var (layer, cache) = normalized(input, gamma: gamma, beta: Matrix(column: [0.1, -0.2]))
        _ = layer
        let core = layer.backward(
            FeatureMaps(channels: 2, batch: 3, height: 4, width: 4, values: g), cache: &cache, needsInputGradient: true)
        let expected = Matrix(
            row: core.input!.values.elements + core.parameters[0].elements + core.parameters[1].elements)
        try expectClose(
            try learnerRow(g, cache, gamma), expected, "(∂C/∂x, ∂C/∂γ, ∂C/∂β)",
            diagnoses: batchNormMistakes(x: x, g: g, gamma: gamma, batch: 3))
    },
    Check(
        "Eq. 5.22–5.25 — a [2, 16, batch norm, ReLU, 3] network trained 10 epochs on three spiral arms with your layer: the same weights as with the core's BatchNormalization"
    ) {
        let probe = Matrix(row: [0, 0])
        _ = try batchNormBackward(
            outputGradient: probe, xHat: probe, inverseStandardDeviation: [1], gamma: Matrix(column: [1]), batch: 2)
        var generator = SeededGenerator(seed: 257)
        let data = LabeledData(ToyDatasets.spirals(countPerClass: 40, classes: 3, noise: 0.1, using: &generator))
        let lower = DenseLayer(
            weights: Matrix.gaussian(16, 2, using: &generator), biases: Matrix(rows: 16, columns: 1),
            activation: .identity)
        let upper = WeightInitialization.xavier.layer(inputs: 16, outputs: 3, activation: .softmax, using: &generator)
        func trained(_ normalization: any Layer) throws -> Network {
            var network = Network(input: .features(2), layers: [lower, normalization, ActivationLayer(.relu), upper])
            var sgd = SGD(learningRate: 0.2)
            var shuffles = SeededGenerator(seed: 357)
            _ = try Trainer.train(
                &network, on: data, options: TrainingOptions(epochs: 10, batchSize: 10, cost: LogLikelihoodCost()),
                optimizer: &sgd, generator: &shuffles)
            return network
        }
        let start = Network(
            input: .features(2), layers: [lower, BatchNormalization(features: 16), ActivationLayer(.relu), upper])
        let yours = try trained(MyBatchNormalization(features: 16))
        let core = try trained(BatchNormalization(features: 16))
        let before = Evaluation.cost(start, on: data, cost: LogLikelihoodCost())
        let after = Evaluation.cost(yours, on: data, cost: LogLikelihoodCost())
        try expect(
            after < before,
            "trained with your layer the cost went from \(formatted(before)) to \(formatted(after)) per example; it should fall"
        )
        try expectClose(flatParameters(yours), flatParameters(core), "the trained parameters", tolerance: 1e-8)
    },
]

// Exercise 5.7 — batch normalization's backward pass, as a layer (Eq. 5.22–5.25). Notes:
// Chapters/Chapter05/README.md, §5.9. Check it with `swift run Workbook check 5.7`.

import ExerciseKit
import NeuralCore

/// Eq. 5.22–5.25 — the backward pass of batch normalization after a training-mode forward pass.
///
/// Row c of every matrix holds the m entries x₁…x_m of one feature (or channel) c that were
/// normalized together, m = B·H·W for a mini-batch of B examples (m = B for a dense layer). The
/// forward pass (Eq. 5.18–5.19) kept x̂ᵢ = (xᵢ − μ)/√(σ² + ε) and 1/√(σ² + ε) of every row, and
/// produced yᵢ = γ x̂ᵢ + β. Given gᵢ = ∂C/∂yᵢ of the cost summed over the mini-batch:
///
///     ∂C/∂γ = Σᵢ gᵢ x̂ᵢ,    ∂C/∂β = Σᵢ gᵢ                                        (Eq. 5.22)
///     ∂C/∂x̂ᵢ = γ gᵢ
///     ∂C/∂xᵢ = (1/√(σ² + ε)) [ ∂C/∂x̂ᵢ − (1/m) Σⱼ ∂C/∂x̂ⱼ − x̂ᵢ (1/m) Σⱼ ∂C/∂x̂ⱼ x̂ⱼ ]    (Eq. 5.25)
///
/// The two subtracted terms are the paths through μ and σ² (Eq. 5.23–5.24): every x̂ⱼ depends on
/// every xᵢ through the batch statistics. **The `Layer` convention:** ∂C/∂x is of the summed cost,
/// like g, but the parameter gradients are of the MEAN over the B examples, so return ∂C/∂γ and
/// ∂C/∂β of Eq. 5.22 divided by `batch` = B (not by m).
///
/// - Parameters:
///   - g: ∂C/∂y, channels × m.
///   - xHat: x̂ of the forward pass, channels × m.
///   - inverseStandardDeviation: 1/√(σ² + ε) of each row.
///   - gamma: γ, channels × 1.
///   - batch: B, the number of examples in the mini-batch.
/// - Returns: ∂C/∂x (channels × m), ∂C/∂γ and ∂C/∂β (channels × 1 each).
func batchNormBackward(
    outputGradient g: Matrix, xHat: Matrix, inverseStandardDeviation: [Double], gamma: Matrix, batch: Int
) throws -> (input: Matrix, gamma: Matrix, beta: Matrix) {
    // BEGIN SOLUTION
    let m = g.columns
    var dx = Matrix(rows: g.rows, columns: m)
    var dGamma = Matrix(rows: g.rows, columns: 1)
    var dBeta = Matrix(rows: g.rows, columns: 1)
    for c in 0..<g.rows {
        var sumG = 0.0
        var sumGXHat = 0.0
        for i in 0..<m {
            sumG += g[c, i]
            sumGXHat += g[c, i] * xHat[c, i]
        }
        dGamma[c, 0] = sumGXHat / Double(batch)
        dBeta[c, 0] = sumG / Double(batch)
        let meanDXHat = gamma[c, 0] * sumG / Double(m)
        let meanDXHatTimesXHat = gamma[c, 0] * sumGXHat / Double(m)
        for i in 0..<m {
            dx[c, i] =
                inverseStandardDeviation[c] * (gamma[c, 0] * g[c, i] - meanDXHat - xHat[c, i] * meanDXHatTimesXHat)
        }
    }
    return (dx, dGamma, dBeta)
    // END SOLUTION
}

/// Batch normalization whose forward pass is the core's `BatchNormalization` and whose backward
/// pass is yours: a layer like any other, so `GradientCheck.layer` checks it and a `Network`
/// trains it. (Nothing to change here.)
struct MyBatchNormalization: Layer {
    var core: BatchNormalization

    init(features: Int) { core = BatchNormalization(features: features) }

    var summary: String { "batch norm with your backward pass, \(core.channels) channels" }
    func outputShape(for input: MapShape) -> MapShape? { core.outputShape(for: input) }
    func makeCache() -> BatchNormalization.Cache { core.makeCache() }

    mutating func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout BatchNormalization.Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        core.forward(input, mode: mode, cache: &cache, generator: &generator)
    }

    func backward(_ outputGradient: FeatureMaps, cache: inout BatchNormalization.Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        // After an inference-mode forward the statistics are constants: the core's direct path.
        guard cache.mode == .training else {
            return core.backward(outputGradient, cache: &cache, needsInputGradient: needsInputGradient)
        }
        let g = outputGradient.values
        let zeros = Matrix(rows: core.channels, columns: 1)
        let result: (input: Matrix, gamma: Matrix, beta: Matrix) =
            (try? batchNormBackward(
                outputGradient: g, xHat: cache.xHat, inverseStandardDeviation: cache.inverseStandardDeviation,
                gamma: core.gamma, batch: cache.batch)) ?? (Matrix(rows: g.rows, columns: g.columns), zeros, zeros)
        let input = FeatureMaps(
            channels: outputGradient.channels, batch: outputGradient.batch, height: outputGradient.height,
            width: outputGradient.width, values: result.input)
        return LayerGradients(input: needsInputGradient ? input : nil, parameters: [result.gamma, result.beta])
    }

    var parameters: [Matrix] {
        get { core.parameters }
        set { core.parameters = newValue }
    }
    var isPenalized: [Bool] { core.isPenalized }
}

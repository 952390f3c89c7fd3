// Exercise 6.9 — a convolutional layer's whole backward pass in matrix form, inside a network that
// trains (Eq. 6.7, Eq. 6.8, Eq. 6.9). Notes: Chapters/Chapter06/README.md, §6.3–6.4. Check it with
// `swift run Workbook check 6.9`.

import ExerciseKit
import NeuralCore

/// The backward pass of a convolutional layer on a mini-batch of B examples, with the patch
/// matrix X_col of the forward pass Z = W X_col + b 1ᵀ (Eq. 6.5). δ = ∂C/∂Z has one row per
/// output channel and one column per (example, output row, output column), X_col one column per
/// the same and one row per (input channel, kernel row, kernel column). Then
///
///     ∂C/∂W = δ X_colᵀ                       (Eq. 6.8)
///     ∂C/∂b_c = Σ over row c of δ              (Eq. 6.9)
///     ∂C/∂X_col = Wᵀ δ                         (Eq. 6.7, before col2im)
///
/// **The core's convention** (the `Layer` protocol): δ is the gradient of the cost summed over
/// the mini-batch, and a layer returns the gradients of its parameters for the MEAN cost, so
/// ∂C/∂W and ∂C/∂b are divided by B once, here; ∂C/∂X_col is of the sum and is not divided (the
/// layer below goes on from it). `YourConvolution` below then adds each entry of ∂C/∂X_col back to
/// the pixel it was copied from (col2im) to get ∂C/∂x.
///
/// - Parameters:
///   - delta: δ = ∂C/∂Z, C_out × (B·OH·OW).
///   - patches: X_col, (C_in·F_h·F_w) × (B·OH·OW).
///   - weights: W, C_out × (C_in·F_h·F_w), a kernel per row.
///   - batch: B.
/// - Returns: ∂C/∂W (C_out × C_in·F_h·F_w) and ∂C/∂b (C_out × 1) of the mean cost, and ∂C/∂X_col
///   (the shape of X_col) of the summed cost.
///
/// Useful: `a * b` is the matrix product, `m.transposed`, `m.rowSums()` (a column), `s * m`.
func convolutionBackward(delta: Matrix, patches: Matrix, weights: Matrix, batch: Int) throws
    -> (weights: Matrix, biases: Matrix, patches: Matrix)
{
    throw NotDone("6.9")  // replace this line with your code
}

/// The core's `Convolution2D` for the forward pass and your `convolutionBackward` for the
/// backward pass: a `Layer` that a `Network` trains like any other. (Nothing to write here.)
struct YourConvolution: Layer {
    var convolution: Convolution2D

    var summary: String { "your " + convolution.summary }
    func outputShape(for input: MapShape) -> MapShape? { convolution.outputShape(for: input) }
    func makeCache() -> Convolution2D.Cache { .empty }

    mutating func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Convolution2D.Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        convolution.forward(input, mode: mode, cache: &cache, generator: &generator)
    }

    func backward(_ outputGradient: FeatureMaps, cache: inout Convolution2D.Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        let g = convolution.geometry
        let batch = outputGradient.batch
        let nan = { (rows: Int, columns: Int) in Matrix(rows: rows, columns: columns, repeating: .nan) }
        guard
            let result = try? convolutionBackward(
                delta: outputGradient.values, patches: cache.patches, weights: convolution.weights, batch: batch),
            result.weights.rows == g.outputChannels, result.weights.columns == g.patchSize,
            result.biases.rows == g.outputChannels, result.biases.columns == 1,
            result.patches.rows == cache.patches.rows, result.patches.columns == cache.patches.columns
        else {
            // Not done yet, or the wrong shapes: gradients of NaN, so training visibly fails.
            let input = FeatureMaps(
                channels: g.inputChannels, batch: batch, height: g.inputHeight, width: g.inputWidth,
                values: nan(g.inputChannels, batch * g.inputHeight * g.inputWidth))
            return LayerGradients(
                input: needsInputGradient ? input : nil,
                parameters: [nan(g.outputChannels, g.patchSize), nan(g.outputChannels, 1)])
        }
        var below: FeatureMaps? = nil
        if needsInputGradient {
            var maps = FeatureMaps.empty
            Im2Col.accumulate(result.patches, geometry: g, batch: batch, into: &maps)  // col2im
            below = maps
        }
        return LayerGradients(input: below, parameters: [result.weights, result.biases])
    }

    var parameters: [Matrix] {
        get { convolution.parameters }
        set { convolution.parameters = newValue }
    }
    var isPenalized: [Bool] { convolution.isPenalized }
}

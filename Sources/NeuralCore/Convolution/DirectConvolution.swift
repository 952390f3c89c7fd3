// Convolution written as the sums of the notes, one loop per index: slow, and the reference
// that the im2col + BLAS layer is tested against. Also the single-channel operations of the
// chapter's worked examples: cross-correlation, true convolution, the full convolution with a
// rotated kernel that carries δ backwards.

/// Nested-loop convolutions, straight from Eq. 6.1–6.8.
public enum DirectConvolution {
    /// Eq. 6.1 — cross-correlation ("valid", stride 1): z[i, j] = Σₘ Σₙ x[i + m, j + n] k[m, n].
    /// This is what a CNN layer computes and calls convolution.
    /// - Returns: (H − KH + 1) × (W − KW + 1).
    public static func crossCorrelate(_ image: Matrix, _ kernel: Matrix) -> Matrix {
        precondition(
            kernel.rows <= image.rows && kernel.columns <= image.columns,
            "kernel \(kernel.shapeDescription) larger than image \(image.shapeDescription)")
        return Matrix(rows: image.rows - kernel.rows + 1, columns: image.columns - kernel.columns + 1) { i, j in
            var sum = 0.0
            for m in 0..<kernel.rows {
                for n in 0..<kernel.columns { sum += image[i + m, j + n] * kernel[m, n] }
            }
            return sum
        }
    }

    /// The kernel turned by 180°: k_rot[m, n] = k[KH − 1 − m, KW − 1 − n].
    public static func rotated180(_ kernel: Matrix) -> Matrix {
        Matrix(rows: kernel.rows, columns: kernel.columns) { m, n in
            kernel[kernel.rows - 1 - m, kernel.columns - 1 - n]
        }
    }

    /// Eq. 6.2 — convolution as mathematics defines it, (x ∗ k)[i, j] = Σₘ Σₙ x[i − m, j − n] k[m, n],
    /// over the positions where the kernel lies inside the image: the cross-correlation with the
    /// kernel rotated by 180°.
    public static func convolve(_ image: Matrix, _ kernel: Matrix) -> Matrix {
        crossCorrelate(image, rotated180(kernel))
    }

    /// The input padded with `padding` zeros on every side.
    public static func padded(_ image: Matrix, by padding: Int) -> Matrix {
        Matrix(rows: image.rows + 2 * padding, columns: image.columns + 2 * padding) { i, j in
            let (y, x) = (i - padding, j - padding)
            return y >= 0 && y < image.rows && x >= 0 && x < image.columns ? image[y, x] : 0
        }
    }

    /// Eq. 6.7 (single channel, stride 1) — the "full" convolution that carries δ back to the
    /// input: ∂C/∂x = (δ padded by K − 1) ⋆ rot180(k), a map the size of the input.
    public static func fullConvolutionWithRotatedKernel(_ delta: Matrix, _ kernel: Matrix) -> Matrix {
        precondition(kernel.rows == kernel.columns, "the worked example uses a square kernel")
        return crossCorrelate(padded(delta, by: kernel.rows - 1), rotated180(kernel))
    }

    /// Eq. 6.4 — z[co, b, i, j] = b_co + Σ_ci Σₘ Σₙ w[co, ci, m, n] · x[ci, b, i·S + m − P, j·S + n − P],
    /// with x = 0 outside the image (padding).
    public static func forward(_ input: FeatureMaps, layer: Convolution2D) -> FeatureMaps {
        let g = layer.geometry
        return FeatureMaps(
            channels: g.outputChannels, batch: input.batch, height: g.outputHeight, width: g.outputWidth
        ) { co, b, i, j in
            var sum = layer.biases[co, 0]
            for ci in 0..<g.inputChannels {
                for m in 0..<g.kernelHeight {
                    for n in 0..<g.kernelWidth {
                        let (y, x) = (i * g.stride + m - g.padding, j * g.stride + n - g.padding)
                        guard y >= 0 && y < g.inputHeight && x >= 0 && x < g.inputWidth else { continue }
                        sum += weight(layer, co, ci, m, n) * input[ci, b, y, x]
                    }
                }
            }
            return sum
        }
    }

    /// Eq. 6.7 (first half) — ∂C/∂x[ci, b, y, x] = Σ over every output (co, i, j) whose receptive
    /// field holds (y, x) of w[co, ci, m, n] δ[co, b, i, j]: each input pixel collects the error of
    /// every output it fed, through the weight that connected them.
    public static func inputGradient(delta: FeatureMaps, layer: Convolution2D) -> FeatureMaps {
        let g = layer.geometry
        var result = FeatureMaps(
            channels: g.inputChannels, batch: delta.batch, height: g.inputHeight, width: g.inputWidth)
        for b in 0..<delta.batch {
            for co in 0..<g.outputChannels {
                for i in 0..<g.outputHeight {
                    for j in 0..<g.outputWidth {
                        let d = delta[co, b, i, j]
                        for ci in 0..<g.inputChannels {
                            for m in 0..<g.kernelHeight {
                                for n in 0..<g.kernelWidth {
                                    let (y, x) = (i * g.stride + m - g.padding, j * g.stride + n - g.padding)
                                    guard y >= 0 && y < g.inputHeight && x >= 0 && x < g.inputWidth else { continue }
                                    result[ci, b, y, x] += weight(layer, co, ci, m, n) * d
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Eq. 6.8–6.9 — ∂C/∂w[co, ci, m, n] = Σ_b Σᵢ Σⱼ δ[co, b, i, j] · x[ci, b, i·S + m − P, j·S + n − P]
    /// (the input correlated with δ) and ∂C/∂b_co = Σ_b Σᵢ Σⱼ δ[co, b, i, j], in the layout of
    /// `Convolution2D.weights`.
    public static func parameterGradients(
        input: FeatureMaps, delta: FeatureMaps, geometry g: ConvolutionGeometry
    ) -> Convolution2D.Gradients {
        var dW = Matrix(rows: g.outputChannels, columns: g.patchSize)
        var db = Matrix(rows: g.outputChannels, columns: 1)
        for co in 0..<g.outputChannels {
            for b in 0..<delta.batch {
                for i in 0..<g.outputHeight {
                    for j in 0..<g.outputWidth {
                        let d = delta[co, b, i, j]
                        db[co, 0] += d
                        for ci in 0..<g.inputChannels {
                            for m in 0..<g.kernelHeight {
                                for n in 0..<g.kernelWidth {
                                    let (y, x) = (i * g.stride + m - g.padding, j * g.stride + n - g.padding)
                                    guard y >= 0 && y < g.inputHeight && x >= 0 && x < g.inputWidth else { continue }
                                    dW[co, (ci * g.kernelHeight + m) * g.kernelWidth + n] += d * input[ci, b, y, x]
                                }
                            }
                        }
                    }
                }
            }
        }
        return Convolution2D.Gradients(weights: dW, biases: db)
    }

    private static func weight(_ layer: Convolution2D, _ co: Int, _ ci: Int, _ m: Int, _ n: Int) -> Double {
        let g = layer.geometry
        return layer.weights[co, (ci * g.kernelHeight + m) * g.kernelWidth + n]
    }
}

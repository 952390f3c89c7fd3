// im2col and its adjoint col2im: the rearrangement that turns a convolution into one matrix
// product (Eq. 6.5). Each column of the im2col matrix is the receptive field of one output
// pixel of one example; each row is one (input channel, kernel row, kernel column) offset.

/// Rearrangements between feature maps and the patch matrix of a convolution.
public enum Im2Col {
    /// The output columns ox with 0 ≤ ox·stride + offset < inputs, as first..<last (possibly empty).
    @inline(__always)
    static func validRange(offset: Int, stride: Int, outputs: Int, inputs: Int) -> (Int, Int) {
        // first: smallest ox with ox·stride ≥ −offset; last: one past the largest with ox·stride ≤ inputs − 1 − offset.
        let first = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let top = inputs - 1 - offset
        let last = top < 0 ? 0 : min(outputs, top / stride + 1)
        return (min(first, outputs), last)
    }

    /// Eq. 6.5 — the patch matrix X_col of shape (Cin·KH·KW) × (B·OH·OW): entry
    /// ((ci·KH + ky)·KW + kx, (b·OH + oy)·OW + ox) is x[ci, b, oy·S + ky − P, ox·S + kx − P], zero
    /// where that falls in the padding. Then W·X_col is the convolution of every example at once.
    /// - Parameters:
    ///   - input: x, Cin × B × H × W.
    ///   - g: the convolution's geometry.
    ///   - result: a buffer reused across calls (resized when the shape changes).
    public static func patches(_ input: FeatureMaps, geometry g: ConvolutionGeometry, into result: inout Matrix) {
        requireInput(input, geometry: g)
        let n = input.batch * g.outputHeight * g.outputWidth
        if result.rows != g.patchSize || result.columns != n {
            result = Matrix(rows: g.patchSize, columns: n)
        }
        result.elements.withUnsafeMutableBufferPointer { target in
            fill(target.baseAddress!, from: input, geometry: g)
        }
    }

    /// Eq. 6.5's patch matrix with every entry rounded to Float, for single-precision products.
    public static func patches(_ input: FeatureMaps, geometry g: ConvolutionGeometry, into result: inout SingleMatrix) {
        requireInput(input, geometry: g)
        SingleMatrix.prepare(&result, rows: g.patchSize, columns: input.batch * g.outputHeight * g.outputWidth)
        result.elements.withUnsafeMutableBufferPointer { target in
            fill(target.baseAddress!, from: input, geometry: g)
        }
    }

    private static func requireInput(_ input: FeatureMaps, geometry g: ConvolutionGeometry) {
        precondition(
            input.channels == g.inputChannels && input.height == g.inputHeight && input.width == g.inputWidth,
            "im2col: input \(input.shapeDescription) does not match \(g)")
    }

    /// Writes the patch matrix of `input` to `dst` (patchSize × B·OH·OW entries), as Double or Float.
    @inline(__always)
    private static func fill<Scalar: BinaryFloatingPoint>(
        _ dst: UnsafeMutablePointer<Scalar>, from input: FeatureMaps, geometry g: ConvolutionGeometry
    ) {
        let batch = input.batch
        let (oh, ow) = (g.outputHeight, g.outputWidth)
        let (h, w) = (g.inputHeight, g.inputWidth)
        let n = batch * oh * ow
        let (s, p) = (g.stride, g.padding)
        input.values.elements.withUnsafeBufferPointer { source in
            let src = source.baseAddress!
            for ci in 0..<g.inputChannels {
                let channelBase = src + ci * batch * h * w
                for ky in 0..<g.kernelHeight {
                    for kx in 0..<g.kernelWidth {
                        let row = (ci * g.kernelHeight + ky) * g.kernelWidth + kx
                        var out = dst + row * n
                        // Output columns ox with 0 ≤ ox·S + kx − P < w read the image; the rest are padding.
                        let (first, last) = validRange(offset: kx - p, stride: s, outputs: ow, inputs: w)
                        for b in 0..<batch {
                            let image = channelBase + b * h * w
                            for oy in 0..<oh {
                                let iy = oy * s + ky - p
                                if iy < 0 || iy >= h || first >= last {
                                    out.update(repeating: 0, count: ow)
                                } else {
                                    let line = image + iy * w + kx - p
                                    for ox in 0..<first { out[ox] = 0 }
                                    if s == 1 {
                                        for ox in first..<last { out[ox] = Scalar(line[ox]) }
                                    } else {
                                        for ox in first..<last { out[ox] = Scalar(line[ox * s]) }
                                    }
                                    for ox in last..<ow { out[ox] = 0 }
                                }
                                out += ow
                            }
                        }
                    }
                }
            }
        }
    }

    /// The patch matrix as a new matrix.
    public static func patches(_ input: FeatureMaps, geometry: ConvolutionGeometry) -> Matrix {
        var result = Matrix(rows: 0, columns: 0)
        patches(input, geometry: geometry, into: &result)
        return result
    }

    /// The adjoint of `patches`: every entry of `columns` is added back to the input pixel it was
    /// copied from (pixels in several receptive fields collect several terms; padding drops
    /// out). Applied to ∂C/∂X_col this gives ∂C/∂x, the full convolution of Eq. 6.7.
    public static func accumulate(
        _ columns: Matrix, geometry g: ConvolutionGeometry, batch: Int, into result: inout FeatureMaps
    ) {
        requireColumns(
            rows: columns.rows, columns: columns.columns, columns.shapeDescription, geometry: g, batch: batch)
        prepareResult(&result, geometry: g, batch: batch)
        columns.elements.withUnsafeBufferPointer { source in
            add(source.baseAddress!, geometry: g, batch: batch, into: &result)
        }
    }

    /// `accumulate` from a single-precision ∂C/∂X_col, summing into Double feature maps.
    public static func accumulate(
        _ columns: SingleMatrix, geometry g: ConvolutionGeometry, batch: Int, into result: inout FeatureMaps
    ) {
        requireColumns(
            rows: columns.rows, columns: columns.columns, columns.shapeDescription, geometry: g, batch: batch)
        prepareResult(&result, geometry: g, batch: batch)
        columns.elements.withUnsafeBufferPointer { source in
            add(source.baseAddress!, geometry: g, batch: batch, into: &result)
        }
    }

    private static func requireColumns(
        rows: Int, columns: Int, _ shape: String, geometry g: ConvolutionGeometry, batch: Int
    ) {
        let n = batch * g.outputHeight * g.outputWidth
        precondition(
            rows == g.patchSize && columns == n,
            "col2im: columns \(shape) are not \(g.patchSize)×\(n) for \(g) and batch \(batch)")
    }

    /// Makes `result` zero feature maps of the convolution's input shape.
    private static func prepareResult(_ result: inout FeatureMaps, geometry g: ConvolutionGeometry, batch: Int) {
        let (h, w) = (g.inputHeight, g.inputWidth)
        if result.channels != g.inputChannels || result.batch != batch || result.height != h || result.width != w {
            result = FeatureMaps(channels: g.inputChannels, batch: batch, height: h, width: w)
        } else {
            result.values.elements.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
    }

    /// Adds every entry of the patch-shaped `src` back to the input pixel it was copied from.
    @inline(__always)
    private static func add<Scalar: BinaryFloatingPoint>(
        _ src: UnsafePointer<Scalar>, geometry g: ConvolutionGeometry, batch: Int, into result: inout FeatureMaps
    ) {
        let (oh, ow) = (g.outputHeight, g.outputWidth)
        let (h, w) = (g.inputHeight, g.inputWidth)
        let n = batch * oh * ow
        let (s, p) = (g.stride, g.padding)
        result.values.elements.withUnsafeMutableBufferPointer { target in
            let dst = target.baseAddress!
            for ci in 0..<g.inputChannels {
                let channelBase = dst + ci * batch * h * w
                for ky in 0..<g.kernelHeight {
                    for kx in 0..<g.kernelWidth {
                        let row = (ci * g.kernelHeight + ky) * g.kernelWidth + kx
                        var from = src + row * n
                        let (first, last) = validRange(offset: kx - p, stride: s, outputs: ow, inputs: w)
                        for b in 0..<batch {
                            let image = channelBase + b * h * w
                            for oy in 0..<oh {
                                let iy = oy * s + ky - p
                                if iy >= 0 && iy < h && first < last {
                                    let line = image + iy * w + kx - p
                                    for ox in first..<last { line[ox * s] += Double(from[ox]) }
                                }
                                from += ow
                            }
                        }
                    }
                }
            }
        }
    }
}

// Helpers shared by the checks of Chapter 06's exercises (copied into every exercise's program).

import ExerciseKit
import NeuralCore

/// The core's convolutional layer with one input and one output channel, the given kernel and
/// bias, for inputs of inputRows × inputColumns (stride 1, no padding).
func coreLayer(kernel: Matrix, bias: Double, inputRows: Int, inputColumns: Int) -> Convolution2D {
    let geometry = ConvolutionGeometry(
        inputChannels: 1, outputChannels: 1, inputHeight: inputRows, inputWidth: inputColumns,
        kernelHeight: kernel.rows, kernelWidth: kernel.columns)
    return Convolution2D(geometry: geometry, weights: Matrix(row: kernel.elements), biases: Matrix(column: [bias]))
}

/// Valid cross-correlation (Eq. 6.1) of one map with one kernel, from the core, plus a bias.
func coreCorrelation(_ x: Matrix, _ k: Matrix, bias: Double = 0) -> Matrix {
    DirectConvolution.crossCorrelate(x, k)
        + Matrix(
            rows: x.rows - k.rows + 1, columns: x.columns - k.columns + 1, repeating: bias)
}

/// The "full" cross-correlation: the kernel over every position where it overlaps the map at all.
func coreFullCorrelation(_ x: Matrix, _ k: Matrix) -> Matrix {
    precondition(k.rows == k.columns, "square kernels only")
    return DirectConvolution.crossCorrelate(DirectConvolution.padded(x, by: k.rows - 1), k)
}

/// The section 6.4 example: a 4×4 input, kernel [1 −1; 2 0.5], bias 0.5, targets t, C = ½ Σ (z − t)².
enum BackpropExample {
    static let input = Matrix([[1, 2, 0, 1], [0, 1, 3, 2], [2, 0, 1, 0], [1, 1, 0, 2]])
    static let kernel = Matrix([[1, -1], [2, 0.5]])
    static let bias = 0.5
    static let target = Matrix([[1, 2, 0], [3, 1, 2], [0, 1, 1]])
    /// δ = z − t.
    static var delta: Matrix { coreCorrelation(input, kernel, bias: bias) - target }
}

/// The section 6.4 pooling example: a 4×4 input and the gradient g = [10 20; 30 40] of its 2×2 pooling.
enum PoolingExample {
    static let input = Matrix([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 2], [6, 2, 3, 3]])
    static let gradient = Matrix([[10, 20], [30, 40]])
}

/// The map with `rows` zeros above and below and `columns` zeros left and right.
func zeroPadded(_ m: Matrix, rows: Int, columns: Int) -> Matrix {
    Matrix(rows: m.rows + 2 * rows, columns: m.columns + 2 * columns) { i, j in
        let (y, x) = (i - rows, j - columns)
        return y >= 0 && y < m.rows && x >= 0 && x < m.columns ? m[y, x] : 0
    }
}

/// Eq. 6.7 from the core: δ padded with F − 1 zeros, cross-correlated with the kernel turned by 180°.
func coreInputGradient(_ delta: Matrix, _ k: Matrix) -> Matrix {
    DirectConvolution.crossCorrelate(
        zeroPadded(delta, rows: k.rows - 1, columns: k.columns - 1), DirectConvolution.rotated180(k))
}

/// Max pooling of one map by the core: the pooled map and, for each output in reading order, the
/// index p·W + q of the input pixel that won its window.
func coreMaxPool(_ x: Matrix, size: Int, stride: Int? = nil) -> (pooled: Matrix, argmax: [Int]) {
    let (output, cache) = Pooling2D(.max, size: size, stride: stride).forward(FeatureMaps(image: x))
    return (output.map(channel: 0, example: 0), cache.argmax.map { Int($0) })
}

/// The core's pooling backward pass for one map.
func corePoolBackward(_ x: Matrix, gradient g: Matrix, kind: Pooling2D.Kind, size: Int, stride: Int? = nil)
    -> Matrix
{
    let pooling = Pooling2D(kind, size: size, stride: stride)
    let cache = pooling.forward(FeatureMaps(image: x)).cache
    return pooling.backward(FeatureMaps(image: g), cache: cache).map(channel: 0, example: 0)
}

/// Runs `body`; when one of its comparisons fails, the failure first says which case it was.
func inCase(_ description: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch var failure as CheckFailure {
        failure.lines.insert("for \(description):", at: 0)
        throw failure
    }
}

/// sum + term, after checking that your term has the shape of the sum (a failure, not a crash).
func adding(_ sum: Matrix, _ name: String, _ term: Matrix) throws -> Matrix {
    try shaped(term, like: sum, name)
    return sum + term
}

/// Throws a failure when your matrix does not have the shape of `expected`.
func shaped(_ got: Matrix, like expected: Matrix, _ name: String) throws {
    try expect(
        got.rows == expected.rows && got.columns == expected.columns,
        "your \(name) has shape \(got.shapeDescription); expected \(expected.shapeDescription)")
}

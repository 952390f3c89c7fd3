// The sizes of a 2-D convolution: input, kernel, stride, zero padding, and the output size that
// follows from them (Eq. 6.3).

/// The shape of a convolution of `inputChannels` maps of inputHeight × inputWidth with
/// `outputChannels` kernels of kernelHeight × kernelWidth, moved `stride` pixels at a time over
/// the input padded with `padding` zeros on every side.
public struct ConvolutionGeometry: Sendable, Equatable, CustomStringConvertible {
    public let inputChannels: Int
    public let outputChannels: Int
    public let inputHeight: Int
    public let inputWidth: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let stride: Int
    public let padding: Int

    public init(
        inputChannels: Int, outputChannels: Int, inputHeight: Int, inputWidth: Int, kernelHeight: Int,
        kernelWidth: Int, stride: Int = 1, padding: Int = 0
    ) {
        precondition(inputChannels > 0 && outputChannels > 0, "a convolution needs at least one channel in and out")
        precondition(stride >= 1 && padding >= 0, "stride must be ≥ 1 and padding ≥ 0, got \(stride) and \(padding)")
        precondition(
            kernelHeight >= 1 && kernelHeight <= inputHeight + 2 * padding && kernelWidth >= 1
                && kernelWidth <= inputWidth + 2 * padding,
            "kernel \(kernelHeight)×\(kernelWidth) does not fit the padded input \(inputHeight + 2 * padding)×\(inputWidth + 2 * padding)"
        )
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
    }

    /// A square kernel of `kernel` × `kernel`.
    public init(
        inputChannels: Int, outputChannels: Int, inputHeight: Int, inputWidth: Int, kernel: Int, stride: Int = 1,
        padding: Int = 0
    ) {
        self.init(
            inputChannels: inputChannels, outputChannels: outputChannels, inputHeight: inputHeight,
            inputWidth: inputWidth, kernelHeight: kernel, kernelWidth: kernel, stride: stride, padding: padding)
    }

    /// Eq. 6.3 — the output size (W − F + 2P)/S + 1 along one axis, for input size W, kernel F,
    /// padding P and stride S. When S does not divide W − F + 2P the last partial step is dropped
    /// (the division rounds down), as every framework does.
    public static func outputSize(input: Int, kernel: Int, padding: Int, stride: Int) -> Int {
        precondition(stride >= 1, "stride must be at least 1")
        precondition(input + 2 * padding >= kernel, "kernel \(kernel) larger than padded input \(input + 2 * padding)")
        return (input - kernel + 2 * padding) / stride + 1
    }

    public var outputHeight: Int {
        Self.outputSize(input: inputHeight, kernel: kernelHeight, padding: padding, stride: stride)
    }
    public var outputWidth: Int {
        Self.outputSize(input: inputWidth, kernel: kernelWidth, padding: padding, stride: stride)
    }

    /// Rows of the im2col matrix and columns of the weight matrix: Cin·KH·KW.
    public var patchSize: Int { inputChannels * kernelHeight * kernelWidth }

    /// Eq. 6.6 — weights and biases: Cout·Cin·KH·KW + Cout, independent of the image size.
    public var parameterCount: Int { outputChannels * patchSize + outputChannels }

    public var description: String {
        "\(inputChannels)×\(inputHeight)×\(inputWidth) ⊛ \(outputChannels)×\(inputChannels)×\(kernelHeight)×\(kernelWidth) (stride \(stride), padding \(padding)) → \(outputChannels)×\(outputHeight)×\(outputWidth)"
    }
}

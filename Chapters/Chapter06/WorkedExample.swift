// Section 6.1: convolution as CNNs compute it (cross-correlation) against the mathematical
// definition, the 3×4 ⊛ 2×2 worked example symbolically and in numbers, and the output size.

import ChapterRunner
import NeuralCore

/// The worked example's numbers.
enum WorkedExample {
    static let letters = [["a", "b", "c", "d"], ["e", "f", "g", "h"], ["i", "j", "k", "l"]]
    static let kernelLetters = [["w", "x"], ["y", "z"]]
    static let input = Matrix([[1, 2, 0, 3], [4, 1, 1, 0], [0, 2, 5, 1]])
    static let kernel = Matrix([[1, 2], [3, 4]])

    /// Eq. 6.1 written out: output (i, j) as the sum of products of the window at (i, j) with
    /// the kernel, e.g. "aw + bx + ey + fz".
    static func symbolicOutput() -> [[String]] {
        (0..<2).map { i in
            (0..<3).map { j in
                var terms: [String] = []
                for m in 0..<2 {
                    for n in 0..<2 { terms.append(letters[i + m][j + n] + kernelLetters[m][n]) }
                }
                return terms.joined(separator: " + ")
            }
        }
    }
}

/// 6.1 — cross-correlation versus convolution, the worked example, the output-size formula.
func workedExample(_ session: ChapterSession) throws {
    session.say(
        """
        A convolutional layer slides a small kernel over the image and, at every position, adds up \
        the products of the kernel with the pixels under it (Eq. 6.1). Mathematics calls this \
        cross-correlation; true convolution (Eq. 6.2) first turns the kernel by 180°. Since the \
        kernel is learned, the flip changes nothing a network can do, and every framework computes \
        the unflipped sum and calls it convolution. A 3×4 input with a 2×2 kernel, written with letters:
        """)
    session.table(["input", "", "", ""], WorkedExample.letters)
    session.table(["kernel", ""], WorkedExample.kernelLetters)
    session.say("The 2×3 output, each entry one window of the input times the kernel:")
    let symbolic = WorkedExample.symbolicOutput()
    session.table(["column 0", "column 1", "column 2"], symbolic)
    let correlated = DirectConvolution.crossCorrelate(WorkedExample.input, WorkedExample.kernel)
    let convolved = DirectConvolution.convolve(WorkedExample.input, WorkedExample.kernel)
    session.say(
        """
        The same with numbers, input \(rowsText(WorkedExample.input)) and kernel \
        \(rowsText(WorkedExample.kernel)): the first entry is 1·1 + 2·2 + 4·3 + 1·4 = \
        \(Int(correlated[0, 0])). Cross-correlation (what a CNN layer computes) and true convolution \
        (kernel flipped, Eq. 6.2):
        """)
    session.table(
        ["output", "cross-correlation (6.1)", "convolution (6.2)"],
        (0..<2).map { i in ["row \(i)", rowText(correlated.row(i)), rowText(convolved.row(i))] })
    // The layer (im2col + BLAS) must give the cross-correlation exactly.
    let geometry = ConvolutionGeometry(inputChannels: 1, outputChannels: 1, inputHeight: 3, inputWidth: 4, kernel: 2)
    let layer = Convolution2D(
        geometry: geometry, weights: Matrix(row: WorkedExample.kernel.elements), biases: Matrix(column: [0]))
    let fromLayer = layer.forward(FeatureMaps(image: WorkedExample.input)).z.map(channel: 0, example: 0)
    session.say(
        "The Convolution2D layer (im2col + one BLAS product) gives \(rowsText(fromLayer)), the cross-correlation.")
    session.record("workedExample.output", .array(correlated.elements.map { .number($0) }))
    session.record(
        "workedExample.layerMatches", .bool(fromLayer == correlated),
        summary: "3×4 ⊛ 2×2: layer equals Eq. 6.1 — \(fromLayer == correlated)")

    session.say(
        """
        Output size (Eq. 6.3): along each axis, an input of W pixels, a kernel of F, P zeros of \
        padding on each side and a stride of S give (W − F + 2P)/S + 1 outputs.
        """)
    let cases = [(28, 5, 0, 1), (24, 2, 0, 2), (12, 5, 0, 1), (28, 5, 2, 1), (28, 3, 1, 2), (7, 3, 0, 2)]
    session.table(
        ["W", "F", "P", "S", "output"],
        cases.map { w, f, p, s in
            [
                "\(w)", "\(f)", "\(p)", "\(s)",
                "\(ConvolutionGeometry.outputSize(input: w, kernel: f, padding: p, stride: s))",
            ]
        })
    session.say(
        """
        The network of section 6.5 uses the first and third rows: 28 → 24 after a 5×5 kernel, \
        halved to 12 by 2×2 pooling, 12 → 8, halved to 4. Padding of (F − 1)/2 keeps the size ("same" \
        convolution); a stride of 2 halves it.
        """)
}

func rowText(_ values: [Double]) -> String {
    values.map { formatted($0, significant: 4) }.joined(separator: "  ")
}

func rowsText(_ m: Matrix) -> String {
    "[" + (0..<m.rows).map { rowText(m.row($0)) }.joined(separator: "; ") + "]"
}

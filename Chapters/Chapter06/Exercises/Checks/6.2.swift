// Checks of exercise 6.2 (Eq. 6.1, valid cross-correlation): the worked example of §6.1, Sobel x on
// a step edge, the loops of Eq. 6.1 on non-square shapes, and the core's layer over three channels.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 6.1 — the 3×4 input and 2×2 kernel of §6.1 give [21 9 9; 14 29 20]") {
        let x = Matrix([[1, 2, 0, 3], [4, 1, 1, 0], [0, 2, 5, 1]])
        let k = Matrix([[1, 2], [3, 4]])
        try expectClose(
            try crossCorrelate(input: x, kernel: k, bias: 0), Matrix([[21, 9, 9], [14, 29, 20]]), "z",
            diagnoses: correlationMistakes(x, k, 0))
    },
    Check("Eq. 6.1 — Sobel x on a vertical step edge: 4 on the two columns beside the edge, 0 elsewhere") {
        // Columns 0–2 are 0, columns 3–5 are 1.
        let x = Matrix(rows: 6, columns: 6) { _, j in j >= 3 ? 1 : 0 }
        let sobelX = Matrix([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
        try expectClose(
            try crossCorrelate(input: x, kernel: sobelX, bias: 0),
            Matrix(rows: 4, columns: 4) { _, j in j == 1 || j == 2 ? 4 : 0 }, "Sobel x ⋆ step",
            diagnoses: correlationMistakes(x, sobelX, 0))
    },
    Check("Eq. 6.1 — a 5×7 input, a 2×3 kernel and a bias: the sums of Eq. 6.1 written as loops") {
        var generator = SeededGenerator(seed: 62)
        for (h, w, fh, fw) in [(5, 7, 2, 3), (6, 4, 3, 1), (4, 4, 4, 4), (3, 5, 1, 1)] {
            let x = Matrix.gaussian(h, w, using: &generator)
            let k = Matrix.gaussian(fh, fw, using: &generator)
            let b = generator.uniform(-1, 1)
            try inCase("a \(h)×\(w) input and a \(fh)×\(fw) kernel, b = \(formatted(b))") {
                try expectClose(
                    try crossCorrelate(input: x, kernel: k, bias: b), coreCorrelation(x, k, bias: b), "z",
                    diagnoses: correlationMistakes(x, k, b))
            }
        }
    },
    Check("Eq. 6.4 — three input channels, your correlations summed plus the bias, equal the core's Convolution2D") {
        // The 3-channel example of §6.3 (bias 1, result [8 6; 6 4]), then 2 channels in, 3 out, 2 examples.
        let channels = [
            Matrix([[1, 0, 2], [3, 1, 0], [0, 2, 1]]), Matrix([[0, 1, 1], [2, 0, 1], [1, 1, 0]]),
            Matrix([[2, 1, 0], [0, 1, 3], [1, 0, 1]]),
        ]
        let kernels = [Matrix([[1, 0], [0, 1]]), Matrix([[0, 1], [1, 0]]), Matrix([[1, -1], [0, 1]])]
        var z = try crossCorrelate(input: channels[0], kernel: kernels[0], bias: 1)
        for c in 1..<3 { z = try adding(z, "z", try crossCorrelate(input: channels[c], kernel: kernels[c], bias: 0)) }
        try expectClose(z, Matrix([[8, 6], [6, 4]]), "Σ_c′ x_c′ ⋆ w_c′ + b of §6.3")

        var generator = SeededGenerator(seed: 63)
        let geometry = ConvolutionGeometry(
            inputChannels: 2, outputChannels: 3, inputHeight: 5, inputWidth: 6, kernelHeight: 3, kernelWidth: 2)
        let layer = Convolution2D(geometry: geometry, using: &generator)
        let input = FeatureMaps(channels: 2, batch: 2, height: 5, width: 6) { _, _, _, _ in generator.gaussian() }
        let expected = layer.forward(input).z
        for co in 0..<3 {
            for e in 0..<2 {
                var sum = Matrix(rows: 3, columns: 5)
                for ci in 0..<2 {
                    sum = try adding(
                        sum, "z",
                        try crossCorrelate(
                            input: input.map(channel: ci, example: e), kernel: layer.kernel(output: co, input: ci),
                            bias: ci == 0 ? layer.biases[co, 0] : 0))
                }
                try inCase("output channel \(co), example \(e)") {
                    try expectClose(sum, expected.map(channel: co, example: e), "z")
                }
            }
        }
    },
]

/// The classic wrong answers to Eq. 6.1, computed from the same input, kernel and bias.
func correlationMistakes(_ x: Matrix, _ k: Matrix, _ b: Double) -> [Diagnosis] {
    var mistakes = [
        Diagnosis(
            "the kernel is turned by 180°: that is the mathematicians' convolution, Eq. 6.2; Eq. 6.1 reads x_{i+m, j+n} k_mn"
        ) {
            coreCorrelation(x, DirectConvolution.rotated180(k), bias: b)
        },
        Diagnosis("the bias b of Eq. 6.1 is missing (it is added to every output)") { coreCorrelation(x, k) },
        Diagnosis("the bias is added once per kernel entry instead of once per output") {
            coreCorrelation(x, k, bias: b * Double(k.count))
        },
    ]
    if k.rows == k.columns {
        mistakes.append(
            Diagnosis("the kernel is transposed: k_mn multiplies x_{i+m, j+n} (m down, n across)") {
                coreCorrelation(x, k.transposed, bias: b)
            })
        mistakes.append(
            Diagnosis(
                "the output is the \"full\" correlation (every position where the kernel overlaps the input); Eq. 6.1 keeps only the positions where it fits inside: (H − F_h + 1) × (W − F_w + 1)"
            ) {
                coreFullCorrelation(x, k)
            })
    } else {
        mistakes.append(
            Diagnosis("the kernel's rows and columns are swapped: k is F_h × F_w, m runs down and n across") {
                x.rows >= k.columns && x.columns >= k.rows ? coreCorrelation(x, k.transposed, bias: b) : nil
            })
    }
    mistakes.append(
        Diagnosis(
            "the output is one row and one column too small: there are H − F_h + 1 positions down (Eq. 6.3), not H − F_h"
        ) {
            x.rows > k.rows && x.columns > k.columns
                ? Matrix(rows: x.rows - k.rows, columns: x.columns - k.columns) : nil
        })
    return mistakes
}

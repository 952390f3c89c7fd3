// Checks of exercise 6.8 (im2col, Eq. 6.5): the worked example of §6.1 as a patch matrix, the
// core's Im2Col with channels, strides and padding, and Z = W X_col + b against Convolution2D.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 6.5 — the 3×4 input and 2×2 kernel of §6.1: a 4×6 patch matrix, and [1 2 3 4] X_col = [21 9 9 14 29 20]")
    {
        let x = Matrix([[1, 2, 0, 3], [4, 1, 1, 0], [0, 2, 5, 1]])
        // Column i·3 + j is the window at (i, j), read row by row: (0, 0) holds 1, 2, 4, 1.
        let expected = Matrix([
            [1, 2, 0, 4, 1, 1], [2, 0, 3, 1, 1, 0], [4, 1, 1, 0, 2, 5], [1, 1, 0, 2, 5, 1],
        ])
        let patches = try patchMatrix([x], kernelHeight: 2, kernelWidth: 2, stride: 1, padding: 0)
        try expectClose(patches, expected, "X_col", diagnoses: patchMistakes([x], 2, 2, 1, 0))
        try expectClose(Matrix(row: [1, 2, 3, 4]) * patches, Matrix(row: [21, 9, 9, 14, 29, 20]), "w X_col")
    },
    Check(
        "Eq. 6.5 — 2 channels with stride 2 and padding 1, and 3 channels with a 2×3 kernel and padding 2: the core's Im2Col"
    ) {
        var generator = SeededGenerator(seed: 77)
        for (channels, h, w, fh, fw, s, p) in [(2, 5, 6, 3, 3, 2, 1), (3, 4, 5, 2, 3, 1, 2), (1, 7, 7, 3, 3, 3, 0)] {
            let maps = (0..<channels).map { _ in Matrix.gaussian(h, w, using: &generator) }
            let geometry = ConvolutionGeometry(
                inputChannels: channels, outputChannels: 1, inputHeight: h, inputWidth: w, kernelHeight: fh,
                kernelWidth: fw, stride: s, padding: p)
            let input = FeatureMaps(channels: channels, batch: 1, height: h, width: w) { c, _, y, x in maps[c][y, x] }
            try inCase("\(channels) maps of \(h)×\(w), a \(fh)×\(fw) kernel, S = \(s), P = \(p)") {
                try expectClose(
                    try patchMatrix(maps, kernelHeight: fh, kernelWidth: fw, stride: s, padding: p),
                    Im2Col.patches(input, geometry: geometry), "X_col", diagnoses: patchMistakes(maps, fh, fw, s, p))
            }
        }
    },
    Check(
        "Eq. 6.5 — Z = W X_col + b with your patches equals the core's Convolution2D (2 → 3 channels, stride 2, padding 1)"
    ) {
        var generator = SeededGenerator(seed: 78)
        let geometry = ConvolutionGeometry(
            inputChannels: 2, outputChannels: 3, inputHeight: 7, inputWidth: 6, kernel: 3, stride: 2, padding: 1)
        var layer = Convolution2D(geometry: geometry, using: &generator)
        layer.biases = Matrix.gaussian(3, 1, using: &generator)
        let maps = (0..<2).map { _ in Matrix.gaussian(7, 6, using: &generator) }
        let input = FeatureMaps(channels: 2, batch: 1, height: 7, width: 6) { c, _, y, x in maps[c][y, x] }
        let patches = try patchMatrix(maps, kernelHeight: 3, kernelWidth: 3, stride: 2, padding: 1)
        try expect(
            patches.rows == geometry.patchSize && patches.columns == geometry.outputHeight * geometry.outputWidth,
            "X_col has shape \(patches.shapeDescription); expected \(geometry.patchSize)×\(geometry.outputHeight * geometry.outputWidth)"
        )
        try expectClose(
            (layer.weights * patches).addingToEachColumn(layer.biases), layer.forward(input).z.values, "Z = W X_col + b"
        )
    },
]

/// A patch matrix built with some of the classic mistakes, for the diagnoses.
func patches(
    _ x: [Matrix], _ fh: Int, _ fw: Int, _ s: Int, _ p: Int, channelLast: Bool = false, columnMajor: Bool = false,
    ignoreStride: Bool = false, kernelColumnsFirst: Bool = false
) -> Matrix {
    let (h, w, channels) = (x[0].rows, x[0].columns, x.count)
    let oh = (h - fh + 2 * p) / s + 1
    let ow = (w - fw + 2 * p) / s + 1
    var result = Matrix(rows: channels * fh * fw, columns: oh * ow)
    for c in 0..<channels {
        for m in 0..<fh {
            for n in 0..<fw {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let step = ignoreStride ? 1 : s
                        let (y, z) = (i * step + m - p, j * step + n - p)
                        guard y >= 0 && y < h && z >= 0 && z < w else { continue }
                        let row =
                            channelLast
                            ? (m * fw + n) * channels + c
                            : kernelColumnsFirst ? (c * fw + n) * fh + m : (c * fh + m) * fw + n
                        result[row, columnMajor ? j * oh + i : i * ow + j] = x[c][y, z]
                    }
                }
            }
        }
    }
    return result
}

/// The classic wrong answers to Eq. 6.5, from the same maps and geometry.
func patchMistakes(_ x: [Matrix], _ fh: Int, _ fw: Int, _ s: Int, _ p: Int) -> [Diagnosis] {
    [
        Diagnosis(
            "the rows are ordered (m, n, c), channel last: Eq. 6.5 orders them (c, m, n), row (c·F_h + m)·F_w + n, as the kernels in W's rows"
        ) {
            x.count > 1 ? patches(x, fh, fw, s, p, channelLast: true) : nil
        },
        Diagnosis(
            "the kernel offsets are ordered column by column (n before m): row (c·F_h + m)·F_w + n reads the kernel row by row"
        ) {
            fh > 1 && fw > 1 ? patches(x, fh, fw, s, p, kernelColumnsFirst: true) : nil
        },
        Diagnosis("the output positions are ordered column by column: position (i, j) is column i·OW + j, row by row") {
            patches(x, fh, fw, s, p, columnMajor: true)
        },
        Diagnosis("the stride is missing: window (i, j) starts at pixel (i·S − P, j·S − P)") {
            s > 1 ? patches(x, fh, fw, s, p, ignoreStride: true) : nil
        },
        Diagnosis(
            "the padding is missing: the padded input has P zeros on each side, so OH = (H − F_h + 2P)/S + 1 (Eq. 6.3) and pixel (i·S + m − P, j·S + n − P)"
        ) {
            p > 0 && x[0].rows >= fh && x[0].columns >= fw ? patches(x, fh, fw, s, 0) : nil
        },
    ]
}

// Checks of exercise 6.5 (max pooling forward and its arg-max, Eq. 6.10): the pooling example of
// §6.4, the core's Pooling2D on maps whose last rows and columns do not fill a window, and the
// ReLU maps of a real convolutional layer, full of tied zeros.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 6.10 — the example of §6.4 pools to [4 5; 6 7], won by the pixels at indices 4, 7, 12, 10") {
        let x = PoolingExample.input
        let (pooled, argmax) = try maxPool(x, size: 2)
        try expectClose(pooled, Matrix([[4, 5], [6, 7]]), "pooled", diagnoses: poolMistakes(x, 2))
        try expectEqual(argmax, [4, 7, 12, 10], "argmax", diagnoses: argmaxMistakes(x, 2))
    },
    Check(
        "Eq. 6.10 — 6×8 with 2×2 windows and 7×8 with 3×3 (the last row and columns dropped, Eq. 6.3): the core's Pooling2D"
    ) {
        var generator = SeededGenerator(seed: 70)
        for (h, w, s) in [(6, 8, 2), (7, 8, 3), (5, 5, 5)] {
            let x = Matrix.gaussian(h, w, using: &generator)
            let core = coreMaxPool(x, size: s)
            let (pooled, argmax) = try maxPool(x, size: s)
            try inCase("a \(h)×\(w) input and s = \(s)") {
                try expectClose(pooled, core.pooled, "pooled", diagnoses: poolMistakes(x, s))
                try expectEqual(argmax, core.argmax, "argmax", diagnoses: argmaxMistakes(x, s))
            }
        }
    },
    Check(
        "Eq. 6.10 — the ReLU maps of a convolutional layer on a digit (ties at 0 go to the first pixel): the core's Pooling2D"
    ) {
        // A 12×12 "1"-like stroke, 4 kernels of 3×3, ReLU: many windows are all zeros.
        var generator = SeededGenerator(seed: 71)
        let image = Matrix(rows: 12, columns: 12) { y, x in abs(x - 6 + y / 4) <= 1 && y >= 1 && y <= 10 ? 1 : 0 }
        let geometry = ConvolutionGeometry(
            inputChannels: 1, outputChannels: 4, inputHeight: 12, inputWidth: 12, kernel: 3)
        let layer = Convolution2D(geometry: geometry, using: &generator)
        let maps = Activation.relu.value(layer.forward(FeatureMaps(image: image)).z.values)
        let activations = FeatureMaps(channels: 4, batch: 1, height: 10, width: 10, values: maps)
        for c in 0..<4 {
            let x = activations.map(channel: c, example: 0)
            let core = coreMaxPool(x, size: 2)
            let (pooled, argmax) = try maxPool(x, size: 2)
            try inCase("the ReLU map of output channel \(c) (10×10, s = 2)") {
                try expectClose(pooled, core.pooled, "pooled", diagnoses: poolMistakes(x, 2))
                try expectEqual(argmax, core.argmax, "argmax", diagnoses: argmaxMistakes(x, 2))
            }
        }
    },
]

/// The window maxima (or another statistic) of x, s × s windows moved `stride` at a time.
func windows(_ x: Matrix, _ s: Int, stride: Int? = nil, _ statistic: ([Double]) -> Double) -> Matrix? {
    let step = stride ?? s
    guard x.rows >= s, x.columns >= s else { return nil }
    return Matrix(rows: (x.rows - s) / step + 1, columns: (x.columns - s) / step + 1) { i, j in
        var values: [Double] = []
        for p in (i * step)..<(i * step + s) {
            for q in (j * step)..<(j * step + s) { values.append(x[p, q]) }
        }
        return statistic(values)
    }
}

/// The classic wrong answers for the pooled map.
func poolMistakes(_ x: Matrix, _ s: Int) -> [Diagnosis] {
    [
        Diagnosis("this is average pooling (Eq. 6.11): max pooling keeps the largest pixel of each window") {
            windows(x, s) { $0.reduce(0, +) / Double($0.count) }
        },
        Diagnosis("this is the smallest pixel of each window: max pooling keeps the largest") {
            windows(x, s) { $0.min()! }
        },
        Diagnosis(
            "the windows overlap (moved 1 pixel at a time): they move s pixels, so the output is (H − s)/s + 1 by (W − s)/s + 1"
        ) {
            windows(x, s, stride: 1) { $0.max()! }
        },
        Diagnosis(
            "partial windows at the bottom or right are kept: Eq. 6.3 rounds down, so rows and columns that do not fill a window are dropped"
        ) {
            let (rows, columns) = ((x.rows + s - 1) / s, (x.columns + s - 1) / s)
            guard rows * s != x.rows || columns * s != x.columns else { return nil }
            return Matrix(rows: rows, columns: columns)
        },
    ]
}

/// The classic wrong answers for the arg-max.
func argmaxMistakes(_ x: Matrix, _ s: Int) -> [(explanation: String, wrong: [Int])] {
    let (rows, columns) = ((x.rows - s) / s + 1, (x.columns - s) / s + 1)
    var inside: [Int] = []
    var columnMajor: [Int] = []
    var lastOnTies: [Int] = []
    var rowMajorSwapped: [Int] = []
    for i in 0..<rows {
        for j in 0..<columns {
            var best = (i * s, j * s)
            var last = (i * s, j * s)
            for p in (i * s)..<(i * s + s) {
                for q in (j * s)..<(j * s + s) {
                    if x[p, q] > x[best.0, best.1] { best = (p, q) }
                    if x[p, q] >= x[last.0, last.1] { last = (p, q) }
                }
            }
            inside.append((best.0 - i * s) * s + (best.1 - j * s))
            columnMajor.append(best.1 * x.rows + best.0)
            lastOnTies.append(last.0 * x.columns + last.1)
            rowMajorSwapped.append(best.0 * x.rows + best.1)
        }
    }
    return [
        ("the arg-max is counted inside the window: it must index the whole input, p·W + q for pixel (p, q)", inside),
        ("the arg-max is counted column by column (q·H + p): count row by row, p·W + q", columnMajor),
        ("the arg-max multiplies the row by H instead of W: pixel (p, q) is at p·W + q", rowMajorSwapped),
        (
            "on ties the last pixel wins: when several pixels share the maximum, the first in reading order (a strict >) wins",
            lastOnTies
        ),
    ]
}

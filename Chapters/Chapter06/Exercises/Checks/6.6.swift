// Checks of exercise 6.6 (Eq. 6.10, Eq. 6.11): the pooling example of §6.4, central differences,
// overlapping windows against the core's Pooling2D, and a convolution → ReLU → max-pool model
// whose kernel gradient goes through your backward pass.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check(
        "Eq. 6.10, Eq. 6.11 — the example of §6.4: g = [10 20; 30 40] routed back through 2×2 max and average pooling"
    ) {
        let g = PoolingExample.gradient
        // On x = PoolingExample.input the maxima 4, 5, 6, 7 sit at (1, 0), (1, 3), (3, 0), (2, 2): indices 4, 7, 12, 10.
        let argmax = [4, 7, 12, 10]
        try expectClose(
            try maxPoolBackward(gradient: g, argmax: argmax, inputRows: 4, inputColumns: 4),
            Matrix([[0, 0, 0, 0], [10, 0, 0, 20], [0, 0, 40, 0], [30, 0, 0, 0]]), "max-pool ∂C/∂x",
            diagnoses: maxBackwardMistakes(g, argmax, 4, 4))
        try expectClose(
            try averagePoolBackward(gradient: g, size: 2, inputRows: 4, inputColumns: 4),
            Matrix([[2.5, 2.5, 5, 5], [2.5, 2.5, 5, 5], [7.5, 7.5, 10, 10], [7.5, 7.5, 10, 10]]),
            "average-pool ∂C/∂x", diagnoses: averageBackwardMistakes(g, 2, 4, 4))
    },
    Check(
        "Eq. 6.10, Eq. 6.11 — central differences of C = Σ g ⊙ pool(x) on a 7×8 input with 3×3 windows and a 6×6 with 2×2"
    ) {
        var generator = SeededGenerator(seed: 72)
        for (h, w, s) in [(7, 8, 3), (6, 6, 2)] {
            let x = Matrix.gaussian(h, w, using: &generator)
            let (oh, ow) = ((h - s) / s + 1, (w - s) / s + 1)
            let g = Matrix.gaussian(oh, ow, using: &generator)
            let argmax = coreMaxPool(x, size: s).argmax
            let numericMax = GradientCheck.numericGradient(of: { coreMaxPool($0, size: s).pooled.dot(g) }, at: x)
            try expectGradient(
                try maxPoolBackward(gradient: g, argmax: argmax, inputRows: h, inputColumns: w), matches: numericMax,
                "max-pool ∂C/∂x (\(h)×\(w), s = \(s))", diagnoses: maxBackwardMistakes(g, argmax, h, w))
            let average = Pooling2D(.average, size: s)
            let numericAverage = GradientCheck.numericGradient(
                of: { average.forward(FeatureMaps(image: $0)).output.map(channel: 0, example: 0).dot(g) }, at: x)
            try expectGradient(
                try averagePoolBackward(gradient: g, size: s, inputRows: h, inputColumns: w), matches: numericAverage,
                "average-pool ∂C/∂x (\(h)×\(w), s = \(s))", diagnoses: averageBackwardMistakes(g, s, h, w))
        }
    },
    Check(
        "Eq. 6.10 — overlapping 3×3 windows moved 2 pixels: a pixel that wins several windows collects every gradient (the core's Pooling2D)"
    ) {
        // A bright pixel at the crossing of four windows wins them all.
        var generator = SeededGenerator(seed: 73)
        var x = Matrix.gaussian(9, 9, using: &generator)
        x[2, 2] = 10
        x[6, 4] = 10
        let core = coreMaxPool(x, size: 3, stride: 2)
        let g = Matrix.gaussian(core.pooled.rows, core.pooled.columns, using: &generator)
        try expectClose(
            try maxPoolBackward(gradient: g, argmax: core.argmax, inputRows: 9, inputColumns: 9),
            corePoolBackward(x, gradient: g, kind: .max, size: 3, stride: 2), "max-pool ∂C/∂x",
            diagnoses: maxBackwardMistakes(g, core.argmax, 9, 9))
    },
    Check(
        "Eq. 6.10 — convolution → ReLU → max-pool → C = ½ Σ (pooled − t)²: the kernel's gradient through your backward pass matches central differences"
    ) {
        var generator = SeededGenerator(seed: 74)
        let x = Matrix.gaussian(9, 9, using: &generator)
        let k = Matrix.gaussian(2, 2, using: &generator)
        let t = Matrix.gaussian(4, 4, using: &generator)
        func cost(_ k: Matrix) -> Double {
            let d = coreMaxPool(Activation.relu.value(coreCorrelation(x, k, bias: 0.1)), size: 2).pooled - t
            return 0.5 * d.dot(d)
        }
        let z = coreCorrelation(x, k, bias: 0.1)
        let (pooled, argmax) = coreMaxPool(Activation.relu.value(z), size: 2)
        // Back through the pooling (yours), then ReLU′(z), then Eq. 6.8.
        let dA = try maxPoolBackward(gradient: pooled - t, argmax: argmax, inputRows: 8, inputColumns: 8)
        try shaped(dA, like: z, "max-pool ∂C/∂x")
        let delta = dA ⊙ Activation.relu.derivative(z)
        try expectGradient(
            DirectConvolution.crossCorrelate(x, delta), matches: GradientCheck.numericGradient(of: cost, at: k),
            "∂C/∂k through your max-pool backward")
    },
]

/// The classic wrong answers to Eq. 6.10, from the same g and arg-max.
func maxBackwardMistakes(_ g: Matrix, _ argmax: [Int], _ h: Int, _ w: Int) -> [Diagnosis] {
    [
        Diagnosis(
            "a pixel that wins several windows keeps only the last gradient: Eq. 6.10 sums over every window r ∋ p (use +=, not =)"
        ) {
            var dx = Matrix(rows: h, columns: w)
            for (r, winner) in argmax.enumerated() { dx[winner / w, winner % w] = g.elements[r] }
            return dx
        },
        Diagnosis("the arg-max was read column by column: index p·W + q is row p = index / W, column q = index % W") {
            var dx = Matrix(rows: h, columns: w)
            for (r, winner) in argmax.enumerated() where winner % h < h && winner / h < w {
                dx[winner % h, winner / h] += g.elements[r]
            }
            return dx
        },
    ]
}

/// The classic wrong answers to Eq. 6.11.
func averageBackwardMistakes(_ g: Matrix, _ s: Int, _ h: Int, _ w: Int) -> [Diagnosis] {
    return [
        Diagnosis("the 1/s² is missing: the mean of s² pixels passes g/s² to each") {
            spreadAverage(g, s, h, w, factor: 1)
        },
        Diagnosis("divided by s instead of s²: a window holds s × s pixels") {
            spreadAverage(g, s, h, w, factor: 1 / Double(s))
        },
        Diagnosis("pixels of the leftover rows or columns got a gradient: they belonged to no window, so they get 0") {
            spreadAverage(g, s, h, w, factor: 1 / Double(s * s), keepPartial: true)
        },
    ]
}

/// g of each window times `factor` on every pixel of the window (and on the leftover pixels too,
/// with `keepPartial`, as if they belonged to the last window).
func spreadAverage(_ g: Matrix, _ s: Int, _ h: Int, _ w: Int, factor: Double, keepPartial: Bool = false) -> Matrix {
    Matrix(rows: h, columns: w) { p, q in
        let (i, j) = (min(p / s, g.rows - 1), min(q / s, g.columns - 1))
        return keepPartial || (p / s < g.rows && q / s < g.columns) ? g[i, j] * factor : 0
    }
}

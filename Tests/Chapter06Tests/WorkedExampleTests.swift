// The chapter's worked examples: the 3×4 ⊛ 2×2 convolution in symbols and numbers, the
// multi-channel sum, and the hand-computed backward example.

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter06

@Suite("Chapter 06 — worked examples (Eq. 6.1–6.9)")
struct WorkedExampleTests {
    @Test("Eq. 6.1 — the 3×4 ⊛ 2×2 example written with letters")
    func symbolic() {
        let output = WorkedExample.symbolicOutput()
        #expect(output.count == 2 && output.allSatisfy { $0.count == 3 })
        #expect(output[0][0] == "aw + bx + ey + fz")
        #expect(output[0][2] == "cw + dx + gy + hz")
        #expect(output[1][1] == "fw + gx + jy + kz")
    }

    @Test("Eq. 6.1, Eq. 6.2 — the 3×4 ⊛ 2×2 example's exact numbers, correlation and convolution")
    func numbers() {
        // Correlation row 0: 1+4+12+4 = 21, 2+0+3+4 = 9, 0+6+3+0 = 9;
        // row 1: 4+2+0+8 = 14, 1+2+6+20 = 29, 1+0+15+4 = 20.
        let correlated = DirectConvolution.crossCorrelate(WorkedExample.input, WorkedExample.kernel)
        #expect(correlated == Matrix([[21, 9, 9], [14, 29, 20]]))
        // Convolution uses the flipped kernel [[4, 3], [2, 1]]: row 0 is 4+6+8+1 = 19,
        // 8+0+2+1 = 11, 0+9+2+0 = 11; row 1 is 16+3+0+2 = 21, 4+3+4+5 = 16, 4+0+10+1 = 15.
        let convolved = DirectConvolution.convolve(WorkedExample.input, WorkedExample.kernel)
        #expect(convolved == Matrix([[19, 11, 11], [21, 16, 15]]))
        let geometry = ConvolutionGeometry(
            inputChannels: 1, outputChannels: 1, inputHeight: 3, inputWidth: 4, kernel: 2)
        let layer = Convolution2D(
            geometry: geometry, weights: Matrix(row: WorkedExample.kernel.elements), biases: Matrix(column: [0]))
        #expect(layer.forward(FeatureMaps(image: WorkedExample.input)).z.map(channel: 0, example: 0) == correlated)
    }

    @Test("Eq. 6.7, Eq. 6.8, Eq. 6.9 — the backward example: formulas, layer and central differences agree")
    func backwardExample() {
        let layer = BackpropExample.layer
        let x = BackpropExample.input
        let (z, cache) = layer.forward(FeatureMaps(image: x))
        let delta = z.map(channel: 0, example: 0) - BackpropExample.target
        let g = layer.gradients(delta: FeatureMaps(image: delta), cache: cache)
        // (6.8) ∂C/∂w = x ⋆ δ, (6.9) ∂C/∂b = Σ δ, (6.7) ∂C/∂x = pad(δ) ⋆ rot180(w).
        expectClose(
            g.weights, Matrix(row: DirectConvolution.crossCorrelate(x, delta).elements),
            tolerance: Tolerance.exactArithmetic)
        expectClose(g.biases[0, 0], delta.sum(), tolerance: Tolerance.exactArithmetic)
        expectClose(
            layer.propagate(delta: FeatureMaps(image: delta), cache: cache).map(channel: 0, example: 0),
            DirectConvolution.fullConvolutionWithRotatedKernel(delta, BackpropExample.kernel),
            tolerance: Tolerance.exactArithmetic)
        #expect(BackpropExample.finiteDifferenceError() < Tolerance.gradientCheckSmooth)
    }
}

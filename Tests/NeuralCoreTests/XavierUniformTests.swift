// Caffe's "xavier" filler: uniform weights in ±√(3/n_in), for dense layers and convolution kernels.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Xavier uniform initialization (Caffe's xavier filler)")
struct XavierUniformTests {
    @Test("Eq. 6.13 — a = √(3/n_in): 0.3464… for a 5×5 kernel on one channel, 0.0612… for 800 inputs")
    func bound() {
        expectClose(XavierUniform.bound(fanIn: 25), (3.0 / 25).squareRoot(), tolerance: Tolerance.exactArithmetic)
        expectClose(XavierUniform.bound(fanIn: 800), 0.061_237_243_569_579_45, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 6.13 — kernels lie inside ±√(3/(Cin·F²)) with variance near 1/n_in; biases 0")
    func kernels() {
        var generator = SeededGenerator(seed: 5)
        let geometry = ConvolutionGeometry(
            inputChannels: 20, outputChannels: 50, inputHeight: 12, inputWidth: 12, kernel: 5)
        let layer = Convolution2D(geometry: geometry, initialization: .xavierUniform, using: &generator)
        let fanIn = 20 * 25
        let a = XavierUniform.bound(fanIn: fanIn)
        #expect(layer.weights.rows == 50 && layer.weights.columns == fanIn)
        #expect(layer.weights.elements.allSatisfy { abs($0) <= a })
        #expect(layer.biases.elements.allSatisfy { $0 == 0 })
        let values = layer.weights.elements
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        // 25,000 draws: the sample variance is within a few per cent of (2a)²/12 = 1/n_in.
        #expect(abs(variance * Double(fanIn) - 1) < 0.03, "variance · n_in = \(variance * Double(fanIn))")
        // Uniform, not Gaussian: a sixth of the draws land in each sixth of the interval.
        let outer = values.filter { abs($0) > 2 * a / 3 }.count
        #expect(abs(Double(outer) / Double(values.count) - 1.0 / 3) < 0.02)
    }

    @Test("Eq. 6.13 — the dense layer: outputs × inputs weights in ±√(3/inputs), zero biases")
    func dense() {
        var generator = SeededGenerator(seed: 6)
        let layer = XavierUniform.layer(inputs: 800, outputs: 500, activation: .relu, using: &generator)
        #expect(layer.weights.rows == 500 && layer.weights.columns == 800)
        #expect(layer.weights.elements.allSatisfy { abs($0) <= XavierUniform.bound(fanIn: 800) })
        #expect(layer.weights.elements.max()! > 0.99 * XavierUniform.bound(fanIn: 800))
        #expect(layer.biases.elements.allSatisfy { $0 == 0 })
    }

    @Test("Convolution2D(initialization: .he) draws exactly what the He initializer draws")
    func heUnchanged() {
        let geometry = ConvolutionGeometry(
            inputChannels: 1, outputChannels: 20, inputHeight: 28, inputWidth: 28, kernel: 5)
        var a = SeededGenerator(seed: 9)
        var b = SeededGenerator(seed: 9)
        #expect(
            Convolution2D(geometry: geometry, initialization: .he, using: &a)
                == Convolution2D(geometry: geometry, using: &b))
        #expect(a.next() == b.next())
    }
}

// The gate nonlinearities of the gated cells come from a branch-free eˣ (VectorMath); it must
// agree with the C library to a few ulps wherever the gates can be evaluated.

import Foundation
import TestSupport
import Testing

@testable import NeuralCore

@Suite("Gated cells — the vectorizable exponential")
struct GatedVectorMathTests {
    @Test("Eq. 8.2 — eˣ, σ and tanh agree with libm to 4·10⁻¹⁶ relative over [−700, 700]")
    func agreesWithLibm() {
        var worst = (exp: 0.0, sigmoid: 0.0, tanh: 0.0)
        var generator = SeededGenerator(seed: 1)
        let points =
            (0..<20_000).map { _ in generator.uniform(-700, 700) }
            + (0..<20_000).map { _ in generator.uniform(-20, 20) }
            + [0, -0.0, 1e-300, -1e-12, 0.5 * log(2.0), -0.5 * log(2.0)]
        for x in points {
            worst.exp = max(worst.exp, abs(VectorMath.exp(x) - Foundation.exp(x)) / Foundation.exp(x))
            let sigmoid = 1 / (1 + Foundation.exp(-x))
            worst.sigmoid = max(worst.sigmoid, abs(VectorMath.sigmoid(x) - sigmoid) / sigmoid)
            worst.tanh = max(worst.tanh, abs(VectorMath.tanh(x) - Foundation.tanh(x)))
        }
        #expect(worst.exp < 4e-16, "eˣ: \(worst.exp)")
        #expect(worst.sigmoid < 4e-16, "σ: \(worst.sigmoid)")
        #expect(worst.tanh < 4e-16, "tanh (absolute): \(worst.tanh)")
    }

    @Test("Far outside the clamp, σ and tanh saturate to exactly 0, 1 and ±1 without NaN")
    func saturates() {
        #expect(VectorMath.sigmoid(1e6) == 1)
        #expect(VectorMath.sigmoid(-1e6) < 1e-300)
        #expect(VectorMath.tanh(1e6) == 1)
        #expect(VectorMath.tanh(-1e6) == -1)
        #expect(!VectorMath.exp(-1e6).isNaN && VectorMath.exp(-1e6) >= 0)
    }

    @Test("Eq. 8.2 — the in-place σ and tanh loops (C, the CPU's widest vectors) equal the scalar ones bit for bit")
    func inPlaceLoopsEqualScalars() {
        var generator = SeededGenerator(seed: 2)
        // Lengths that leave remainders after every vector width, and values across the clamp.
        for count in [0, 1, 3, 7, 8, 9, 17, 1_001] {
            let x =
                (0..<count).map { _ in generator.uniform(-30, 30) }.enumerated().map { index, value in
                    index % 97 == 5 ? value * 100 : value
                }
            var sigmoid = x
            var tanh = x
            sigmoid.withUnsafeMutableBufferPointer { VectorMath.sigmoidInPlace($0, 0..<count) }
            tanh.withUnsafeMutableBufferPointer { VectorMath.tanhInPlace($0, 0..<count) }
            #expect(sigmoid.map(\.bitPattern) == x.map { VectorMath.sigmoid($0).bitPattern }, "σ, \(count) entries")
            #expect(tanh.map(\.bitPattern) == x.map { VectorMath.tanh($0).bitPattern }, "tanh, \(count) entries")
        }
        // A range inside a buffer leaves the rest alone.
        var buffer = [0.5, 1.0, 2.0, 3.0]
        buffer.withUnsafeMutableBufferPointer { VectorMath.sigmoidInPlace($0, 1..<3) }
        #expect(buffer[0] == 0.5 && buffer[3] == 3.0 && buffer[1] == VectorMath.sigmoid(1.0))
        // NaN passes through as in the scalar functions.
        var nan = [Double.nan]
        nan.withUnsafeMutableBufferPointer { VectorMath.tanhInPlace($0, 0..<1) }
        #expect(nan[0].isNaN && VectorMath.tanh(.nan).isNaN)
    }
}

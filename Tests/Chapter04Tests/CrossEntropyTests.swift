import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter04

@Suite("Chapter 04 — the cross-entropy cost")
struct CrossEntropyTests {
    static let outputs = stride(from: 0.001, through: 0.999, by: 0.001).map { $0 }

    func cost(_ a: Double, _ y: Double) -> Double {
        CrossEntropyCost().cost(
            z: Matrix(row: [log(a / (1 - a))]), output: Matrix(row: [a]), target: Matrix(row: [y]), activation: .sigmoid
        )
    }

    @Test("Eq. 4.2 — C = −[y ln a + (1 − y) ln(1 − a)] as computed from z equals the formula")
    func formula() {
        for a in Self.outputs {
            for y in [0.0, 0.25, 1.0] {
                expectClose(cost(a, y), -(y * log(a) + (1 - y) * log(1 - a)), tolerance: 1e-10)
            }
        }
    }

    @Test("Eq. 4.2 — cross-entropy is non-negative for every a ∈ (0, 1) and y ∈ [0, 1]")
    func nonNegative() {
        for a in Self.outputs {
            for y in stride(from: 0.0, through: 1.0, by: 0.1) { #expect(cost(a, y) >= 0, "C(\(a); \(y))") }
        }
    }

    @Test("Eq. 4.2 — cross-entropy is near zero when the output is right")
    func nearZeroWhenRight() {
        #expect(cost(0.999, 1) < 0.0011)
        #expect(cost(0.001, 0) < 0.0011)
        // And it grows without bound when confidently wrong.
        #expect(cost(0.001, 1) > 6.9)
        // Averaged over n examples (the 1/n of Eq. 4.2): the mean of the per-example costs.
        let a = Matrix(row: [0.9, 0.2, 0.6])
        let y = Matrix(row: [1, 0, 1])
        let z = a.map { log($0 / (1 - $0)) }
        let mean = CrossEntropyCost().cost(z: z, output: a, target: y, activation: .sigmoid) / 3
        expectClose(mean, (cost(0.9, 1) + cost(0.2, 0) + cost(0.6, 1)) / 3, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 4.2 — for a target y strictly inside (0, 1) the minimum is at a = y and equals the entropy of y")
    func minimumAtTarget() {
        let y = 0.3
        let best = Self.outputs.min { cost($0, y) < cost($1, y) }!
        expectClose(best, y, tolerance: 1e-3)
        expectClose(cost(y, y), -(y * log(y) + (1 - y) * log(1 - y)), tolerance: Tolerance.exactArithmetic)
    }
}

// Eq. 5.7: inverted dropout leaves the expected activation unchanged.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — inverted dropout")
struct DropoutTests {
    /// A mean of N independent draws lies within 4 standard errors of its expectation with
    /// probability above 0.9999 (normal approximation); with a fixed seed the test is deterministic.
    static let standardErrorsAllowed = 4.0

    @Test("Eq. 5.7 — E[mask ⊙ a] = a, within 4 standard errors over 20,000 seeded masks")
    func expectation() {
        var generator = SeededGenerator(seed: 5)
        for keep in [0.2, 0.5, 0.8] {
            let result = DropoutExpectation(
                activations: DropoutSetup.exampleActivations, keep: keep, samples: DropoutSetup.expectationSamples,
                generator: &generator)
            #expect(
                result.largestStandardisedDeviation < Self.standardErrorsAllowed,
                "p = \(keep): \(result.means) against \(result.activations)")
        }
    }

    @Test("Eq. 5.7 — mask entries are 1/p or 0, and the kept fraction is near p")
    func maskValues() {
        var generator = SeededGenerator(seed: 6)
        let keep = 0.5
        let n = 10_000
        let mask = Dropout.mask(like: Matrix(rows: n, columns: 1), keep: keep, using: &generator)
        #expect(mask.elements.allSatisfy { $0 == 0 || $0 == 1 / keep })
        let kept = Double(mask.elements.filter { $0 > 0 }.count) / Double(n)
        let standardError = (keep * (1 - keep) / Double(n)).squareRoot()
        #expect(abs(kept - keep) < Self.standardErrorsAllowed * standardError)
    }

    @Test("The dropout diagram keeps every input and output unit")
    func pattern() {
        var generator = SeededGenerator(seed: 1)
        let pattern = sampledDropoutPattern(sizes: [6, 8, 8, 3], keep: 0.5, generator: &generator)
        #expect(pattern.map(\.count) == [6, 8, 8, 3])
        #expect(pattern.first!.allSatisfy { $0 } && pattern.last!.allSatisfy { $0 })
    }
}

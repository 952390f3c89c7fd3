// Eq. 5.8–5.9: the spread of the initial weights, and the saturation it causes or avoids.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — weight initialization")
struct InitializationTests {
    /// The sample standard deviation of N Gaussian draws has a relative standard error of about
    /// 1/√(2N) (0.25% for a 784 × 100 layer); 2% is eight of those.
    static let relativeSpreadTolerance = 0.02

    @Test(
        "Eq. 5.8, 5.9 — sample standard deviations of N(0, 1), N(0, 1/n_in), Xavier and He weights",
        arguments: [WeightInitialization.standardNormal, .scaledNormal, .xavier, .he])
    func spreads(_ initialization: WeightInitialization) {
        var generator = SeededGenerator(seed: 2)
        let (inputs, outputs) = (784, 100)
        let layer = initialization.layer(inputs: inputs, outputs: outputs, activation: .sigmoid, using: &generator)
        let expected: Double =
            switch initialization {
            case .standardNormal: 1
            case .scaledNormal: (1.0 / 784).squareRoot()
            case .xavier: (2.0 / 884).squareRoot()
            case .he: (2.0 / 784).squareRoot()
            }
        let measured = InitializationStudy.standardDeviation(layer.weights.elements)
        #expect(abs(measured / expected - 1) < Self.relativeSpreadTolerance, "\(initialization): \(measured)")
    }

    @Test("Eq. 5.8 — N(0, 1) weights saturate far more hidden units (|z| > 4) than N(0, 1/n_in)")
    func saturation() {
        // Digit-like inputs: about a fifth of 784 pixels lit, with intensities in (0, 1].
        var generator = SeededGenerator(seed: 3)
        let x = Matrix(rows: 784, columns: 200) { _, _ in
            generator.uniform() < 0.19 ? generator.uniform(0.2, 1) : 0
        }
        let standard = InitializationStudy.preActivations(
            inputs: x, hidden: 50, initialization: .standardNormal, generator: &generator)
        let scaled = InitializationStudy.preActivations(
            inputs: x, hidden: 50, initialization: .scaledNormal, generator: &generator)
        let saturatedStandard = InitializationStudy.saturatedFraction(standard)
        let saturatedScaled = InitializationStudy.saturatedFraction(scaled)
        #expect(saturatedStandard > 0.4, "N(0, 1): \(saturatedStandard)")
        #expect(saturatedScaled < 0.01, "N(0, 1/n_in): \(saturatedScaled)")
        // The spread of z follows Var z = σ_w² Σ x² + σ_b²: several units against about 1.
        #expect(InitializationStudy.standardDeviation(standard) > 5)
        #expect(abs(InitializationStudy.standardDeviation(scaled) - 1) < 0.2)
    }

    @Test("Window averages of the batch costs")
    func windows() {
        #expect(InitializationStudy.windowAverages([1, 3, 5, 7, 9], size: 2) == [2, 6])
    }
}

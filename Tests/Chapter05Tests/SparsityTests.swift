// Section 5.11: the near-zero fraction, the logarithmic bins of |w|, the soft-threshold step
// (Eq. 5.28) against a hand computation, and the claim that L1 leaves more weights near zero than
// L2 on a small seeded run.

import Figures
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — L1 sparsity")
struct SparsityTests {
    @Test("The fraction below a threshold and the exact zeros, counted by hand")
    func fraction() {
        let weights = [0.0, -0.0, 5e-4, -9.99e-4, 1e-3, -0.2, 3.0, 1e-12]
        // |w| < 10⁻³: 0, −0, 5·10⁻⁴, −9.99·10⁻⁴ and 10⁻¹² — five of eight (10⁻³ itself is not below).
        expectClose(Sparsity.fraction(weights, below: 1e-3), 5.0 / 8, tolerance: Tolerance.exactArithmetic)
        #expect(Sparsity.exactZeros(weights) == 2)
        #expect(Sparsity.fraction([], below: 1) == 0)
    }

    @Test("Logarithmic bins: edges at whole decades are exact, and each |w| lands in the bin holding it")
    func bins() {
        let edges = Sparsity.edges(lowest: -3, highest: 1, perDecade: 2)
        #expect(edges.count == 9)
        #expect(edges[0] == 1e-3 && edges[2] == 1e-2 && edges[4] == 0.1 && edges[6] == 1 && edges[8] == 10)
        expectClose(edges[1], 10.0.squareRoot() * 1e-3, tolerance: 1e-18)
        let weights = [0.0, 5e-4, -1e-3, 2e-3, 0.05, -0.5, 1, 3.0, 9.9, 10, 11, -20]
        let counted = Sparsity.counts(weights, edges: edges)
        // Below 10⁻³: 0 and 5·10⁻⁴. 10⁻³ opens bin 0, 2·10⁻³ is in [10⁻³, 3.16·10⁻³) too; 0.05 in
        // [3.16·10⁻², 0.1) = bin 3; 0.5 in [0.316, 1) = bin 5; 1 opens bin 6; 3 in [1, 3.16) = bin 6;
        // 9.9 and the top edge 10 in bin 7; 11 and 20 above.
        #expect(counted.below == 2)
        #expect(counted.bins == [2, 0, 0, 1, 0, 1, 2, 2])
        #expect(counted.above == 2)
        #expect(counted.bins.reduce(0, +) + counted.below + counted.above == weights.count)
    }

    @Test("The figure's histogram of log₁₀|w| uses the same bins as the counts")
    func histogramAgrees() {
        var generator = SeededGenerator(seed: 8)
        // Magnitudes spread over 10⁻⁷ … 10⁰·⁹, none on an edge.
        let weights = (0..<2_000).map { _ in
            Foundation.pow(10, generator.uniform(-7.9, 0.9)) * (generator.uniform() < 0.5 ? -1 : 1)
        }
        let edges = Sparsity.edges(
            lowest: SparsitySetup.lowestDecade, highest: SparsitySetup.highestDecade,
            perDecade: SparsitySetup.binsPerDecade)
        var histogram = Histogram(
            title: "", xLabel: "",
            datasets: [],
            binCount: (SparsitySetup.highestDecade - SparsitySetup.lowestDecade) * SparsitySetup.binsPerDecade)
        histogram.range = Double(SparsitySetup.lowestDecade)...Double(SparsitySetup.highestDecade)
        #expect(histogram.counts(weights.map { log10(abs($0)) }) == Sparsity.counts(weights, edges: edges).bins)
    }

    @Test("Eq. 5.28 — the soft-threshold step: SGD, then sgn(w′)·max(|w′| − ηλ/n, 0) on the weights only")
    func softThreshold() {
        // η = 0.5, λ = 0.2, n = 4: ηλ/n = 0.025.
        var optimizer = SoftThresholdSGD(learningRate: 0.5, lambda: 0.2, trainingCount: 4, penalized: [true, false])
        expectClose(optimizer.threshold, 0.025, tolerance: Tolerance.exactArithmetic)
        var parameters = [Matrix([[0.3, -0.01, 0.02, -0.5]]), Matrix(column: [0.01])]
        let gradients = [Matrix([[0.1, 0.0, -0.02, 0.2]]), Matrix(column: [0.04])]
        optimizer.step(&parameters, gradients: gradients)
        // w′ = w − ηg = [0.25, −0.01, 0.03, −0.6]; then shrink by 0.025 towards 0, stopping at 0.
        let expected = [0.225, 0.0, 0.005, -0.575]
        for (got, want) in zip(parameters[0].elements, expected) {
            expectClose(got, want, tolerance: Tolerance.exactArithmetic)
        }
        #expect(parameters[0].elements[1] == 0)
        // The bias is not penalized: b − ηg = 0.01 − 0.02.
        expectClose(parameters[1].elements[0], -0.01, tolerance: Tolerance.exactArithmetic)
        // A weight at 0 whose gradient is smaller than λ/n stays exactly at 0.
        var zero = [Matrix([[0.0]]), Matrix(column: [0])]
        optimizer.step(&zero, gradients: [Matrix([[0.04]]), Matrix(column: [0])])
        #expect(zero[0].elements[0] == 0)
    }

    @Test("The sgn(w) step of Eq. 5.4 makes a weight with no gradient hover around 0, never landing on it")
    func subgradientHovers() {
        // ηλ/n = 0.025, a weight of 0.06 and ∂C₀/∂w = 0: 0.035, 0.01, −0.015, 0.01, −0.015, …
        var w = 0.06
        var seen: [Double] = []
        for _ in 0..<20 {
            let sign: Double = w > 0 ? 1 : (w < 0 ? -1 : 0)
            w -= 0.025 * sign
            seen.append(w)
        }
        #expect(!seen.contains(0))
        #expect(seen.suffix(10).allSatisfy { abs($0) <= 0.025 })
    }

    @Test("Blank features and the zeros of their first-layer weights are counted by hand")
    func blankFeatures() {
        let data = LabeledData(examples: Matrix([[0, 1, 0], [0, 2, 0]]), labels: [0, 1], classes: 2)
        #expect(Sparsity.blankFeatures(data) == [0, 2])
        let network = Network(layers: [
            DenseLayer(
                weights: Matrix([[0, 1, 0], [0.5, 0, 0]]), biases: Matrix(column: [0, 0]), activation: .sigmoid)
        ])
        // Feature 0: weights 0 and 0.5 (one zero); feature 2: 0 and 0 (two zeros).
        #expect(Sparsity.zerosOfFeatures(network, features: [0, 2]) == 3)
    }

    @Test(
        "On 300 MNIST images, 20 epochs, λ = 1: L1 leaves more weights near 0 than L2, and only the soft threshold reaches exactly 0",
        .enabled(if: SharedData.has(.mnist), "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func l1LeavesMoreNearZero() throws {
        var generator = SeededGenerator(seed: 1)
        let loaded = try SharedData.load(.mnist, generator: &generator)
        let training = LabeledData(loaded.train).subset(0..<300)
        let test = LabeledData(loaded.test).subset(0..<200)
        let start = SeededGenerator(seed: 2)
        let runs = try SparsityRule.allCases.map { rule in
            try SparsityRun.train(rule, lambda: 1, epochs: 20, training: training, test: test, start: start)
        }
        let (l2, l1, soft) = (runs[0], runs[1], runs[2])
        print("near zero: L2 \(l2.nearZero), L1 \(l1.nearZero), soft \(soft.nearZero); zeros \(soft.exactZeros)")
        #expect(l1.nearZero > l2.nearZero + 0.02, "L1 \(l1.nearZero) against L2 \(l2.nearZero)")
        #expect(l2.exactZeros == 0 && l1.exactZeros == 0)
        #expect(soft.exactZeros > 0)
        #expect(soft.nearZero >= l1.nearZero)
        // Every weight of a pixel blank in all 300 images is exactly 0 after the soft threshold
        // once λ/n-sized steps have had time to eat its N(0, 1) start (20 epochs · 30 steps · 1/600).
        let blank = Sparsity.blankFeatures(training)
        #expect(!blank.isEmpty)
        #expect(Sparsity.zerosOfFeatures(soft.network, features: blank) > blank.count * 30 / 2)
    }
}

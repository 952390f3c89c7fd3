// Section 3.9's claims: the variance of a mini-batch gradient drawn without replacement is
// (σ²/m)(n − m)/(n − 1) exactly and in a seeded sample, and full-batch descent with a small
// enough η lowers the cost at every pass.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — batch, stochastic and mini-batch gradient descent")
struct BatchSizeTests {
    /// Every subset of `size` from 0..<n, in lexicographic order.
    static func subsets(of n: Int, size: Int) -> [[Int]] {
        guard size > 0 else { return [[]] }
        guard n >= size else { return [] }
        return subsets(of: n - 1, size: size) + subsets(of: n - 1, size: size - 1).map { $0 + [n - 1] }
    }

    @Test("Eq. 3.15 — averaged over every batch of m distinct examples, E‖ĝ − ḡ‖² = (σ²/m)(n − m)/(n − 1) exactly")
    func exactLaw() {
        var generator = SeededGenerator(seed: 3)
        let n = 7
        let gradients = (0..<n).map { _ in (0..<4).map { _ in generator.gaussian() } }
        let (mean, variance) = BatchSizeExperiment.spread(gradients)
        for m in 1...n {
            let all = Self.subsets(of: n, size: m)
            let average =
                all.reduce(0.0) { total, batch in
                    var estimate = [Double](repeating: 0, count: 4)
                    for i in batch { for k in 0..<4 { estimate[k] += gradients[i][k] / Double(m) } }
                    return total + BatchSizeExperiment.squaredDistance(estimate, mean)
                } / Double(all.count)
            expectClose(
                average, BatchSizeExperiment.predictedVariance(perExample: variance, n: n, m: m),
                tolerance: Tolerance.exactArithmetic, "m = \(m)")
        }
        #expect(Self.subsets(of: n, size: 3).count == 35)
        // With replacement it would stay σ²/m; without, the full batch has no noise at all.
        expectClose(BatchSizeExperiment.predictedVariance(perExample: variance, n: n, m: n), 0, tolerance: 0)
    }

    @Test("Eq. 3.15 — a seeded sample of 2,000 batches per m matches the law within 4 standard errors; m = n gives 0")
    func sampledLaw() {
        var generator = SeededGenerator(seed: 21)
        let points = BatchSizeExperiment.data(using: &generator)
        let data = LabeledData(points)
        let network = BatchSizeExperiment.network(using: &generator)
        let gradients = BatchSizeExperiment.perExampleGradients(network, on: data)
        let (mean, variance) = BatchSizeExperiment.spread(gradients)
        var previous = Double.infinity
        for m in [1, 5, 20, 100] {
            let sample = BatchSizeExperiment.sampledVariance(
                gradients, mean: mean, m: m, draws: 2_000, using: &generator)
            let predicted = BatchSizeExperiment.predictedVariance(perExample: variance, n: data.count, m: m)
            #expect(abs(sample.mean - predicted) < 4 * sample.standardError, "m = \(m): \(sample) vs \(predicted)")
            #expect(sample.mean < previous)
            previous = sample.mean
        }
        let whole = BatchSizeExperiment.sampledVariance(
            gradients, mean: mean, m: data.count, draws: 3, using: &generator)
        #expect(whole.mean < 1e-20)
    }

    @Test("The mean of per-example gradients over a batch is the network's batch gradient (Eq. 3.7)")
    func perExampleMean() {
        var generator = SeededGenerator(seed: 4)
        let data = LabeledData(BatchSizeExperiment.data(using: &generator))
        let network = BatchSizeExperiment.network(using: &generator)
        let gradients = BatchSizeExperiment.perExampleGradients(network, on: data)
        let batch = [3, 17, 40, 41, 199]
        let (x, y) = data.batch(batch)
        let whole = network.backpropagate(x, y, cost: LogLikelihoodCost(), generator: &generator).gradients
            .flatMap(\.elements)
        for k in whole.indices {
            let mean = batch.reduce(0.0) { $0 + gradients[$1][k] } / Double(batch.count)
            expectClose(mean, whole[k], tolerance: Tolerance.blasVersusLoop)
        }
    }

    @Test("Full-batch descent with a small enough η lowers the cost at every pass", arguments: [0.05, 0.2])
    func fullBatchMonotone(eta: Double) throws {
        var generator = SeededGenerator(seed: 8)
        let data = LabeledData(ToyDatasets.moons(count: 60, noise: 0.2, using: &generator))
        let start = BatchSizeExperiment.network(using: &generator)
        let run = try BatchSizeExperiment.train(
            from: start, on: data, batch: data.count, epochs: 60, eta: eta, using: &generator)
        #expect(run.updatesPerEpoch == 1)
        #expect(run.costs.count == 61)
        for (before, after) in zip(run.costs, run.costs.dropFirst()) { #expect(after < before) }
    }

    @Test("Updates to reach a cost: the first epoch at or below it, times the updates per epoch")
    func updatesToReach() {
        #expect(BatchSizeExperiment.updatesToReach(0.3, costs: [0.7, 0.5, 0.3, 0.2], updatesPerEpoch: 20) == 40)
        #expect(BatchSizeExperiment.updatesToReach(0.1, costs: [0.7, 0.5, 0.3, 0.2], updatesPerEpoch: 20) == nil)
        #expect(BatchSizeExperiment.updatesToReach(0.9, costs: [0.7], updatesPerEpoch: 1) == 0)
    }

    @Test("Each run starts from the same weights and takes ⌈n/m⌉ updates per epoch")
    func runShape() throws {
        var generator = SeededGenerator(seed: 9)
        let data = LabeledData(ToyDatasets.moons(count: 25, noise: 0.2, using: &generator))
        let start = BatchSizeExperiment.network(using: &generator)
        var g = SeededGenerator(seed: 1)
        let run = try BatchSizeExperiment.train(from: start, on: data, batch: 10, epochs: 2, eta: 0.1, using: &g)
        #expect(run.updatesPerEpoch == 3 && run.updateSeconds.count == 6)
        expectClose(
            run.costs[0], Evaluation.measure(start, on: data, cost: LogLikelihoodCost(), trainingCount: 25).cost,
            tolerance: Tolerance.exactArithmetic)
    }
}

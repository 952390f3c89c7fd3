// Eq. 5.5: the update-to-weight ratio of every layer stays in a sensible band during training.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — update ratios")
struct UpdateRatioTests {
    @Test("Eq. 5.5 — ‖Δw‖/‖w‖ per layer stays within [1e-5, 1e-1] on a short run of the 5.3 setup")
    func ratiosInBand() throws {
        var generator = SeededGenerator(seed: 4)
        let data = LabeledData(SyntheticDigits.generate(count: 500, generator: &generator))
        let options = TrainingOptions(
            epochs: 2, batchSize: FullDataSetup.batchSize, cost: CrossEntropyCost(),
            regularization: .l2(lambda: FullDataSetup.lambda))
        let run = try TrainingRun.make(
            label: "ratios", sizes: FullDataSetup.sizes, initialization: .scaledNormal, data: data, options: options,
            optimizer: SGD(learningRate: FullDataSetup.learningRate), evaluation: [], generator: &generator)
        let ratios = run.records.flatMap(\.updateRatios)
        #expect(ratios.count == 2 * FullDataSetup.sizes.dropFirst().count)
        for ratio in ratios {
            #expect(FullDataSetup.sensibleRatios.contains(ratio), "ratio \(ratio)")
        }
    }

    @Test("Eq. 5.6 — HalveOnPlateau as used in 5.3 halves η after `patience` epochs without a new best")
    func schedule() {
        var schedule = HalveOnPlateau(learningRate: FullDataSetup.learningRate, patience: FullDataSetup.patience)
        _ = schedule.update(validationAccuracy: 0.9)
        var decisions: [HalveOnPlateau.Decision] = []
        for _ in 0..<FullDataSetup.patience { decisions.append(schedule.update(validationAccuracy: 0.9)) }
        #expect(decisions.dropLast().allSatisfy { !$0.halved })
        #expect(decisions.last?.halved == true)
        expectClose(schedule.learningRate, FullDataSetup.learningRate / 2, tolerance: Tolerance.exactArithmetic)
    }
}

// Learning-rate schedules: fixed ones as functions of the epoch, and halving on a plateau of
// validation accuracy with its stopping rule.

import NeuralCore
import TestSupport
import Testing

@Suite("Learning-rate schedules")
struct LearningRateScheduleTests {
    @Test("A constant schedule keeps η₀ in every epoch")
    func constant() {
        for epoch in [0, 1, 7, 1000] {
            #expect(LearningRateSchedule.constant.learningRate(initial: 0.3, afterEpoch: epoch) == 0.3)
        }
    }

    @Test("Step decay multiplies η by the factor after every `every` epochs")
    func stepDecay() {
        let schedule = LearningRateSchedule.stepDecay(every: 3, factor: 0.5)
        // η₀ · 0.5^⌊e/3⌋ for e = 0…7: three epochs at 0.8, three at 0.4, then 0.2.
        let expected = [0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2]
        for (epoch, value) in expected.enumerated() {
            expectClose(
                schedule.learningRate(initial: 0.8, afterEpoch: epoch), value, tolerance: Tolerance.exactArithmetic,
                "epoch \(epoch)")
        }
        // A factor of 0.1 every 10 epochs: 1e-3 after 20 epochs from 0.1.
        expectClose(
            LearningRateSchedule.stepDecay(every: 10, factor: 0.1).learningRate(initial: 0.1, afterEpoch: 25), 1e-3,
            tolerance: Tolerance.exactArithmetic)
    }

    @Test(
        "Halve on plateau: η halves after `patience` epochs without improvement, and training stops after the last halving"
    )
    func halveOnPlateauSequence() {
        var schedule = HalveOnPlateau(learningRate: 0.8, patience: 3, maximumHalvings: 2)
        typealias D = HalveOnPlateau.Decision
        let accuracies = [0.50, 0.60, 0.60, 0.55, 0.59, 0.61, 0.60, 0.61, 0.70, 0.69, 0.69, 0.69]
        let expected = [
            D(learningRate: 0.8, halved: false, shouldStop: false),  // 0.50 first: best
            D(learningRate: 0.8, halved: false, shouldStop: false),  // 0.60 improves
            D(learningRate: 0.8, halved: false, shouldStop: false),  // 0.60 equal, not better: 1
            D(learningRate: 0.8, halved: false, shouldStop: false),  // 0.55: 2
            D(learningRate: 0.4, halved: true, shouldStop: false),  // 0.59: 3 = patience, halve
            D(learningRate: 0.4, halved: false, shouldStop: false),  // 0.61 improves
            D(learningRate: 0.4, halved: false, shouldStop: false),  // 0.60: 1
            D(learningRate: 0.4, halved: false, shouldStop: false),  // 0.61 equal: 2
            D(learningRate: 0.4, halved: false, shouldStop: false),  // 0.70 improves, count reset
            D(learningRate: 0.4, halved: false, shouldStop: false),  // 0.69: 1
            D(learningRate: 0.4, halved: false, shouldStop: false),  // 0.69: 2
            D(learningRate: 0.2, halved: true, shouldStop: true),  // 0.69: 3, second halving: stop
        ]
        for (epoch, accuracy) in accuracies.enumerated() {
            let decision = schedule.update(validationAccuracy: accuracy)
            #expect(decision == expected[epoch], "epoch \(epoch), accuracy \(accuracy)")
        }
        #expect(schedule.halvings == 2)
        #expect(schedule.bestAccuracy == 0.70)
        // Once stopped it stays stopped, even if accuracy improves.
        #expect(schedule.update(validationAccuracy: 0.9) == D(learningRate: 0.2, halved: false, shouldStop: true))
    }

    @Test("Halve on plateau: an improvement resets the count of epochs without improvement")
    func improvementResetsCount() {
        var schedule = HalveOnPlateau(learningRate: 1, patience: 2, maximumHalvings: 3)
        _ = schedule.update(validationAccuracy: 0.5)
        #expect(!schedule.update(validationAccuracy: 0.4).halved)  // 1 epoch without improvement
        #expect(schedule.epochsWithoutImprovement == 1)
        #expect(!schedule.update(validationAccuracy: 0.6).halved)  // improves: count back to 0
        #expect(schedule.epochsWithoutImprovement == 0)
        // Without the reset this would be the second epoch without improvement and would halve.
        #expect(!schedule.update(validationAccuracy: 0.5).halved)
        #expect(schedule.update(validationAccuracy: 0.5).halved)
        #expect(schedule.learningRate == 0.5)
    }

    @Test("Halve on plateau: seven halvings stop training with η at η₀/128")
    func stopsAtOneHundredTwentyEighth() {
        var schedule = HalveOnPlateau(learningRate: 0.5, patience: 1, maximumHalvings: 7)
        var updates = 0
        var decision = schedule.update(validationAccuracy: 0.9)
        updates += 1
        while !decision.shouldStop && updates < 100 {
            decision = schedule.update(validationAccuracy: 0.8)  // never improves again
            updates += 1
        }
        #expect(decision.shouldStop)
        #expect(updates == 8)  // the first epoch, then one halving per epoch
        #expect(decision.learningRate == 0.5 / 128)
    }

    @Test("Eq. 6.14 — Caffe's inv policy: η₀ at the first update, η₀(1 + γt)^(−power) after t updates")
    func inverseDecay() {
        let schedule = InverseDecaySchedule(gamma: 1e-4, power: 0.75)
        #expect(schedule.learningRate(initial: 0.01, afterUpdates: 0) == 0.01)
        // 1 + 10⁻⁴ · 10,000 = 2: η₀ · 2^(−3/4) = 0.01 / 1.681792… = 0.005946036…
        expectClose(
            schedule.learningRate(initial: 0.01, afterUpdates: 10_000), 0.005_946_035_575_013_605,
            tolerance: Tolerance.exactArithmetic)
        // γ = 1, power 1: η₀ / (1 + t), by hand.
        let harmonic = InverseDecaySchedule(gamma: 1, power: 1)
        for t in 0..<5 {
            expectClose(
                harmonic.learningRate(initial: 0.6, afterUpdates: t), 0.6 / Double(1 + t),
                tolerance: Tolerance.exactArithmetic, "t = \(t)")
        }
        // γ = 0 (or power 0) keeps η₀; otherwise η falls at every update.
        #expect(InverseDecaySchedule(gamma: 0, power: 0.75).learningRate(initial: 0.01, afterUpdates: 500) == 0.01)
        #expect(InverseDecaySchedule(gamma: 1e-4, power: 0).learningRate(initial: 0.01, afterUpdates: 500) == 0.01)
        let rates = (0...2_000).map { schedule.learningRate(initial: 0.01, afterUpdates: $0) }
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $1 < $0 })
    }
}

// Checks of exercise 5.3 (the inverted-dropout mask, Eq. 5.7): the values and the kept fraction,
// E[m ⊙ a] = a over 20,000 masks, the core's Dropout.mask draw for draw, and a real network trained
// with the learner's masks against one trained with the core's Dropout.

import ExerciseKit
import Foundation
import NeuralCore

/// Dropout whose training-time mask is the learner's (Eq. 5.7); the backward pass is the core's.
struct LearnerDropout: Layer {
    var keep: Double
    var summary: String { "dropout with your mask, keep p = \(keep)" }
    func outputShape(for input: MapShape) -> MapShape? { input }
    func makeCache() -> Dropout.Cache { Dropout(keep: keep).makeCache() }
    func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Dropout.Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        guard mode == .training else {
            cache.mask = nil
            return input
        }
        let mask =
            (try? dropoutMask(like: input.values, keep: keep, using: &generator))
            ?? Matrix(rows: input.values.rows, columns: input.values.columns)
        cache.mask = mask
        return FeatureMaps(
            channels: input.channels, batch: input.batch, height: input.height, width: input.width,
            values: input.values ⊙ mask)
    }
    func backward(_ outputGradient: FeatureMaps, cache: inout Dropout.Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        Dropout(keep: keep).backward(outputGradient, cache: &cache, needsInputGradient: needsInputGradient)
    }
    var parameters: [Matrix] {
        get { [] }
        set {}
    }
    var isPenalized: [Bool] { [] }
}

let checks: [Check] = [
    Check(
        "Eq. 5.7 — 200 × 100 activations, p = 0.8: every entry of the mask is 0 or 1/p = 1.25, and a fraction p of them (within 4 standard errors) is kept"
    ) {
        var generator = SeededGenerator(seed: 53)
        let p = 0.8
        let mask = try dropoutMask(like: Matrix(rows: 200, columns: 100, repeating: 0.5), keep: p, using: &generator)
        try expectEqual("\(mask.rows)×\(mask.columns)", "200×100", "the mask's shape")
        let kept = mask.elements.filter { $0 != 0 }
        if let other = kept.first(where: { abs($0 - 1 / p) > 1e-12 }) {
            let diagnosis: String? =
                abs(other - 1) < 1e-12
                ? "the kept entries are 1, not 1/p: inverted dropout scales them by 1/p so that E[m ⊙ a] = a (Eq. 5.7)"
                : abs(other - p) < 1e-12
                    ? "the kept entries are p: inverted dropout DIVIDES by p (1/p), so that E[m ⊙ a] = p · a/p = a"
                    : abs(other - 1 / (1 - p)) < 1e-12
                        ? "the kept entries are 1/(1 − p): the scale is 1/p, with p the probability of keeping" : nil
            throw CheckFailure(
                "a kept entry of your mask is \(formatted(other)); expected 1/p = 1.25", diagnosis: diagnosis)
        }
        let fraction = Double(kept.count) / Double(mask.count)
        let standardError = (p * (1 - p) / Double(mask.count)).squareRoot()
        try expect(
            abs(fraction - p) < 4 * standardError,
            "your mask keeps a fraction \(formatted(fraction)) of the entries; expected p = 0.8 ± \(formatted(4 * standardError))",
            diagnosis: abs(fraction - (1 - p)) < 4 * standardError
                ? "you keep entries with probability 1 − p: p is the probability of KEEPING a unit (PyTorch's p is the probability of dropping one)"
                : nil)
    },
    Check(
        "Eq. 5.7 — E[m ⊙ a] = a: the mean of 20,000 masked copies of five activations (p = 0.5) is within 4 standard errors a√((1 − p)/(pN)) of a"
    ) {
        let a: [Double] = [0.2, -1, 0.7, 3, 0.05]
        let (p, count) = (0.5, 20_000)
        let activations = Matrix(rows: 5, columns: count) { i, _ in a[i] }
        var generator = SeededGenerator(seed: 153)
        let masked = activations ⊙ (try dropoutMask(like: activations, keep: p, using: &generator))
        let means = masked.rowSums().elements.map { $0 / Double(count) }
        for i in a.indices {
            let standardError = abs(a[i]) * ((1 - p) / (p * Double(count))).squareRoot()
            try expect(
                abs(means[i] - a[i]) < 4 * standardError,
                "the mean of your masked activation \(formatted(a[i])) is \(formatted(means[i])), not within 4 standard errors (\(formatted(4 * standardError))) of it",
                diagnosis: abs(means[i] - p * a[i]) < 4 * standardError
                    ? "the mean is p·a: the kept entries are not divided by p (the inverted form of Eq. 5.7 scales them by 1/p)"
                    : nil)
        }
    },
    Check(
        "Eq. 5.7 — draw for draw the core's Dropout.mask: one generator.uniform() per entry in storage order, kept when < p (p = 0.6, 4 × 7)"
    ) {
        let a = Matrix(rows: 4, columns: 7, repeating: 1)
        let p = 0.6
        var yours = SeededGenerator(seed: 253)
        var core = SeededGenerator(seed: 253)
        let got = try dropoutMask(like: a, keep: p, using: &yours)
        let expected = Dropout.mask(like: a, keep: p, using: &core)
        func draws(_ rule: @escaping @Sendable (Double) -> Double) -> @Sendable () -> Matrix? {
            {
                var generator = SeededGenerator(seed: 253)
                return Matrix(rows: 4, columns: 7, elements: (0..<28).map { _ in rule(generator.uniform()) })
            }
        }
        try expectClose(
            got, expected, "the mask",
            diagnoses: [
                Diagnosis(
                    "the kept entries are 1, not 1/p: inverted dropout scales them by 1/p", draws { $0 < p ? 1 : 0 }),
                Diagnosis(
                    "you keep an entry when the uniform number is ≥ p; the convention is to keep it when it is < p (that keeps it with probability p)",
                    draws { $0 >= p ? 1 / p : 0 }),
                Diagnosis(
                    "you keep entries with probability 1 − p: p is the probability of KEEPING a unit",
                    draws { $0 < 1 - p ? 1 / p : 0 }),
            ])
        try expect(
            yours.next() == core.next(),
            "your mask drew a different number of uniform numbers from the generator than one per entry")
    },
    Check(
        "Eq. 5.7 — a [6, 20, 3] network with your dropout (p = 0.5) after the hidden layer, trained 10 epochs: the same weights as with the core's Dropout"
    ) {
        var probe = SeededGenerator(seed: 1)
        _ = try dropoutMask(like: Matrix(column: [1]), keep: 0.5, using: &probe)
        let data = checkProblem(count: 80, features: 6, classes: 3, seed: 353)
        var generator = SeededGenerator(seed: 453)
        let hidden = WeightInitialization.scaledNormal.layer(
            inputs: 6, outputs: 20, activation: .sigmoid, using: &generator)
        let output = WeightInitialization.scaledNormal.layer(
            inputs: 20, outputs: 3, activation: .sigmoid, using: &generator)
        func trained(_ dropout: any Layer) throws -> Network {
            var network = Network(input: .features(6), layers: [hidden, dropout, output])
            var sgd = SGD(learningRate: 0.5)
            var shuffles = SeededGenerator(seed: 553)
            _ = try Trainer.train(
                &network, on: data, options: TrainingOptions(epochs: 10, batchSize: 10, cost: CrossEntropyCost()),
                optimizer: &sgd, generator: &shuffles)
            return network
        }
        let yours = try trained(LearnerDropout(keep: 0.5))
        let core = try trained(Dropout(keep: 0.5))
        try expect(
            flatParameters(yours) != flatParameters(Network(input: .features(6), layers: [hidden, output])),
            "the network did not change in training")
        try expectClose(flatParameters(yours), flatParameters(core), "the trained parameters", tolerance: 1e-9)
    },
]

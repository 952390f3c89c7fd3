// The knobs of sections 6.6–6.9: Caffe's LeNet solver, with the tutorial's values as defaults.

import ArgumentParser
import ChapterRunner
import NeuralCore

/// The solver of Caffe's LeNet tutorial (sections 6.6–6.9).
struct LeNetKnobs: ChapterKnobs {
    @Option(
        name: .customLong("lenet-iterations"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "LeNet training iterations of 64 images (1 to 100000; the tutorial's solver runs 10000, about 4 minutes in release on two cores, the default about 1 minute; default 2000, 60 with --quick).",
            valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--lenet-iterations", in: 1...100_000) })
    var iterations: Int?

    @Option(
        name: .customLong("lenet-test-every"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Iterations between two tests of LeNet on the test set (1 to 100000; default 500, 20 with --quick).",
            valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--lenet-test-every", in: 1...100_000) })
    var testInterval: Int?

    @Option(
        name: .customLong("lenet-eta"),
        parsing: .unconditional,
        help: .knob(
            "LeNet's base learning rate η₀ of the inv policy (> 0; Eq. 6.14).", default: LeNetRecipe.learningRate,
            valueName: "η₀"),
        transform: { try KnobValues.positive($0, option: "--lenet-eta", example: "0.01 or 0.05") })
    var eta = LeNetRecipe.learningRate

    @Option(
        name: .customLong("lenet-gamma"),
        parsing: .unconditional,
        help: .knob("γ of the inv policy (≥ 0; 0 keeps η₀; Eq. 6.14).", default: LeNetRecipe.gamma, valueName: "γ"),
        transform: { try KnobValues.nonNegative($0, option: "--lenet-gamma", example: "0.0001 or 0") })
    var gamma = LeNetRecipe.gamma

    @Option(
        name: .customLong("lenet-power"),
        parsing: .unconditional,
        help: .knob("Power of the inv policy (≥ 0; Eq. 6.14).", default: LeNetRecipe.power, valueName: "p"),
        transform: { try KnobValues.nonNegative($0, option: "--lenet-power", example: "0.75 or 1") })
    var power = LeNetRecipe.power

    @Option(
        name: .customLong("weight-decay"),
        parsing: .unconditional,
        help: .knob(
            "Caffe's weight decay d on every LeNet parameter, biases included (≥ 0; d = λ/n; Eq. 6.15).",
            default: LeNetRecipe.weightDecay, valueName: "d"),
        transform: { try KnobValues.nonNegative($0, option: "--weight-decay", example: "0.0005 or 0") })
    var weightDecay = LeNetRecipe.weightDecay

    @Option(
        name: .customLong("ensemble"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Section 6.9: train this many more LeNets with the same solver and let them vote (0 to 10; each takes as long as 6.6's training; default 0, 2 with --quick).",
            valueName: "N"),
        transform: { try KnobValues.whole($0, option: "--ensemble", in: 0...10) })
    var ensemble: Int?

    /// The solver of a full or quick run.
    func solver(quick: Bool) -> LeNetSolver {
        LeNetSolver(
            learningRate: eta, momentum: LeNetRecipe.momentum, weightDecay: weightDecay, gamma: gamma, power: power,
            batchSize: LeNetRecipe.batchSize,
            iterations: iterations ?? (quick ? LeNetRecipe.quickIterations : LeNetRecipe.defaultIterations),
            testInterval: testInterval ?? (quick ? LeNetRecipe.quickTestInterval : LeNetRecipe.testInterval))
    }

    /// Members of section 6.9's ensemble in a full or quick run.
    func ensembleSize(quick: Bool) -> Int { ensemble ?? (quick ? EnsembleRecipe.quickMembers : 0) }

    var settings: [Setting] {
        [
            Setting("lenet-iterations", iterations.map(\.settingText) ?? "2000 (60 with --quick)"),
            Setting("lenet-test-every", testInterval.map(\.settingText) ?? "500 (20 with --quick)"),
            Setting("lenet-eta", eta), Setting("lenet-gamma", gamma), Setting("lenet-power", power),
            Setting("weight-decay", weightDecay),
            Setting("ensemble", ensemble.map(\.settingText) ?? "0 (2 with --quick)"),
        ]
    }
}

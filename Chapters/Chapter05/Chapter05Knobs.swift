// The knobs of Chapter 05: each MNIST experiment's hyper-parameters as command-line options,
// grouped by section in --help, with the notes' values as defaults.

import ArgumentParser
import ChapterRunner
import NeuralCore

/// Every knob of the chapter, one group per section.
struct RegularizationKnobs: ChapterKnobs {
    @Option(help: "Images every section trains on: mnist or fashion (Fashion-MNIST).")
    var dataset: ChapterDataset = .mnist

    @OptionGroup(title: "5.1–5.2 Overfitting and weight penalties (the small training set)")
    var small: SmallSetKnobs

    @OptionGroup(title: "5.3 The full training set, the learning-rate schedule")
    var full: FullDataKnobs

    @OptionGroup(title: "5.4 Dropout")
    var dropout: DropoutKnobs

    @OptionGroup(title: "5.5 Weight initialization")
    var initialization: InitializationKnobs

    @OptionGroup(title: "5.7 Optimizers on MNIST")
    var optimizers: OptimizerKnobs

    @OptionGroup(title: "5.10 Ensembles")
    var ensemble: EnsembleKnobs

    @OptionGroup(title: "5.11 L1 sparsity")
    var sparsity: SparsityKnobs

    var settings: [Setting] {
        [Setting("dataset", dataset, folderName: dataset.rawValue)] + small.settings + full.settings
            + dropout.settings + initialization.settings + optimizers.settings + ensemble.settings
            + sparsity.settings
    }

    mutating func validate() throws {
        if dropout.keep == 1 {
            throw ValidationError(
                "--keep 1 keeps every unit, so 5.4 would compare the network with itself; choose a keep probability below 1, such as 0.8"
            )
        }
        if optimizers.beta1 >= 1 || optimizers.beta2 >= 1 {
            throw ValidationError("--beta1 and --beta2 must be below 1: Adam's bias correction divides by 1 − βᵗ")
        }
    }
}

/// A weight penalty the chapter can add to the cost (Eq. 5.1, 5.3).
enum PenaltyChoice: String, ExpressibleByArgument, CaseIterable, SettingValue {
    case l2, l1

    var name: String { self == .l2 ? "L2" : "L1" }

    func regularization(lambda: Double) -> Regularization {
        self == .l2 ? .l2(lambda: lambda) : .l1(lambda: lambda)
    }
}

/// How 5.3 sets η from epoch to epoch.
enum ScheduleChoice: String, ExpressibleByArgument, CaseIterable, SettingValue {
    /// Halve η when the validation accuracy has not improved for `--patience` epochs (Eq. 5.6).
    case halve
    /// Keep η₀ throughout.
    case constant
}

/// An initialization 5.5 compares with N(0, 1).
enum InitializationChoice: String, ExpressibleByArgument, CaseIterable, SettingValue {
    case scaled, xavier, he

    var weights: WeightInitialization {
        switch self {
        case .scaled: .scaledNormal
        case .xavier: .xavier
        case .he: .he
        }
    }
}

/// A hidden-layer list read from "30" or "100,30".
private func hiddenSizes(_ text: String, option: String) throws -> [Int] {
    try KnobValues.layerSizes(text, option: option, largest: 1_000, most: 4)
}

/// 5.1's network and the penalty of 5.2, both on the small training set.
struct SmallSetKnobs: ParsableArguments {
    @Option(
        name: .customLong("small-eta"),
        parsing: .unconditional,
        help: .knob(
            "Learning rate η of 5.1 and 5.2 (> 0).", default: OverfittingSetup.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--small-eta", example: "0.5 or 0.1") })
    var eta = OverfittingSetup.learningRate

    @Option(
        name: .customLong("small-batch"),
        parsing: .unconditional,
        help: .knob(
            "Mini-batch size of 5.1 and 5.2 (images per step).", default: OverfittingSetup.batchSize, valueName: "m"),
        transform: { try KnobValues.whole($0, option: "--small-batch", in: 1...1_000) })
    var batchSize = OverfittingSetup.batchSize

    @Option(
        name: .customLong("small-hidden"),
        parsing: .unconditional,
        help: .knob(
            "Hidden layer sizes of 5.1 and 5.2's sigmoid network, separated by commas.",
            default: Array(OverfittingSetup.sizes.dropFirst().dropLast()), valueName: "n,…"),
        transform: { try hiddenSizes($0, option: "--small-hidden") })
    var hidden = Array(OverfittingSetup.sizes.dropFirst().dropLast())

    @Option(help: "The weight penalty 5.2 adds: l2 (Eq. 5.1) or l1 (Eq. 5.3).")
    var penalty: PenaltyChoice = .l2

    @Option(
        name: .customLong("small-lambda"),
        parsing: .unconditional,
        help: .knob(
            "Penalty strength λ of 5.2 (≥ 0; the penalty is λ/n times Σw² / 2 or Σ|w|).",
            default: OverfittingSetup.lambda, valueName: "λ"),
        transform: { try KnobValues.nonNegative($0, option: "--small-lambda", example: "0.1 or 1") })
    var lambda = OverfittingSetup.lambda

    var sizes: [Int] { [784] + hidden + [10] }

    var settings: [Setting] {
        [
            Setting("small-eta", eta), Setting("small-batch", batchSize), Setting("small-hidden", hidden),
            Setting("penalty", penalty), Setting("small-lambda", lambda),
        ]
    }
}

/// 5.3's network, penalty and schedule.
struct FullDataKnobs: ParsableArguments {
    @Option(
        name: .customLong("full-eta"),
        parsing: .unconditional,
        help: .knob(
            "Initial learning rate η₀ of 5.3 (> 0).", default: FullDataSetup.learningRate, valueName: "η₀"),
        transform: { try KnobValues.positive($0, option: "--full-eta", example: "0.1 or 0.5") }
    )
    var eta = FullDataSetup.learningRate

    @Option(
        name: .customLong("full-batch"),
        parsing: .unconditional,
        help: .knob(
            "Mini-batch size of 5.3 (images per step).", default: FullDataSetup.batchSize, valueName: "m"),
        transform: { try KnobValues.whole($0, option: "--full-batch", in: 1...1_000) })
    var batchSize = FullDataSetup.batchSize

    @Option(
        name: .customLong("full-hidden"),
        parsing: .unconditional,
        help: .knob(
            "Hidden layer sizes of 5.3's sigmoid network, separated by commas.",
            default: Array(FullDataSetup.sizes.dropFirst().dropLast()), valueName: "n,…"),
        transform: { try hiddenSizes($0, option: "--full-hidden") })
    var hidden = Array(FullDataSetup.sizes.dropFirst().dropLast())

    @Option(
        name: .customLong("full-penalty"), help: "The weight penalty of 5.3: l2 (Eq. 5.1) or l1 (Eq. 5.3).")
    var penalty: PenaltyChoice = .l2

    @Option(
        name: .customLong("full-lambda"),
        parsing: .unconditional,
        help: .knob(
            "Penalty strength λ of 5.3 (≥ 0; 0 trains without a penalty).", default: FullDataSetup.lambda,
            valueName: "λ"),
        transform: { try KnobValues.nonNegative($0, option: "--full-lambda", example: "5 or 0") })
    var lambda = FullDataSetup.lambda

    @Option(
        help:
            "How 5.3 sets η: halve (halve it after --patience epochs without a new best validation accuracy, Eq. 5.6) or constant."
    )
    var schedule: ScheduleChoice = .halve

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Epochs without a new best validation accuracy before η is halved.", default: FullDataSetup.patience,
            valueName: "epochs"),
        transform: { try KnobValues.whole($0, option: "--patience", in: 1...100) })
    var patience = FullDataSetup.patience

    var sizes: [Int] { [784] + hidden + [10] }

    var settings: [Setting] {
        [
            Setting("full-eta", eta), Setting("full-batch", batchSize), Setting("full-hidden", hidden),
            Setting("full-penalty", penalty), Setting("full-lambda", lambda), Setting("schedule", schedule),
            Setting("patience", patience),
        ]
    }
}

/// 5.4's keep probability and network.
struct DropoutKnobs: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: .knob(
            "Probability p that dropout keeps a hidden unit, 0 < p < 1 (Eq. 5.7).", default: DropoutSetup.keep,
            valueName: "p"),
        transform: { try KnobValues.keepProbability($0, option: "--keep") })
    var keep = DropoutSetup.keep

    @Option(
        name: .customLong("dropout-eta"),
        parsing: .unconditional,
        help: .knob(
            "Learning rate η of 5.4's two runs (> 0).", default: DropoutSetup.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--dropout-eta", example: "0.5 or 0.1") })
    var eta = DropoutSetup.learningRate

    @Option(
        name: .customLong("dropout-hidden"),
        parsing: .unconditional,
        help: .knob(
            "Hidden layer sizes of 5.4's network, separated by commas (dropout follows each).",
            default: Array(DropoutSetup.sizes.dropFirst().dropLast()), valueName: "n,…"),
        transform: { try hiddenSizes($0, option: "--dropout-hidden") })
    var hidden = Array(DropoutSetup.sizes.dropFirst().dropLast())

    var sizes: [Int] { [784] + hidden + [10] }

    var settings: [Setting] {
        [Setting("keep", keep), Setting("dropout-eta", eta), Setting("dropout-hidden", hidden)]
    }
}

/// 5.5's initialization compared with N(0, 1), and its training run.
struct InitializationKnobs: ParsableArguments {
    @Option(
        name: .customLong("init"),
        help:
            "The initialization 5.5 compares with N(0, 1): scaled N(0, 1/n_in) (Eq. 5.8), xavier N(0, 2/(n_in + n_out)) or he N(0, 2/n_in) (Eq. 5.9)."
    )
    var choice: InitializationChoice = .scaled

    @Option(
        name: .customLong("init-eta"),
        parsing: .unconditional,
        help: .knob(
            "Learning rate η of 5.5's two runs (> 0).", default: InitializationSetup.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--init-eta", example: "0.1 or 0.5") }
    )
    var eta = InitializationSetup.learningRate

    var settings: [Setting] { [Setting("init", choice), Setting("init-eta", eta)] }
}

/// 5.7's constants of the six update rules, their learning rates and mini-batch size.
struct OptimizerKnobs: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: .knob(
            "Momentum coefficient μ of momentum and Nesterov (0 ≤ μ < 1; Eq. 5.10–5.11).",
            default: OptimizerConstants.notes.momentum, valueName: "μ"),
        transform: {
            try KnobValues.number($0, option: "--momentum", in: 0...0.999, interval: "[0, 0.999], such as 0.9")
        })
    var momentum = OptimizerConstants.notes.momentum

    @Option(
        parsing: .unconditional,
        help: .knob(
            "RMSprop's decay ρ of the squared-gradient average (0 ≤ ρ < 1; Eq. 5.13).",
            default: OptimizerConstants.notes.decay, valueName: "ρ"),
        transform: { try KnobValues.number($0, option: "--rho", in: 0...0.999, interval: "[0, 0.999], such as 0.9") })
    var rho = OptimizerConstants.notes.decay

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Adam's decay β₁ of the gradient mean (0 ≤ β₁ < 1; Eq. 5.14).", default: OptimizerConstants.notes.beta1,
            valueName: "β₁"),
        transform: { try KnobValues.number($0, option: "--beta1", in: 0...1, interval: "[0, 1), such as 0.9") })
    var beta1 = OptimizerConstants.notes.beta1

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Adam's decay β₂ of the squared-gradient mean (0 ≤ β₂ < 1; Eq. 5.14).",
            default: OptimizerConstants.notes.beta2, valueName: "β₂"),
        transform: { try KnobValues.number($0, option: "--beta2", in: 0...1, interval: "[0, 1), such as 0.999") })
    var beta2 = OptimizerConstants.notes.beta2

    @Option(
        parsing: .unconditional,
        help: .knob(
            "ε added to the root in Adagrad, RMSprop and Adam's denominators (> 0).",
            default: OptimizerConstants.notes.epsilon, valueName: "ε"),
        transform: { try KnobValues.positive($0, option: "--epsilon", example: "1e-8 or 1e-4") })
    var epsilon = OptimizerConstants.notes.epsilon

    @Option(
        name: .customLong("optimizer-eta"),
        parsing: .unconditional,
        help: .knob(
            "Learning rates of 5.7 as rule=η pairs separated by commas (rules: sgd, momentum, nesterov, adagrad, rmsprop, adam); rules not named keep the notes' rates.",
            default: OptimizerKnobs.effectiveRates { $0.mnistRate }, valueName: "rule=η,…"),
        transform: { try OptimizerKnobs.rates($0) })
    var rates: [String] = []

    @Option(
        name: .customLong("optimizer-batch"),
        parsing: .unconditional,
        help: .knob(
            "Mini-batch size of 5.7 (images per step).", default: OptimizerSetup.batchSize, valueName: "m"),
        transform: { try KnobValues.whole($0, option: "--optimizer-batch", in: 1...1_000) })
    var batchSize = OptimizerSetup.batchSize

    var constants: OptimizerConstants {
        OptimizerConstants(momentum: momentum, decay: rho, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    /// η of `choice` on MNIST: the one named in `--optimizer-eta`, else the notes'.
    func rate(_ choice: OptimizerChoice) -> Double {
        for pair in rates {
            let parts = pair.split(separator: "=")
            if parts.count == 2, String(parts[0]) == choice.optionName, let value = Double(parts[1]) { return value }
        }
        return choice.mnistRate
    }

    var settings: [Setting] {
        [
            Setting("momentum", momentum), Setting("rho", rho), Setting("beta1", beta1), Setting("beta2", beta2),
            Setting("epsilon", epsilon),
            Setting(
                "optimizer-eta", Self.effectiveRates(rate),
                folderName: "optimizer-eta-\(rates.joined(separator: ","))"),
            Setting("optimizer-batch", batchSize),
        ]
    }

    /// Every rule's η as `rule=η`, in the chapter's order: what 5.7 trains with.
    static func effectiveRates(_ rate: (OptimizerChoice) -> Double) -> [String] {
        OptimizerChoice.allCases.map { "\($0.optionName)=\(rate($0).settingText)" }
    }

    /// "adam=0.01,sgd=0.5": each a rule's name and a positive η, each rule at most once; kept in the
    /// order of the chapter's rules so that the same choice names the same folder.
    static func rates(_ text: String) throws -> [String] {
        let names = OptimizerChoice.allCases.map(\.optionName)
        var chosen: [String: Double] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard pair.count == 2, names.contains(pair[0]), chosen[pair[0]] == nil, let value = Double(pair[1]),
                value.isFinite, value > 0
            else {
                throw KnobValues.invalid(
                    "--optimizer-eta takes rule=η pairs separated by commas, each rule once (\(names.joined(separator: ", "))) and η > 0, such as adam=0.01,sgd=0.5"
                )
            }
            chosen[pair[0]] = value
        }
        return names.compactMap { name in chosen[name].map { "\(name)=\($0.settingText)" } }
    }
}

/// 5.10's number of networks and how long each trains.
struct EnsembleKnobs: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: .knob(
            "Networks in 5.10's ensemble, each from its own initial weights (1 to 20).",
            default: EnsembleSetup.members, valueName: "K"),
        transform: { try KnobValues.whole($0, option: "--members", in: 1...20) })
    var members = EnsembleSetup.members

    @Option(
        name: .customLong("member-epochs"),
        parsing: .unconditional,
        help: .knob(
            "Epochs each member of 5.10 trains on the full training set (1 to 100).", default: EnsembleSetup.epochs,
            valueName: "epochs"),
        transform: { try KnobValues.whole($0, option: "--member-epochs", in: 1...100) })
    var epochs = EnsembleSetup.epochs

    var settings: [Setting] { [Setting("members", members), Setting("member-epochs", epochs)] }
}

/// 5.11's penalty strength and epochs.
struct SparsityKnobs: ParsableArguments {
    @Option(
        name: .customLong("sparsity-lambda"),
        parsing: .unconditional,
        help: .knob(
            "λ of 5.11's three runs (L2, L1 and L1 by soft threshold; > 0).", default: SparsitySetup.lambda,
            valueName: "λ"),
        transform: { try KnobValues.positive($0, option: "--sparsity-lambda", example: "1 or 0.1") })
    var lambda = SparsitySetup.lambda

    @Option(
        name: .customLong("sparsity-epochs"),
        parsing: .unconditional,
        help: .knob(
            "Epochs of each of 5.11's runs on the small training set (1 to 1000).", default: SparsitySetup.epochs,
            valueName: "epochs"),
        transform: { try KnobValues.whole($0, option: "--sparsity-epochs", in: 1...1_000) })
    var epochs = SparsitySetup.epochs

    var settings: [Setting] { [Setting("sparsity-lambda", lambda), Setting("sparsity-epochs", epochs)] }
}

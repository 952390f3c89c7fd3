// The knobs of Chapter 03: the toy networks of 3.5–3.6 and the MNIST network of 3.7, each with
// the notes' values as defaults.

import ArgumentParser
import ChapterRunner
import NeuralCore

/// Every knob of the chapter, grouped by section in `--help`.
struct BackpropKnobs: ChapterKnobs {
    @OptionGroup(title: "3.5 Moons") var moons: MoonsKnobs
    @OptionGroup(title: "3.6 Circles") var circles: CirclesKnobs
    @OptionGroup(title: "3.7 MNIST") var mnist: MNISTKnobs
    @OptionGroup(title: "3.8 Gates and the tutorial's recipe") var gates: GateKnobs
    @OptionGroup(title: "3.9 Batch, stochastic and mini-batch descent") var batches: BatchSizeKnobs
    @OptionGroup(title: "3.10 Three classes") var spirals: SpiralsKnobs
    @OptionGroup(title: "3.11 The circles recipe (Adam, held-out test points)") var recipe: CirclesRecipeKnobs

    var settings: [Setting] {
        moons.settings + circles.settings + mnist.settings + gates.settings + batches.settings + spirals.settings
            + recipe.settings
    }
}

/// 3.8 — the tutorial's recipe on the gate network.
struct GateKnobs: ParsableArguments {
    @Option(
        name: .customLong("gate-passes"), parsing: .unconditional,
        help: .knob(
            "Full-batch passes of the recipe (1 to 1000000; --quick caps them at \(GateRecipe.quickPasses)).",
            default: GateRecipe.passes, valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--gate-passes", in: 1...1_000_000) })
    var passes: Int = GateRecipe.passes

    @Option(
        name: .customLong("gate-epsilon"), parsing: .unconditional,
        help: .knob(
            "Learning rate ε of the recipe, applied to the gradient of the printed loss (> 0).",
            default: GateRecipe.epsilon, valueName: "ε"),
        transform: { try KnobValues.positive($0, option: "--gate-epsilon", example: "0.01 or 1") })
    var epsilon: Double = GateRecipe.epsilon

    @Option(
        name: .customLong("gate-lambda"), parsing: .unconditional,
        help: .knob(
            "L2 strength λ of the recipe, penalty (λ/2N)ΣW² (≥ 0).", default: GateRecipe.lambda, valueName: "λ"),
        transform: { try KnobValues.nonNegative($0, option: "--gate-lambda", example: "0 or 0.01") })
    var lambda: Double = GateRecipe.lambda

    var settings: [Setting] {
        [Setting("gate-passes", passes), Setting("gate-epsilon", epsilon), Setting("gate-lambda", lambda)]
    }
}

/// 3.9 — the mini-batch sizes compared on one problem.
struct BatchSizeKnobs: ParsableArguments {
    @Option(
        name: .customLong("batch-sizes"), parsing: .unconditional,
        help: .knob(
            "Mini-batch sizes m compared (1 to \(BatchSizeExperiment.count), the last usually n = \(BatchSizeExperiment.count); up to 6).",
            default: BatchSizeExperiment.batchSizes, valueName: "m,…"),
        transform: { text in
            do {
                return try KnobValues.layerSizes(
                    text, option: "--batch-sizes", largest: BatchSizeExperiment.count, most: 6)
            } catch {
                throw KnobValues.invalid(
                    "--batch-sizes takes up to 6 mini-batch sizes from 1 to \(BatchSizeExperiment.count) separated by commas, such as 1,10,200"
                )
            }
        })
    var sizes: [Int] = BatchSizeExperiment.batchSizes

    @Option(
        name: .customLong("batch-eta"), parsing: .unconditional,
        help: .knob(
            "Learning rate η, the same for every m (> 0).", default: BatchSizeExperiment.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--batch-eta", example: "0.1 or 1") })
    var eta: Double = BatchSizeExperiment.learningRate

    var settings: [Setting] { [Setting("batch-sizes", sizes), Setting("batch-eta", eta)] }
}

/// 3.10 — [2, h, 3] on spirals with four hidden activations.
struct SpiralsKnobs: ParsableArguments {
    @Option(
        name: .customLong("spirals-hidden"), parsing: .unconditional,
        help: .knob(
            "Hidden units h of the [2, h, 3] spirals networks (1 to 500).", default: SpiralsExperiment.hidden,
            valueName: "h"),
        transform: { try KnobValues.whole($0, option: "--spirals-hidden", in: 1...500) })
    var hidden: Int = SpiralsExperiment.hidden

    @Option(
        name: .customLong("spirals-eta"), parsing: .unconditional,
        help: .knob(
            "Learning rate η of the spirals networks (> 0).", default: SpiralsExperiment.learningRate,
            valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--spirals-eta", example: "0.1 or 1") })
    var eta: Double = SpiralsExperiment.learningRate

    @Option(
        name: .customLong("spirals-epochs"), parsing: .unconditional,
        help: .knob(
            "Epochs of the spirals networks (1 to 100000; --quick caps them at \(SpiralsExperiment.quickEpochs)).",
            default: SpiralsExperiment.epochs, valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--spirals-epochs", in: 1...100_000) })
    var epochs: Int = SpiralsExperiment.epochs

    var settings: [Setting] {
        [Setting("spirals-hidden", hidden), Setting("spirals-eta", eta), Setting("spirals-epochs", epochs)]
    }
}

/// 3.5 — the [2, h, 2] networks on moons.
struct MoonsKnobs: ParsableArguments {
    @Option(
        name: .customLong("moons-hidden"), parsing: .unconditional,
        help: .knob(
            "Hidden-layer sizes h compared on moons, each a [2, h, 2] network (units, 1 to 500, up to 8).",
            default: MoonsExperiment.hiddenSizes,
            valueName: "h,…"),
        transform: { try KnobValues.layerSizes($0, option: "--moons-hidden", largest: 500) })
    var hiddenSizes: [Int] = MoonsExperiment.hiddenSizes

    @Option(
        name: .customLong("moons-eta"), parsing: .unconditional,
        help: .knob(
            "Learning rate η of the moons networks (> 0).", default: MoonsExperiment.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--moons-eta", example: "0.3 or 1") })
    var eta: Double = MoonsExperiment.learningRate

    var settings: [Setting] { [Setting("moons-hidden", hiddenSizes), Setting("moons-eta", eta)] }
}

/// 3.6 — the deeper ReLU network on circles.
struct CirclesKnobs: ParsableArguments {
    @Option(
        name: .customLong("circles-hidden"), parsing: .unconditional,
        help: .knob(
            "Hidden-layer sizes of the circles network [2, …, 1] (ReLU units per layer, 1 to 500).",
            default: Array(CirclesExperiment.sizes.dropFirst().dropLast()),
            valueName: "n,…"),
        transform: { try KnobValues.layerSizes($0, option: "--circles-hidden", largest: 500) })
    var hiddenSizes: [Int] = Array(CirclesExperiment.sizes.dropFirst().dropLast())

    @Option(
        name: .customLong("circles-eta"), parsing: .unconditional,
        help: .knob(
            "Learning rate η of the circles network (> 0).", default: CirclesExperiment.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--circles-eta", example: "0.1 or 0.5") })
    var eta: Double = CirclesExperiment.learningRate

    var settings: [Setting] { [Setting("circles-hidden", hiddenSizes), Setting("circles-eta", eta)] }

    /// The whole network: two inputs, the hidden layers, one sigmoid output.
    var sizes: [Int] { [2] + hiddenSizes + [1] }
}

/// 3.11 — Skalski's Keras recipe on circles.
struct CirclesRecipeKnobs: ParsableArguments {
    @Option(
        name: .customLong("recipe-hidden"), parsing: .unconditional,
        help: .knob(
            "Hidden-layer sizes of 3.11's network [2, …, 1] (ReLU units per layer, 1 to 500).",
            default: Array(CirclesRecipe.sizes.dropFirst().dropLast()), valueName: "n,…"),
        transform: { try KnobValues.layerSizes($0, option: "--recipe-hidden", largest: 500) })
    var hiddenSizes: [Int] = Array(CirclesRecipe.sizes.dropFirst().dropLast())

    @Option(
        name: .customLong("recipe-eta"), parsing: .unconditional,
        help: .knob(
            "Adam's learning rate η in 3.11 (> 0; Keras's default is 0.001).", default: CirclesRecipe.learningRate,
            valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--recipe-eta", example: "0.001 or 0.01") })
    var eta: Double = CirclesRecipe.learningRate

    @Option(
        name: .customLong("recipe-epochs"), parsing: .unconditional,
        help: .knob(
            "Epochs of 3.11's training (1 to 2000; the article trains 50).", default: CirclesRecipe.epochs,
            valueName: "epochs"),
        transform: { try KnobValues.whole($0, option: "--recipe-epochs", in: 1...2_000) })
    var epochs: Int = CirclesRecipe.epochs

    var settings: [Setting] {
        [Setting("recipe-hidden", hiddenSizes), Setting("recipe-eta", eta), Setting("recipe-epochs", epochs)]
    }

    /// The whole network: two inputs, the hidden layers, one sigmoid output.
    var sizes: [Int] { [2] + hiddenSizes + [1] }
}

/// The hidden-layer activations 3.7 can train with.
enum HiddenActivation: String, ExpressibleByArgument, CaseIterable, SettingValue {
    case sigmoid, tanh, relu

    var activation: Activation {
        switch self {
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .relu: .relu
        }
    }
}

/// The output activations 3.7 can train with.
enum OutputActivation: String, ExpressibleByArgument, CaseIterable, SettingValue {
    case sigmoid, softmax

    var activation: Activation { self == .sigmoid ? .sigmoid : .softmax }
}

/// The costs 3.7 can train with.
enum CostChoice: String, ExpressibleByArgument, CaseIterable, SettingValue {
    case quadratic
    case crossEntropy = "cross-entropy"
    case logLikelihood = "log-likelihood"

    var cost: any Cost {
        switch self {
        case .quadratic: QuadraticCost()
        case .crossEntropy: CrossEntropyCost()
        case .logLikelihood: LogLikelihoodCost()
        }
    }
}

/// The initial weights 3.7 can start from.
enum InitChoice: String, ExpressibleByArgument, CaseIterable, SettingValue {
    /// N(0, 1) weights and biases, the classic setup.
    case standard
    /// N(0, 1/n_in) weights, N(0, 1) biases (Chapter 05).
    case scaled
    case xavier
    case he

    var initialization: WeightInitialization {
        switch self {
        case .standard: .standardNormal
        case .scaled: .scaledNormal
        case .xavier: .xavier
        case .he: .he
        }
    }
}

/// 3.7 — the MNIST network and how it is trained.
struct MNISTKnobs: ParsableArguments {
    @Option(help: "The images 3.7 learns: MNIST digits or Fashion-MNIST clothes (28 × 28, 10 classes each).")
    var dataset: ChapterDataset = .mnist

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Learning rate η of Eq. 3.7 (> 0; each step moves the weights by −η times the mean gradient).",
            default: MNISTExperiment.learningRate,
            valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--eta", example: "3 or 0.5") })
    var eta: Double = MNISTExperiment.learningRate

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Mini-batch size m (images per step, 1 to 10000).", default: MNISTExperiment.batchSize, valueName: "m"),
        transform: { try KnobValues.whole($0, option: "--batch", in: 1...10_000) })
    var batch: Int = MNISTExperiment.batchSize

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Hidden-layer sizes of the network [784, …, 10] trained first (units per layer; 100,30 is two layers).",
            default: [MNISTExperiment.hiddenSizes[0]],
            valueName: "n,…"),
        transform: { try KnobValues.layerSizes($0, option: "--hidden") })
    var hidden: [Int] = [MNISTExperiment.hiddenSizes[0]]

    @Option(
        name: .customLong("wide-hidden"), parsing: .unconditional,
        help: .knob(
            "Hidden-layer sizes of the wider network trained \(MNISTExperiment.wideRuns) times after it (full runs only).",
            default: [MNISTExperiment.hiddenSizes[1]],
            valueName: "n,…"),
        transform: { try KnobValues.layerSizes($0, option: "--wide-hidden") })
    var wideHidden: [Int] = [MNISTExperiment.hiddenSizes[1]]

    @Option(name: .customLong("hidden-activation"), help: "Activation of the hidden units.")
    var hiddenActivation: HiddenActivation = .sigmoid

    @Option(help: "Activation of the 10 output units.")
    var output: OutputActivation = .sigmoid

    @Option(help: "The cost C the network descends.")
    var cost: CostChoice = .quadratic

    @Option(
        name: .customLong("init"),
        help:
            "Initial weights: standard N(0, 1), scaled N(0, 1/n_in), xavier, he (biases N(0, 1) for the first two, 0 else)."
    )
    var initialization: InitChoice = .standard

    mutating func validate() throws {
        if let refusal = pairingRefusal(cost: cost, output: output) { throw ValidationError(refusal) }
    }

    var settings: [Setting] {
        [
            Setting("dataset", dataset, folderName: dataset.rawValue), Setting("eta", eta), Setting("batch", batch),
            Setting("hidden", hidden), Setting("wide-hidden", wideHidden),
            Setting("hidden-activation", hiddenActivation), Setting("output", output), Setting("cost", cost),
            Setting("init", initialization),
        ]
    }

    /// Whether the network and its training are Nielsen's ch. 1 setup (the dataset and the
    /// hidden-layer sizes aside), so that his accuracies are a fair yardstick.
    var isClassicTraining: Bool {
        eta == MNISTExperiment.learningRate && batch == MNISTExperiment.batchSize && hiddenActivation == .sigmoid
            && output == .sigmoid && cost == .quadratic && initialization == .standard
    }
}

/// Why the chapter refuses to train outputs of `output` with `cost`, or nil when it can.
func pairingRefusal(cost: CostChoice, output: OutputActivation) -> String? {
    guard cost == .logLikelihood, output == .sigmoid else { return nil }
    return
        "--cost log-likelihood needs --output softmax: with independent sigmoid outputs −ln a_y never pushes a wrong class down, so every output can reach 1 at zero cost (use --cost cross-entropy for sigmoid outputs)"
}

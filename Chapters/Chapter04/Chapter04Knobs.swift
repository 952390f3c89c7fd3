// The knobs of Chapter 04: the one neuron of the slowdown (4.1) and the MNIST comparison of
// 4.6, each with the notes' values as defaults.

import ArgumentParser
import ChapterRunner
import NeuralCore

/// Every knob of the chapter, grouped by section in `--help`.
struct CrossEntropyKnobs: ChapterKnobs {
    @OptionGroup(title: "4.1 The learning slowdown") var slowdown: SlowdownKnobs
    @OptionGroup(title: "4.6 MNIST with the cross-entropy") var mnist: ComparisonKnobs

    var settings: [Setting] { slowdown.settings + mnist.settings }
}

/// 4.1 — the learning rate of the one neuron and where its badly wrong run starts.
struct SlowdownKnobs: ParsableArguments {
    @Option(
        name: .customLong("neuron-eta"), parsing: .unconditional,
        help: .knob(
            "Learning rate η of the one neuron's gradient descent (> 0).", default: SlowdownSetting.eta, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--neuron-eta", example: "0.15 or 1") })
    var eta: Double = SlowdownSetting.eta

    @Option(
        name: .customLong("neuron-start"), parsing: .unconditional,
        help: .knob(
            "Where the second (badly wrong) neuron starts: w,b, each from −10 to 10; the first starts at (0.6, 0.9).",
            default: [SlowdownSetting.starts[1].w, SlowdownSetting.starts[1].b],
            valueName: "w,b"),
        transform: { try SlowdownKnobs.start($0) })
    var start: [Double] = [SlowdownSetting.starts[1].w, SlowdownSetting.starts[1].b]

    var settings: [Setting] { [Setting("neuron-eta", eta), Setting("neuron-start", start)] }

    /// The two starting neurons: the notes' moderately wrong one and the one of `--neuron-start`.
    var starts: [OneNeuron] { [SlowdownSetting.starts[0], OneNeuron(w: start[0], b: start[1])] }

    /// "w,b": two finite numbers, each from −10 to 10.
    static func start(_ text: String) throws -> [Double] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).compactMap {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        guard values.count == 2, values.allSatisfy({ $0.isFinite && abs($0) <= 10 }) else {
            throw KnobValues.invalid("--neuron-start takes two numbers w,b, each from −10 to 10, such as 3,3")
        }
        return values
    }
}

/// The costs 4.6 can add an extra pair of runs with.
enum ExtraCost: String, ExpressibleByArgument, CaseIterable, SettingValue {
    case none
    case quadratic
    case crossEntropy = "cross-entropy"
    case logLikelihood = "log-likelihood"

    var cost: (any Cost)? {
        switch self {
        case .none: nil
        case .quadratic: QuadraticCost()
        case .crossEntropy: CrossEntropyCost()
        case .logLikelihood: LogLikelihoodCost()
        }
    }
}

/// The output layers of 4.6's extra runs.
enum ExtraOutput: String, ExpressibleByArgument, CaseIterable, SettingValue {
    case sigmoid, softmax

    var activation: Activation { self == .sigmoid ? .sigmoid : .softmax }
}

/// 4.6 — the MNIST comparison.
struct ComparisonKnobs: ParsableArguments {
    @Option(help: "The images 4.5–4.6 learn: MNIST digits or Fashion-MNIST clothes (28 × 28, 10 classes each).")
    var dataset: ChapterDataset = .mnist

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Learning rate η of the cross-entropy and log-likelihood runs and of the quadratic run beside them (> 0).",
            default: MNISTSetup.crossEntropy30.eta,
            valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--eta", example: "0.5 or 0.1") })
    var eta: Double = MNISTSetup.crossEntropy30.eta

    @Option(
        name: .customLong("quadratic-eta"), parsing: .unconditional,
        help: .knob(
            "The quadratic cost's own learning rate, Nielsen's ch. 1 value (> 0).", default: MNISTSetup.quadratic30.eta,
            valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--quadratic-eta", example: "3 or 1") })
    var quadraticEta: Double = MNISTSetup.quadratic30.eta

    @Option(
        parsing: .unconditional,
        help: .knob("Mini-batch size m (images per step, 1 to 10000).", default: 10, valueName: "m"),
        transform: { try KnobValues.whole($0, option: "--batch", in: 1...10_000) })
    var batch: Int = 10

    @Option(
        parsing: .unconditional,
        help: .knob(
            "The two hidden-layer sizes compared, small,large (units; the quadratic runs use the first).",
            default: [30, 100],
            valueName: "n,n"),
        transform: { try ComparisonKnobs.hiddenPair($0) })
    var hidden: [Int] = [30, 100]

    @Option(
        help: ArgumentHelp(
            "Add a pair of runs (both sizes, at --eta) with this cost and --output; none trains the notes' six runs only."
        ))
    var cost: ExtraCost = .none

    @Option(help: "Output layer of the extra runs --cost adds.")
    var output: ExtraOutput = .sigmoid

    mutating func validate() throws {
        if let refusal = Self.refusal(cost: cost, output: output) { throw ValidationError(refusal) }
    }

    /// Why 4.6 will not add runs of `cost` after outputs of `output`, or nil when it will.
    static func refusal(cost: ExtraCost, output: ExtraOutput) -> String? {
        switch (cost, output) {
        case (.none, .sigmoid): nil
        case (.none, .softmax):
            "--output chooses the outputs of the extra runs --cost adds: give a cost too, such as --cost quadratic --output softmax"
        case (.logLikelihood, .sigmoid):
            "--cost log-likelihood needs --output softmax: with independent sigmoid outputs −ln a_y never pushes a wrong class down, so every output can reach 1 at zero cost"
        case (.quadratic, .sigmoid), (.crossEntropy, .sigmoid), (.logLikelihood, .softmax):
            "--cost \(cost.rawValue) --output \(output.rawValue) is already one of 4.6's runs; add a pairing it does not train: --cost quadratic --output softmax or --cost cross-entropy --output softmax"
        case (.quadratic, .softmax), (.crossEntropy, .softmax): nil
        }
    }

    var settings: [Setting] {
        [
            Setting("dataset", dataset, folderName: dataset.rawValue), Setting("eta", eta),
            Setting("quadratic-eta", quadraticEta), Setting("batch", batch), Setting("hidden", hidden),
            Setting("cost", cost), Setting("output", output),
        ]
    }

    /// Two different layer sizes, the smaller first.
    static func hiddenPair(_ text: String) throws -> [Int] {
        let sizes = try? KnobValues.layerSizes(text, option: "--hidden", largest: 1_000)
        guard let sizes, sizes.count == 2, sizes[0] < sizes[1] else {
            throw KnobValues.invalid(
                "--hidden takes two hidden-layer sizes from 1 to 1000, the smaller first, such as 30,100")
        }
        return sizes
    }
}

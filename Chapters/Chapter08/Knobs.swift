// The chapter's knobs: the long-lag experiment's lags, steps, runs and network (8.4), and the
// character model's text, cells, size, window, learning rate, clipping, temperatures, updates and
// precision (8.7), with the notes' values as defaults.

import ArgumentParser
import ChapterRunner
import Foundation
import NeuralCore

/// Every knob of Chapter 08, grouped by section in `--help`.
struct GatedKnobs: ChapterKnobs {
    @OptionGroup(title: "8.4 The long-lag experiment") var longLag: LongLagKnobs
    @OptionGroup(title: "8.7 The character model") var character: CharacterKnobs
    @OptionGroup(title: "8.8 What the character model has learned") var learned: LearnedKnobs
    @OptionGroup(title: "8.9 Stacked layers and dropout between them") var stack: StackKnobs

    var settings: [Setting] { longLag.settings + character.settings + learned.settings + stack.settings }
}

/// The knobs of section 8.4.
struct LongLagKnobs: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Lags T of the long-lag task, separated by commas (each 1 to 500; default 5,10,20,40,80,120, 5,20 with --quick).",
            valueName: "T,…"),
        transform: { try LongLagKnobs.lags($0) })
    var lags: [Int]?

    @Option(
        name: .customLong("lag-steps"),
        help: ArgumentHelp(
            "Adam steps per cell and lag (1 to 100000; default 1000, 150 with --quick).", valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--lag-steps", in: 1...100_000) })
    var steps: Int?

    @Option(
        name: .customLong("lag-runs"),
        help: ArgumentHelp(
            "Independent runs per cell and lag (1 to 20; default 3, 1 with --quick).", valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--lag-runs", in: 1...20) })
    var runs: Int?

    @Option(
        name: .customLong("lag-hidden"), parsing: .unconditional,
        help: .knob("Hidden units of each cell (1 to 512).", default: LongLagSetup.hidden, valueName: "H"),
        transform: { try KnobValues.whole($0, option: "--lag-hidden", in: 1...512) })
    var hidden = LongLagSetup.hidden

    @Option(
        name: .customLong("lag-eta"), parsing: .unconditional,
        help: .knob("Adam's learning rate η (> 0).", default: LongLagSetup.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--lag-eta", example: "0.003 or 0.01") })
    var learningRate = LongLagSetup.learningRate

    @Option(
        name: .customLong("gate-bias"), parsing: .unconditional,
        help: .knob(
            "The LSTM's forget-gate bias b_f, and minus the GRU's update-gate bias and the MGU's forget-gate bias (≥ 0).",
            default: LongLagSetup.gateBias,
            valueName: "b"),
        transform: { try KnobValues.nonNegative($0, option: "--gate-bias", example: "0 or 4") })
    var gateBias = LongLagSetup.gateBias

    var settings: [Setting] {
        [
            Setting("lags", lags.map(\.settingText) ?? "5,10,20,40,80,120 (5,20 with --quick)"),
            Setting("lag-steps", steps.map(\.settingText) ?? "1000 (150 with --quick)"),
            Setting("lag-runs", runs.map(\.settingText) ?? "3 (1 with --quick)"),
            Setting("lag-hidden", hidden), Setting("lag-eta", learningRate), Setting("gate-bias", gateBias),
        ]
    }

    /// "5,20": up to eight different lags, each from 1 to 500.
    static func lags(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ (1...500).contains($0) }),
            values.count <= 8, Set(values).count == values.count
        else {
            throw KnobValues.invalid(
                "--lags takes up to 8 different whole numbers from 1 to 500 separated by commas, such as 5,20,80")
        }
        return values.sorted()
    }

    /// The notes' knobs (what parsing no arguments gives).
    static var defaults: LongLagKnobs {
        // swift-format-ignore: NeverUseForceTry
        try! LongLagKnobs.parse([])
    }
}

/// The recurrent cells the character model can be built on, in the order 8.7 trains them by
/// default (the first two were the section's only cells before; later cells take later forks).
enum CharacterCell: String, ExpressibleByArgument, CaseIterable, SettingValue, Sendable {
    case vanilla
    case lstm
    case gru
    case mgu

    /// The name in tables, legends and results.json keys: "vanilla", "LSTM", "GRU", "MGU".
    var displayName: String { self == .vanilla ? "vanilla" : rawValue.uppercased() }
}

/// The knobs of section 8.7.
struct CharacterKnobs: ParsableArguments {
    /// What `--text` records when it is left out: the chapters' own notes.

    @Option(
        help: ArgumentHelp(
            "A UTF-8 text file for the character model, - for standard input (default: the chapters' own notes; at most 4 MiB are read, 256 KiB with --quick).",
            valueName: "path"))
    var text: String?

    @Option(
        help: .knob(
            "The cells trained on the same text, separated by commas: vanilla, lstm, gru, mgu (up to four, each once).",
            default: CharacterCell.allCases,
            valueName: "cell,…"),
        transform: { try CharacterKnobs.cells($0) })
    var cells: [CharacterCell] = CharacterCell.allCases

    @Option(
        parsing: .unconditional,
        help: .knob("Hidden units of every cell (1 to 1024).", default: CharacterSetup.hidden, valueName: "H"),
        transform: { try KnobValues.whole($0, option: "--hidden", in: 1...1_024) })
    var hidden = CharacterSetup.hidden

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Window length T: characters per stream and update, the truncation length of BPTT (Eq. 7.7; 1 to 1000).",
            default: CharacterSetup.sequenceLength,
            valueName: "T"),
        transform: { try KnobValues.whole($0, option: "--window", in: 1...1_000) })
    var window = CharacterSetup.sequenceLength

    @Option(
        parsing: .unconditional,
        help: .knob("Streams read in parallel per update (1 to 256).", default: CharacterSetup.batch, valueName: "B"),
        transform: { try KnobValues.whole($0, option: "--batch", in: 1...256) })
    var batch = CharacterSetup.batch

    @Option(
        parsing: .unconditional,
        help: .knob("Adagrad's learning rate η (> 0).", default: CharacterSetup.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--eta", example: "0.1 or 0.05") })
    var eta = CharacterSetup.learningRate

    @Option(
        parsing: .unconditional,
        help: .knob("Clipping threshold c of Eq. 7.8 (> 0).", default: 5.0, valueName: "c"),
        transform: { try KnobValues.positive($0, option: "--clip", example: "5 or 1") })
    var clip = 5.0

    @Option(
        name: .customLong("clip-by"),
        help: ArgumentHelp(
            "Clip each gradient entry to ±c (value), the whole gradient to norm c (norm), or not at all (none).",
            valueName: "mode"))
    var clipBy = ClipMode.value

    @Option(
        help: .knob(
            "Temperatures τ of the samples drawn after training (Eq. 7.10), separated by commas (each from 0.01 to 10).",
            default: CharacterSetup.temperatures,
            valueName: "τ,…"),
        transform: { try KnobValues.temperatures($0, option: "--temperature", example: "0.5,1") })
    var temperature = CharacterSetup.temperatures

    @Option(
        help: ArgumentHelp(
            "Training updates of each network (1 to 1000000; default 1500, 60 with --quick).", valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--updates", in: 1...1_000_000) })
    var updates: Int?

    @Option(
        help: .knob(
            "Precision of the LSTMs' products with their recurrent weights W (8.7 and 8.9): double, or single (Float, as PyTorch trains: faster, and results that differ from the notes' after the first digits).",
            default: ProductPrecision.double, valueName: "double|single"))
    var precision = ProductPrecision.double

    var settings: [Setting] {
        [
            TextKnob.setting(text), Setting("cells", cells),
            Setting("hidden", hidden), Setting("window", window), Setting("batch", batch), Setting("eta", eta),
            Setting("clip", clip), Setting("clip-by", clipBy), Setting("temperature", temperature),
            Setting("updates", updates.map(\.settingText) ?? "1500 (60 with --quick)"),
            Setting("precision", precision),
        ]
    }

    mutating func validate() throws {
        if clipBy == .none && clip != 5 {
            throw ValidationError(
                "--clip sets the threshold of clipping, and --clip-by none clips nothing: leave one of them out")
        }
    }

    /// The notes' knobs (what parsing no arguments gives).
    static var defaults: CharacterKnobs {
        // swift-format-ignore: NeverUseForceTry
        try! CharacterKnobs.parse([])
    }

    /// "vanilla,lstm": up to four different cells.
    static func cells(_ text: String) throws -> [CharacterCell] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let cells = parts.compactMap(CharacterCell.init(rawValue:))
        guard !parts.isEmpty, cells.count == parts.count, Set(cells).count == cells.count else {
            throw KnobValues.invalid(
                "--cells takes one or more of vanilla, lstm, gru, mgu separated by commas, each once, such as vanilla,lstm"
            )
        }
        return cells
    }
}

/// The knobs of section 8.8.
struct LearnedKnobs: ParsableArguments {
    @Option(
        name: .customLong("long-sample"),
        help: ArgumentHelp(
            "Characters of each long sample 8.8 measures novelty and closing on (1000 to 1000000; default 20000, 2000 with --quick).",
            valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--long-sample", in: 1_000...1_000_000) })
    var longSample: Int?

    var settings: [Setting] {
        [Setting("long-sample", longSample.map(\.settingText) ?? "20000 (2000 with --quick)")]
    }

    /// The notes' knobs (what parsing no arguments gives).
    static var defaults: LearnedKnobs {
        // swift-format-ignore: NeverUseForceTry
        try! LearnedKnobs.parse([])
    }
}

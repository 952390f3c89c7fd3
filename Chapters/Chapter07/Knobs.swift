// The chapter's knobs: the hello network's learning rate and updates (7.3), and the character
// model's text, size, window, learning rate, clipping, temperatures and updates (7.4, read again
// by 7.6), with the notes' values as defaults.

import ArgumentParser
import ChapterRunner
import Foundation
import NeuralCore

/// Every knob of Chapter 07, grouped by section in `--help`.
struct RecurrentKnobs: ChapterKnobs {
    @OptionGroup(title: "7.3 The \"hello\" network") var hello: HelloKnobs
    @OptionGroup(title: "7.4 The character model (7.6 reads the trained network)") var character: CharacterKnobs
    @OptionGroup(title: "7.7 The word-level language model (it reads 7.4's text)") var word: WordKnobs
    @OptionGroup(title: "7.8 Reading in both directions") var bracket: BracketKnobs
    @OptionGroup(title: "7.9 Teacher forcing and its price (it reads 7.4's model)") var forcing: ForcingKnobs

    var settings: [Setting] {
        hello.settings + character.settings + word.settings + bracket.settings + forcing.settings
    }
}

/// The knobs of section 7.3.
struct HelloKnobs: ParsableArguments {
    @Option(
        name: .customLong("hello-eta"), parsing: .unconditional,
        help: .knob(
            "Adagrad's learning rate η for the hello network (> 0).", default: HelloTask.learningRate, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--hello-eta", example: "0.3 or 0.03") })
    var learningRate = HelloTask.learningRate

    @Option(
        name: .customLong("hello-updates"), parsing: .unconditional,
        help: .knob(
            "Full-BPTT updates of the hello network on \"hell\" → \"ello\" (1 to 100000).", default: helloIterations,
            valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--hello-updates", in: 1...100_000) })
    var updates = helloIterations

    var settings: [Setting] { [Setting("hello-eta", learningRate), Setting("hello-updates", updates)] }

    /// The notes' knobs (what parsing no arguments gives).
    static var defaults: HelloKnobs {
        // swift-format-ignore: NeverUseForceTry
        try! HelloKnobs.parse([])
    }
}

/// The knobs of section 7.4.
struct CharacterKnobs: ParsableArguments {
    /// What `--text` records when it is left out: the chapters' own notes.

    @Option(
        help: ArgumentHelp(
            "A UTF-8 text file for the character model, - for standard input (default: the chapters' own notes; at most 4 MiB are read, 256 KiB with --quick).",
            valueName: "path"))
    var text: String?

    @Option(
        parsing: .unconditional,
        help: .knob("Hidden units of the vanilla network (1 to 1024).", default: 100, valueName: "H"),
        transform: { try KnobValues.whole($0, option: "--hidden", in: 1...1_024) })
    var hidden = 100

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Window length T: characters per update, the truncation length of BPTT (Eq. 7.7; 1 to 1000).", default: 25,
            valueName: "T"),
        transform: { try KnobValues.whole($0, option: "--window", in: 1...1_000) })
    var window = 25

    @Option(
        parsing: .unconditional,
        help: .knob("Adagrad's learning rate η (> 0).", default: 0.05, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--eta", example: "0.05 or 0.1") })
    var eta = 0.05

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
            default: [0.5, 1.0, 1.5],
            valueName: "τ,…"),
        transform: { try KnobValues.temperatures($0, option: "--temperature", example: "0.5,1,1.5") })
    var temperature = [0.5, 1.0, 1.5]

    @Option(
        help: ArgumentHelp(
            "Training updates, one window each (1 to 2000000; default 100000, 1500 with --quick).", valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--updates", in: 1...2_000_000) })
    var updates: Int?

    var settings: [Setting] {
        [
            TextKnob.setting(text),
            Setting("hidden", hidden), Setting("window", window), Setting("eta", eta), Setting("clip", clip),
            Setting("clip-by", clipBy), Setting("temperature", temperature),
            Setting("updates", updates.map(\.settingText) ?? "100000 (1500 with --quick)"),
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
}

/// The knobs of section 7.7.
struct WordKnobs: ParsableArguments {
    static let defaultWords = 1_000
    static let defaultHidden = 64
    static let defaultEta = 0.005
    static let defaultUpdates = 600
    static let quickUpdates = 60

    @Option(
        name: .customLong("word-vocabulary"), parsing: .unconditional,
        help: .knob(
            "Words the word model keeps, the most frequent first; with SENTENCE_START, SENTENCE_END and UNKNOWN they are the softmax's C (1 to 20000).",
            default: Self.defaultWords, valueName: "words"),
        transform: { try KnobValues.whole($0, option: "--word-vocabulary", in: 1...20_000) })
    var words = Self.defaultWords

    @Option(
        name: .customLong("word-hidden"), parsing: .unconditional,
        help: .knob("Hidden units H of the word model (1 to 512).", default: Self.defaultHidden, valueName: "H"),
        transform: { try KnobValues.whole($0, option: "--word-hidden", in: 1...512) })
    var hidden = Self.defaultHidden

    @Option(
        name: .customLong("word-eta"), parsing: .unconditional,
        help: .knob("Adam's learning rate η for the word model (> 0).", default: Self.defaultEta, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--word-eta", example: "0.005 or 0.01") })
    var eta = Self.defaultEta

    @Option(
        name: .customLong("word-updates"),
        help: ArgumentHelp(
            "Updates of the word model, a batch of 16 sentences each (1 to 200000; default \(Self.defaultUpdates), \(Self.quickUpdates) with --quick).",
            valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--word-updates", in: 1...200_000) })
    var updates: Int?

    var settings: [Setting] {
        [
            Setting("word-vocabulary", words), Setting("word-hidden", hidden), Setting("word-eta", eta),
            Setting(
                "word-updates",
                updates.map(\.settingText) ?? "\(Self.defaultUpdates) (\(Self.quickUpdates) with --quick)"),
        ]
    }

    /// The notes' knobs (what parsing no arguments gives).
    static var defaults: WordKnobs {
        // swift-format-ignore: NeverUseForceTry
        try! WordKnobs.parse([])
    }
}

/// The knobs of section 7.8.
struct BracketKnobs: ParsableArguments {
    static let defaultLength = 20
    static let defaultHidden = 16
    static let defaultEta = 0.01
    static let defaultUpdates = 3_000
    static let quickUpdates = 300

    @Option(
        name: .customLong("bracket-length"), parsing: .unconditional,
        help: .knob(
            "Brackets per string T of the tagging task (2 to 200).", default: Self.defaultLength, valueName: "T"),
        transform: { try KnobValues.whole($0, option: "--bracket-length", in: 2...200) })
    var length = Self.defaultLength

    @Option(
        name: .customLong("bracket-hidden"), parsing: .unconditional,
        help: .knob(
            "Hidden units H of each direction of the bidirectional tagger; the one-directional one gets as many parameters (1 to 256).",
            default: Self.defaultHidden, valueName: "H"),
        transform: { try KnobValues.whole($0, option: "--bracket-hidden", in: 1...256) })
    var hidden = Self.defaultHidden

    @Option(
        name: .customLong("bracket-eta"), parsing: .unconditional,
        help: .knob("Adam's learning rate η for both taggers (> 0).", default: Self.defaultEta, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--bracket-eta", example: "0.01 or 0.003") })
    var eta = Self.defaultEta

    @Option(
        name: .customLong("bracket-updates"),
        help: ArgumentHelp(
            "Updates of each tagger, a batch of 32 fresh strings each (1 to 200000; default \(Self.defaultUpdates), \(Self.quickUpdates) with --quick).",
            valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--bracket-updates", in: 1...200_000) })
    var updates: Int?

    var settings: [Setting] {
        [
            Setting("bracket-length", length), Setting("bracket-hidden", hidden), Setting("bracket-eta", eta),
            Setting(
                "bracket-updates",
                updates.map(\.settingText) ?? "\(Self.defaultUpdates) (\(Self.quickUpdates) with --quick)"),
        ]
    }

    /// The notes' knobs (what parsing no arguments gives).
    static var defaults: BracketKnobs {
        // swift-format-ignore: NeverUseForceTry
        try! BracketKnobs.parse([])
    }
}

/// The knobs of section 7.9.
struct ForcingKnobs: ParsableArguments {
    static let defaultHorizon = 30
    static let defaultStarts = 1_000

    @Option(
        name: .customLong("forcing-horizon"), parsing: .unconditional,
        help: .knob(
            "Steps k ahead that 7.9 follows, fed the text or the model's own guesses (1 to 500).",
            default: Self.defaultHorizon, valueName: "k"),
        transform: { try KnobValues.whole($0, option: "--forcing-horizon", in: 1...500) })
    var horizon = Self.defaultHorizon

    @Option(
        name: .customLong("forcing-starts"), parsing: .unconditional,
        help: .knob(
            "Random places in the text 7.9 starts from (1 to 100000; a quick run uses at most 200).",
            default: Self.defaultStarts, valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--forcing-starts", in: 1...100_000) })
    var starts = Self.defaultStarts

    var settings: [Setting] { [Setting("forcing-horizon", horizon), Setting("forcing-starts", starts)] }

    /// The notes' knobs (what parsing no arguments gives).
    static var defaults: ForcingKnobs {
        // swift-format-ignore: NeverUseForceTry
        try! ForcingKnobs.parse([])
    }
}

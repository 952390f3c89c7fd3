// A chapter's knobs as the run sees them: each hyper-parameter the learner can set from the
// command line, its value written the way it is typed, and which of them differ from the notes.

import ArgumentParser
import NeuralCore

/// A value a knob can take, written the way a learner types it (`100`, `0.5`, `30,30`, `softmax`).
public protocol SettingValue {
    var settingText: String { get }
}

extension Double: SettingValue {
    /// The shortest text that reads back as this number: 100, 0.5, 1e-05.
    public var settingText: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(describing: self)
    }
}

extension Int: SettingValue {
    public var settingText: String { String(self) }
}

extension String: SettingValue {
    public var settingText: String { self }
}

extension Array: SettingValue where Element: SettingValue {
    /// Comma-separated, as list options are typed: `30,30`.
    public var settingText: String { map(\.settingText).joined(separator: ",") }
}

extension SettingValue where Self: RawRepresentable, RawValue == String {
    public var settingText: String { rawValue }
}

/// One knob's value in a run.
public struct Setting: Sendable, Equatable {
    /// The long option without its dashes: "eta".
    public let option: String
    /// The value as typed: "100".
    public let value: String
    /// What the output folder's name says when this knob is changed (default "eta-100").
    public let folderName: String?
    /// Whether a changed value is footnoted on the figures; false for a knob the figures already
    /// name (Chapter 06's dataset, in every title).
    public private(set) var onFigures = true

    public init(_ option: String, _ value: some SettingValue, folderName: String? = nil, onFigures: Bool = true) {
        self.option = option
        self.value = value.settingText
        self.folderName = folderName
        self.onFigures = onFigures
    }

    /// An on/off flag ("--dropout"), written "on" or "off".
    public init(flag option: String, _ isOn: Bool) {
        self.option = option
        self.value = isOn ? "on" : "off"
        self.folderName = nil
        self.isFlag = true
    }

    /// Whether the knob is a flag, set by its name alone.
    public private(set) var isFlag = false

    /// The words that set it: ["--eta", "100"], or ["--dropout"] for a flag that is on.
    public var words: [String] { isFlag ? (value == "on" ? ["--\(option)"] : []) : ["--\(option)", value] }

    /// Its part of a folder name, with only characters safe in every file system.
    var folderPart: String {
        let raw = folderName ?? (isFlag ? (value == "on" ? option : "no-\(option)") : "\(option)-\(value)")
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,+-")
        return String(raw.map { allowed.contains($0) ? $0 : "-" })
    }
}

/// A chapter's hyper-parameters as command-line options, with the notes' values as defaults.
public protocol ChapterKnobs: ParsableArguments {
    /// Every knob's current value, in the order `--help` lists them.
    var settings: [Setting] { get }
}

extension ChapterKnobs {
    /// The knobs whose values differ from the notes' (the defaults), in declaration order.
    public var changedSettings: [Setting] {
        // Parsing no arguments gives the defaults; every knob has one.
        guard let defaults = try? Self.parse([]) else { return settings }
        let defaultValues = Dictionary(defaults.settings.map { ($0.option, $0.value) }, uniquingKeysWith: { a, _ in a })
        return settings.filter { defaultValues[$0.option] != $0.value }
    }
}

/// What one run changed from the notes' configuration, and the folder it therefore writes into.
public struct RunVariant: Sendable, Equatable {
    /// Every knob's value, changed or not.
    public var settings: [Setting]
    /// The knobs and run options (seed, epochs, sections) that differ from the notes'.
    public var changed: [Setting]

    public init(settings: [Setting] = [], changed: [Setting] = []) {
        self.settings = settings
        self.changed = changed
    }

    /// The knobs of `knobs` plus the run options of `options` that differ from the defaults.
    public init(knobs: (some ChapterKnobs)?, options: ChapterOptions) {
        settings = knobs?.settings ?? []
        changed = knobs?.changedSettings ?? []
        if let epochs = options.epochs { changed.append(Setting("epochs", epochs)) }
        if options.seed != ChapterOptions.defaultSeed { changed.append(Setting("seed", Int(options.seed))) }
        if !options.only.isEmpty { changed.append(Setting("only", options.only)) }
    }

    /// Whether this is the notes' own run (any seed aside, the figures committed under output/).
    public var isDefault: Bool { changed.isEmpty }

    /// Whether every knob has its default value (seed, epochs and `--only` may differ): the
    /// sections then draw exactly what the chapter's plan says.
    public var knobsAreDefault: Bool {
        changed.allSatisfy { ["epochs", "seed", "only"].contains($0.option) }
    }

    /// The subfolder of the chapter's folder this run writes into: nil for the notes' run, else
    /// one part per change joined by "_" (`eta-100_hidden-100`).
    public var folderName: String? {
        guard !changed.isEmpty else { return nil }
        let name = changed.map(\.folderPart).joined(separator: "_")
        guard name.count > Self.longestFolderName else { return name }
        // A very long name is cut and made unique by a digest of the whole.
        let digest = SHA256.hex(Array(name.utf8)).prefix(10)
        return String(name.prefix(Self.longestFolderName - 11)) + "_" + digest
    }

    static let longestFolderName = 120

    /// The options that reproduce the run: "--eta 100 --hidden 100".
    public var commandLine: String {
        changed.flatMap(\.words).joined(separator: " ")
    }

    /// The changes a figure shows (which sections ran changes no figure): "--eta 100".
    public var figureChanges: String? {
        let shown = changed.filter { $0.option != "only" && $0.onFigures }
        return shown.isEmpty ? nil : shown.flatMap(\.words).joined(separator: " ")
    }
}

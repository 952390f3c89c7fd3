// The command-line options every chapter accepts.

import ArgumentParser
import Foundation

/// Options shared by all chapters: `--seed`, `--out`, `--quick`, `--data`, `--epochs`, `--only`,
/// `--list`.
public struct ChapterOptions: ParsableArguments, Sendable {
    /// The seed of the notes' runs (the committed figures).
    public static let defaultSeed: UInt64 = 1
    /// The largest seed: 2⁵³ − 1, the largest whole number every JSON reader holds exactly, so
    /// results.json always records the seed as the number that was typed.
    public static let largestSeed: UInt64 = (1 << 53) - 1
    /// The most epochs a run may ask for; the chapters' own defaults are at most 100.
    public static let largestEpochs = 1_000
    /// The chapters whose training loops read `--epochs`; the others refuse it.
    public static let chaptersTakingEpochs = 1...6

    // `.unconditional` reads "-1" as the value (not as an option), so the transform can say
    // what is wrong with it instead of "Missing value".
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seed for every random draw (0 to \(largestSeed)); the same seed gives the same numbers and figures."),
        transform: { try ChapterOptions.wholeNumber($0, option: "--seed", in: 0...largestSeed) })
    public var seed: UInt64 = defaultSeed

    @Option(
        name: .customLong("out"),
        help: ArgumentHelp(
            "Folder for figures and results.json, a ChapterNN folder inside (default: output, or output/quick with --quick, so a quick run never replaces the committed figures).",
            valueName: "folder"))
    var outFolder: String?

    /// Where the run writes (a ChapterNN folder is made inside): `--out`, else `output`, or
    /// `output/quick` for a `--quick` run, so that the figures committed under `output/` are only
    /// ever replaced by a full run.
    public var out: String {
        get { outFolder ?? (quick ? Self.quickOutput : Self.defaultOutput) }
        set { outFolder = newValue }
    }

    public static let defaultOutput = "output"
    public static let quickOutput = "output/quick"

    @Flag(help: "Run a small configuration that finishes in seconds (used by CI).")
    public var quick = false

    @Option(
        help: ArgumentHelp(
            "Folder holding the MNIST / Fashion-MNIST IDX files (else $WORKBOOK_DATA, else neural-workbook/data in $XDG_CACHE_HOME or ~/.cache).",
            valueName: "folder"))
    public var data: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Training epochs (1 to \(largestEpochs)) for Chapters 01–06 (the chapter's default when omitted)."),
        transform: { Int(try ChapterOptions.wholeNumber($0, option: "--epochs", in: 1...UInt64(largestEpochs))) })
    public var epochs: Int?

    @Option(
        help: ArgumentHelp(
            "Run only these sections (e.g. 5.4, or 5.2,5.4), and the sections they read; see --list.",
            valueName: "section"),
        transform: { try ChapterOptions.sectionList($0) })
    public var only: [String] = []

    @Flag(help: "List the chapter's sections with their rough run times, and exit.")
    public var list = false

    public init() {}

    /// "5.2,5.4" → ["5.2", "5.4"]; each must look like a section number.
    static func sectionList(_ text: String) throws -> [String] {
        let ids = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for id in ids {
            let parts = id.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else {
                throw OptionValueError("--only takes section numbers such as 5.4 or 5.2,5.4 (see --list)")
            }
        }
        return ids
    }

    public mutating func validate() throws {
        if out.isEmpty {
            throw ValidationError("--out needs a folder name.")
        }
    }

    /// The epochs to run: `--epochs` if given, else the chapter's default for a full or quick run.
    public func epochs(full: Int, quick quickValue: Int) -> Int {
        epochs ?? (quick ? quickValue : full)
    }

    /// Refuses `--epochs` in a chapter that counts its training in updates, so results.json
    /// never records an option that changed nothing.
    public func checkEpochs(chapter number: Int) throws {
        guard epochs != nil, !Self.chaptersTakingEpochs.contains(number) else { return }
        let first = ChapterSession.twoDigits(Self.chaptersTakingEpochs.lowerBound)
        let last = ChapterSession.twoDigits(Self.chaptersTakingEpochs.upperBound)
        throw ChapterError(
            "--epochs is read by Chapters \(first)–\(last) only; Chapter \(ChapterSession.twoDigits(number)) counts training in updates, not epochs (set them with --updates; see --help)."
        )
    }

    /// `text` as a whole number in `range`, or an error that says which numbers the option takes.
    static func wholeNumber(_ text: String, option: String, in range: ClosedRange<UInt64>) throws -> UInt64 {
        guard let value = UInt64(text), range.contains(value) else {
            throw OptionValueError(
                "\(option) takes a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

/// Why an option's value was refused; ArgumentParser prints it after the value it quotes.
struct OptionValueError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

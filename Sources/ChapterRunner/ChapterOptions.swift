// The command-line options every chapter accepts.

import ArgumentParser

/// Options shared by all chapters: `--seed`, `--out`, `--quick`, `--data`, `--epochs`.
public struct ChapterOptions: ParsableArguments, Sendable {
    @Option(help: "Seed for every random draw; the same seed gives the same numbers and figures.")
    public var seed: UInt64 = 1

    @Option(
        help: ArgumentHelp(
            "Folder for figures and results.json (a ChapterNN folder is made inside).", valueName: "folder"))
    public var out: String = "output"

    @Flag(help: "Run a small configuration that finishes in seconds (used by CI).")
    public var quick = false

    @Option(
        help: ArgumentHelp(
            "Folder holding the MNIST / Fashion-MNIST IDX files (else $WORKBOOK_DATA, else neural-workbook/data in $XDG_CACHE_HOME or ~/.cache).",
            valueName: "folder"))
    public var data: String?

    @Option(help: "Training epochs, where the chapter trains (its default when omitted).")
    public var epochs: Int?

    public init() {}

    public mutating func validate() throws {
        if let epochs, epochs < 1 {
            throw ValidationError("--epochs must be at least 1, got \(epochs).")
        }
        if out.isEmpty {
            throw ValidationError("--out needs a folder name.")
        }
    }

    /// The epochs to run: `--epochs` if given, else the chapter's default for a full or quick run.
    public func epochs(full: Int, quick quickValue: Int) -> Int {
        epochs ?? (quick ? quickValue : full)
    }
}

// One run of a chapter: its options, its seeded generator, its output folder, the narrative it
// prints, the figures it writes and the results it records in results.json.

import ArgumentParser
import Foundation
import Figures
import NeuralCore

/// An environment problem a chapter reports as one readable line (bad data, diverged training…).
public struct ChapterError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The state of one chapter run.
///
/// A run holds a lock on its output folder from start to end (a second run into the same folder
/// is refused), and writes every file into a staging folder inside it; `finish` moves them into
/// place together with results.json. A run that fails or is interrupted removes the staging
/// folder, so the output folder keeps the files of the last run that finished, never a mixture.
public final class ChapterSession {
    /// "01", "02", …
    public let number: String
    public let title: String
    public let options: ChapterOptions
    /// What this run changed from the notes' run (the knobs, seed, epochs, sections).
    public let variant: RunVariant
    /// The one generator behind every random draw of the run, seeded with `--seed`. Each step of
    /// the chapter's plan finds it where that step's draws start.
    public var generator: SeededGenerator
    /// `<out>/ChapterNN`, where the files are once the run has finished.
    public let outputFolder: URL
    /// `<out>/ChapterNN/.unfinished`, where the files are while the run is going.
    public let stagingFolder: URL

    /// The staging folder's name inside the output folder.
    public static let stagingName = ".unfinished"

    private var results: [String: JSONValue] = [:]
    private var configuration: [String: JSONValue] = [:]
    private var summaryLines: [String] = []
    private(set) public var filesWritten: [String] = []
    private let started = Date()
    private let lock: FolderLock
    private var staging: TemporaryFiles.Token?
    /// True when this run made the output folder (so a failed run removes it again).
    private let createdOutputFolder: Bool
    /// Datasets read before the first section, handed out by `loadImages`.
    var preloaded: [DatasetKind: LoadedDataset] = [:]
    /// The chapter's steps, those this run takes, and their bodies (see ChapterSession+Steps).
    var plan: ChapterPlan?
    var registeredSteps: [String: any RegisteredStep] = [:]
    var stepSeconds: [String: Double] = [:]
    var drawMismatches: [String] = []

    /// Prepares a run: checks that the output folder can be written and takes its lock before
    /// any work is done, then clears what an earlier killed run may have left.
    /// A run that is not the notes' own (`variant` changes a knob, the seed, the epochs or the
    /// sections) writes into a subfolder of the chapter's folder named after what changed
    /// (`Chapter03/eta-100/`), so it never replaces the committed figures.
    public init(number: Int, title: String, options: ChapterOptions, variant: RunVariant = RunVariant()) throws {
        self.number = Self.twoDigits(number)
        self.title = title
        self.options = options
        self.variant = variant
        self.generator = SeededGenerator(seed: options.seed)
        let chapterFolder = URL(fileURLWithPath: options.out, isDirectory: true)
            .appendingPathComponent("Chapter\(self.number)", isDirectory: true)
        self.outputFolder =
            variant.folderName.map { chapterFolder.appendingPathComponent($0, isDirectory: true) } ?? chapterFolder
        self.stagingFolder = outputFolder.appendingPathComponent(Self.stagingName, isDirectory: true)
        let manager = FileManager.default
        createdOutputFolder = !manager.fileExists(atPath: outputFolder.path)
        try AtomicFile.ensureWritableFolder(outputFolder)
        lock = try FolderLock(folder: outputFolder)
        // Holding the lock, anything staged or half-written here belongs to a run that is gone.
        try? manager.removeItem(at: stagingFolder)
        for name in (try? manager.contentsOfDirectory(atPath: outputFolder.path)) ?? []
        where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? manager.removeItem(at: outputFolder.appendingPathComponent(name))
        }
        let token = TemporaryFiles.shared.register(stagingFolder)
        staging = token
        do {
            try manager.createDirectory(at: stagingFolder, withIntermediateDirectories: false)
        } catch {
            abandon()
            throw FileError("cannot create \(stagingFolder.path): \(error.localizedDescription)")
        }
    }

    deinit { abandon() }

    /// "07" for 7.
    public static func twoDigits(_ number: Int) -> String {
        number < 10 && number >= 0 ? "0\(number)" : "\(number)"
    }

    /// Runs a chapter body, turning thrown environment errors into one line on standard error
    /// and a non-zero exit, with no stack trace. Options, the output folder and the `datasets`
    /// the chapter reads are checked before the first section, so a bad `--data` fails at once.
    ///
    /// With a `plan`, the body registers the chapter's steps (`step`) and the run then takes
    /// those `--only` chose, in order; `--list` prints the plan and exits. `knobs` are the
    /// chapter's hyper-parameters: those changed from the notes' name the output folder.
    public static func run(
        number: Int, title: String, options: ChapterOptions, plan: ChapterPlan? = nil,
        knobs: (some ChapterKnobs)? = NoKnobs?.none, datasets: [DatasetKind] = [],
        body: (ChapterSession) throws -> Void
    ) throws {
        restartWithFasterBLASKernelsIfNeeded()
        if options.list {
            let listing =
                plan?.listing(chapter: twoDigits(number), title: title)
                ?? "Chapter \(twoDigits(number)) runs as one piece; it has no sections to choose from."
            print(listing)
            return
        }
        keepFreedBuffersForReuse()
        Interruption.install()
        var session: ChapterSession?
        do {
            try options.checkEpochs(chapter: number)
            if !options.only.isEmpty && plan == nil {
                throw ChapterError("--only: Chapter \(twoDigits(number)) runs as one piece; leave --only out")
            }
            let selection = try plan?.selection(only: options.only, chapter: twoDigits(number))
            let variant = RunVariant(knobs: knobs, options: options)
            let started = try ChapterSession(number: number, title: title, options: options, variant: variant)
            session = started
            started.plan = plan
            for kind in datasets { try started.preloadImages(kind) }
            started.printHeader()
            try StandardOutput.check()
            try body(started)
            if let selection { try started.runSteps(selection) }
            try started.finish()
        } catch let error as ExitCode {
            session?.abandon()
            throw error
        } catch {
            session?.abandon()
            let message = "Chapter\(twoDigits(number)): error: \(error)\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode.failure
        }
    }

    /// Removes the staging folder and lets go of the lock; the output folder is as before the run
    /// (and gone again if this run made it and nothing else is in it).
    func abandon() {
        if let staging {
            try? FileManager.default.removeItem(at: stagingFolder)
            TemporaryFiles.shared.unregister(staging)
            self.staging = nil
        }
        lock.release()
        if createdOutputFolder { rmdir(outputFolder.path) }
    }

    // MARK: Narrative

    private func printHeader() {
        let heading = "Chapter \(number) · \(title)"
        print(heading)
        print(String(repeating: "═", count: heading.count))
        let mode = options.quick ? "quick run" : "full run"
        print("seed \(options.seed) · \(mode) · figures in \(outputFolder.path)")
        if !variant.isDefault {
            print("changed from the notes' run: \(variant.commandLine)")
        }
    }

    /// Starts a section; `id` matches the heading number in the notes (e.g. "1.3").
    public func section(_ id: String, _ heading: String) {
        let line = "\(id)  \(heading)"
        print("\n\(line)\n\(String(repeating: "─", count: line.count))")
    }

    /// Prints a wrapped paragraph.
    public func say(_ text: String) {
        print(Narrative.wrap(text))
    }

    /// Prints an equation or computed line, indented, unwrapped.
    public func show(_ line: String) {
        print("    " + line)
    }

    /// Prints a table.
    public func table(_ header: [String], _ rows: [[String]]) {
        print(Narrative.table(header, rows))
    }

    // MARK: Results

    /// Records a configuration value (learning rate, epochs…) for results.json.
    public func configure(_ key: String, _ value: JSONValue) {
        configuration[key] = value
    }

    /// Records a key result for results.json and, with `summary`, for the closing table.
    public func record(_ key: String, _ value: JSONValue, summary: String? = nil) {
        results[key] = value
        if let summary { summaryLines.append(summary) }
    }

    // MARK: Files

    /// The path to write an output file to, e.g. `path("nand-adder.png")`: in the staging folder
    /// until the run finishes, when `finish` moves it into the output folder.
    public func path(_ fileName: String) -> URL {
        stagingFolder.appendingPathComponent(fileName)
    }

    /// Metadata every figure carries in its PNG text chunks: title, chapter, seed, software.
    /// A run that changed something from the notes' run says so in the title, in a `Changed`
    /// chunk, and in a footnote drawn under the figure (`FigureFootnote`).
    public func metadata(title figureTitle: String) -> [(String, String)] {
        var entries = [
            ("Title", variant.figureChanges.map { "\(figureTitle) (\($0))" } ?? figureTitle),
            ("Chapter", number),
            ("Seed", String(options.seed)),
            ("Configuration", options.quick ? "quick" : "full"),
            ("Software", "Neural Workbook (Swift)"),
        ]
        if let changes = variant.figureChanges {
            entries.append(("Changed", changes))
            entries.append((FigureFootnote.keyword, "Run with \(changes); the notes show the run with the defaults."))
        }
        return entries
    }

    /// Writes a file through `write` (which must write atomically) and lists it in the summary.
    public func writeFile(_ fileName: String, _ write: (URL) throws -> Void) throws {
        let url = path(fileName)
        try write(url)
        filesWritten.append(fileName)
    }

    private func finish() throws {
        var document: [String: JSONValue] = [
            "chapter": .string(number),
            "title": .string(title),
            "seed": Int(exactly: options.seed).map { JSONValue.integer($0) } ?? .string(String(options.seed)),
            "quick": .bool(options.quick),
            "configuration": .object(configuration),
            "results": .object(results),
            "figures": .array(filesWritten.map { .string($0) }),
        ]
        if let epochs = options.epochs { document["epochsOption"] = .integer(epochs) }
        if !variant.settings.isEmpty {
            document["settings"] = .object(
                Dictionary(
                    variant.settings.map { ($0.option, JSONValue.string($0.value)) }, uniquingKeysWith: { a, _ in a }))
        }
        if !variant.isDefault { document["changed"] = .string(variant.commandLine) }
        if !options.only.isEmpty { document["only"] = .array(options.only.map { .string($0) }) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(JSONValue.object(document))
        try AtomicFile.write(data + Data("\n".utf8), to: path("results.json"))
        // The narrative must have reached its reader before the files count as written.
        try StandardOutput.check()
        try commit()

        print("\nSummary")
        print("───────")
        for line in summaryLines { print("  • \(line)") }
        print("\nFiles written to \(outputFolder.path):")
        for file in filesWritten + ["results.json"] { print("  \(file)") }
        let seconds = Date().timeIntervalSince(started)
        if let plan, stepSeconds.count > 1 {
            // Timings are printed, not recorded: results.json holds only what the seed determines.
            let parts = plan.steps.compactMap { step in
                stepSeconds[step.id].map { "\(step.id) \(formatted($0, decimals: 1)) s" }
            }
            print("\nSections took: \(parts.joined(separator: ", ")).")
        }
        print("\nDone in \(formatted(seconds, decimals: 1)) s.")
        try StandardOutput.check(after: "the figures and results.json were written to \(outputFolder.path)")
    }

    /// Moves every staged file into the output folder, results.json last, and removes the
    /// staging folder; an interruption waits until this is done.
    private func commit() throws {
        guard let staging else { return }
        let manager = FileManager.default
        try TemporaryFiles.shared.commit(staging) {
            let names = try manager.contentsOfDirectory(atPath: stagingFolder.path)
            // A folder in the way of a file would stop the moves half-way: refuse before the first.
            for name in names {
                var isFolder: ObjCBool = false
                let destination = outputFolder.appendingPathComponent(name)
                if manager.fileExists(atPath: destination.path, isDirectory: &isFolder), isFolder.boolValue {
                    throw FileError(
                        "cannot write \(destination.path): a folder of that name is in the way; move it or pass another --out"
                    )
                }
            }
            for name in names.sorted() where name != "results.json" {
                try AtomicFile.replace(
                    outputFolder.appendingPathComponent(name), with: stagingFolder.appendingPathComponent(name))
            }
            try AtomicFile.replace(outputFolder.appendingPathComponent("results.json"), with: path("results.json"))
            try manager.removeItem(at: stagingFolder)
        }
        self.staging = nil
        lock.release()
    }
}

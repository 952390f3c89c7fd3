// One run of a chapter: its options, its seeded generator, its output folder, the narrative it
// prints, the figures it writes and the results it records in results.json.

import ArgumentParser
import Foundation
import NeuralCore

/// An environment problem a chapter reports as one readable line (bad data, diverged training…).
public struct ChapterError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The state of one chapter run.
public final class ChapterSession {
    /// "01", "02", …
    public let number: String
    public let title: String
    public let options: ChapterOptions
    /// The one generator behind every random draw of the run, seeded with `--seed`.
    public var generator: SeededGenerator
    /// `<out>/ChapterNN`.
    public let outputFolder: URL

    private var results: [String: JSONValue] = [:]
    private var configuration: [String: JSONValue] = [:]
    private var summaryLines: [String] = []
    private(set) public var filesWritten: [String] = []
    private let started = Date()

    /// Prepares a run: checks that the output folder can be written before any work is done.
    public init(number: Int, title: String, options: ChapterOptions) throws {
        self.number = number < 10 ? "0\(number)" : "\(number)"
        self.title = title
        self.options = options
        self.generator = SeededGenerator(seed: options.seed)
        self.outputFolder = URL(fileURLWithPath: options.out, isDirectory: true)
            .appendingPathComponent("Chapter\(self.number)", isDirectory: true)
        try AtomicFile.ensureWritableFolder(outputFolder)
    }

    /// Runs a chapter body, turning thrown environment errors into one line on standard error
    /// and a non-zero exit, with no stack trace.
    public static func run(
        number: Int, title: String, options: ChapterOptions, body: (ChapterSession) throws -> Void
    ) throws {
        keepFreedBuffersForReuse()
        do {
            let session = try ChapterSession(number: number, title: title, options: options)
            session.printHeader()
            try body(session)
            try session.finish()
        } catch let error as ExitCode {
            throw error
        } catch {
            let message = "Chapter\(number < 10 ? "0" : "")\(number): error: \(error)\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode.failure
        }
    }

    // MARK: Narrative

    private func printHeader() {
        let heading = "Chapter \(number) · \(title)"
        print(heading)
        print(String(repeating: "═", count: heading.count))
        let mode = options.quick ? "quick run" : "full run"
        print("seed \(options.seed) · \(mode) · figures in \(outputFolder.path)")
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

    /// The path for an output file, e.g. `figure("nand-adder.png")`.
    public func path(_ fileName: String) -> URL {
        outputFolder.appendingPathComponent(fileName)
    }

    /// Metadata every figure carries in its PNG text chunks: title, chapter, seed, software.
    public func metadata(title figureTitle: String) -> [(String, String)] {
        [
            ("Title", figureTitle),
            ("Chapter", number),
            ("Seed", String(options.seed)),
            ("Configuration", options.quick ? "quick" : "full"),
            ("Software", "Neural Workbook (Swift)"),
        ]
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(JSONValue.object(document))
        try AtomicFile.write(data + Data("\n".utf8), to: path("results.json"))

        print("\nSummary")
        print("───────")
        for line in summaryLines { print("  • \(line)") }
        print("\nFiles written to \(outputFolder.path):")
        for file in filesWritten + ["results.json"] { print("  \(file)") }
        let seconds = Date().timeIntervalSince(started)
        print("\nDone in \(formatted(seconds, decimals: 1)) s.")
    }
}

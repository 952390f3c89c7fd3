// The built chapter programs run as a reader runs them, for what only a separate process shows:
// exit statuses, signals, a standard output that cannot be written.

import Foundation
import TestSupport
import Testing

/// A chapter program started in a scratch folder, with its standard error kept.
private struct ChapterProcess {
    let process = Process()
    let errors = Pipe()

    init(_ name: String, _ arguments: [String], standardOutput: FileHandle? = nil) throws {
        guard let binary = TestPaths.builtProduct(name) else {
            throw ChapterProcessError("\(name) is not built; run swift build --build-tests first")
        }
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = standardOutput ?? FileHandle.nullDevice
        process.standardError = errors
        try process.run()
    }

    /// Waits for the end; the exit status and standard error.
    func finish() -> (status: Int32, errors: String) {
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}

private struct ChapterProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private func contents(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

@Suite("Chapter programs — exit statuses, signals, unwritable output")
struct ChapterProcessTests {
    @Test("Standard output on a full device fails the run with a message and writes nothing")
    func fullStandardOutput() throws {
        let folder = try TestPaths.scratchFolder()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try ChapterProcess("Chapter01", ["--quick", "--out", folder.path], standardOutput: full)
        let (status, errors) = run.finish()
        #expect(status == 1)
        #expect(errors.contains("Chapter01: error: cannot write to standard output: No space left on device"))
        #expect(contents(folder) == [])
    }

    @Test("--epochs in a chapter that ignores it is refused with exit status 1, before any output")
    func epochsRefused() throws {
        let folder = try TestPaths.scratchFolder()
        let run = try ChapterProcess("Chapter07", ["--quick", "--epochs", "3", "--out", folder.path])
        let (status, errors) = run.finish()
        #expect(status == 1)
        #expect(errors.contains("--epochs is read by Chapters 01–06 only"))
        #expect(contents(folder) == [])
    }

    @Test("--seed -1 is a usage error that says which seeds there are", arguments: ["Chapter01", "Chapter08"])
    func negativeSeed(chapter: String) throws {
        let run = try ChapterProcess(chapter, ["--seed", "-1"])
        let (status, errors) = run.finish()
        #expect(status == 64)
        #expect(errors.contains("--seed takes a whole number from 0 to 9007199254740991"))
        #expect(!errors.contains("Missing value"))
    }

    /// Starts a full Chapter 03 run (minutes long), waits until a figure is staged, sends `signal`.
    @Test(
        "SIGINT and SIGTERM remove the run's unfinished files and exit 130 and 143",
        arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func interrupted(signal: Int32, expected: Int32) throws {
        let folder = try TestPaths.scratchFolder()
        let chapter = folder.appendingPathComponent("Chapter03")
        let staging = chapter.appendingPathComponent(".unfinished")
        // An empty --data folder would be an error; without data the run would later download.
        var arguments = ["--out", folder.path]
        if let data = SharedData.folder { arguments += ["--data", data.path] }
        let run = try ChapterProcess("Chapter03", arguments)
        // Bounded wait for the first staged figure (the graph, written within a second or two).
        var staged = false
        for _ in 0..<1_200 where run.process.isRunning {
            if contents(staging).contains(where: { $0.hasSuffix(".png") }) {
                staged = true
                break
            }
            usleep(50_000)
        }
        #expect(staged, "no figure was staged")
        let masks =
            (try? String(contentsOfFile: "/proc/\(run.process.processIdentifier)/status", encoding: .utf8))?
            .split(separator: "\n").filter { $0.hasPrefix("Sig") }.joined(separator: " ") ?? ""
        kill(run.process.processIdentifier, signal)
        // The clean-up takes milliseconds; a run still going after a minute ignored the signal.
        for _ in 0..<1_200 where run.process.isRunning { usleep(50_000) }
        if run.process.isRunning {
            Issue.record("the run ignored the signal")
            kill(run.process.processIdentifier, SIGKILL)
        }
        let (status, errors) = run.finish()
        #expect(run.process.terminationReason == .exit)
        #expect(status == expected, "\(masks)")
        #expect(errors.contains("removed this run's unfinished files"))
        #expect(contents(chapter).isEmpty, "left: \(contents(chapter))")
    }
}

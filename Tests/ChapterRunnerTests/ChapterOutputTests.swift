import ArgumentParser
import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

/// The names in a folder, hidden ones included, sorted.
private func contents(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

/// Options writing into `folder`.
private func options(_ folder: URL, _ arguments: [String] = ["--quick"]) throws -> ChapterOptions {
    var options = try ChapterOptions.parse(arguments)
    options.out = folder.path
    return options
}

/// Writes a small text file through the session, as a figure would be.
private func writeFigure(_ session: ChapterSession, _ name: String, _ text: String = "figure") throws {
    try session.writeFile(name) { url in try AtomicFile.write(Array(text.utf8), to: url) }
}

@Suite("Chapter output — staged files, failed runs leave nothing, one run per folder")
struct ChapterOutputTests {
    @Test("Files are staged inside the output folder while the run goes, and moved into place at its end")
    func staging() throws {
        let folder = try TestPaths.scratchFolder()
        let chapter = folder.appendingPathComponent("Chapter09")
        try ChapterSession.run(number: 9, title: "t", options: options(folder)) { session in
            try writeFigure(session, "a.png")
            #expect(session.path("a.png").deletingLastPathComponent() == session.stagingFolder)
            #expect(FileManager.default.fileExists(atPath: session.path("a.png").path))
            #expect(!FileManager.default.fileExists(atPath: chapter.appendingPathComponent("a.png").path))
            #expect(contents(chapter) == [".lock", ChapterSession.stagingName])
        }
        #expect(contents(chapter) == ["a.png", "results.json"])
        #expect(try String(contentsOf: chapter.appendingPathComponent("a.png"), encoding: .utf8) == "figure")
        #expect(TemporaryFiles.shared.registered.allSatisfy { !$0.hasPrefix(folder.path) })
    }

    @Test("A run that fails leaves the output folder as it was: no new figure, the old results.json")
    func failedRunLeavesEarlierOutput() throws {
        let folder = try TestPaths.scratchFolder()
        let chapter = folder.appendingPathComponent("Chapter09")
        try ChapterSession.run(number: 9, title: "t", options: options(folder, ["--seed", "1"])) { session in
            try writeFigure(session, "a.png", "first run")
        }
        let results = try Data(contentsOf: chapter.appendingPathComponent("results.json"))
        #expect(throws: ExitCode.self) {
            try ChapterSession.run(number: 9, title: "t", options: options(folder, ["--seed", "2"])) { session in
                try writeFigure(session, "a.png", "second run")
                try writeFigure(session, "b.png", "second run")
                throw ChapterError("training diverged")
            }
        }
        #expect(contents(chapter) == ["a.png", "results.json"])
        #expect(try String(contentsOf: chapter.appendingPathComponent("a.png"), encoding: .utf8) == "first run")
        #expect(try Data(contentsOf: chapter.appendingPathComponent("results.json")) == results)
    }

    @Test("A failed first run into a new folder leaves no ChapterNN folder at all")
    func failedFirstRun() throws {
        let folder = try TestPaths.scratchFolder()
        #expect(throws: ExitCode.self) {
            try ChapterSession.run(number: 9, title: "t", options: options(folder)) { session in
                try writeFigure(session, "a.png")
                throw ChapterError("stopped")
            }
        }
        #expect(contents(folder) == [])
    }

    @Test("A bad --data folder fails before the first section runs or any file is written")
    func badDataBeforeWork() throws {
        let folder = try TestPaths.scratchFolder()
        let empty = folder.appendingPathComponent("no-data")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("out")
        var bodyRan = false
        #expect(throws: ExitCode.self) {
            try ChapterSession.run(
                number: 4, title: "t", options: options(out, ["--quick", "--data", empty.path]), datasets: [.mnist]
            ) { _ in bodyRan = true }
        }
        #expect(!bodyRan)
        #expect(contents(out) == [])
    }

    @Test(
        "Data read up front is handed to loadImages, with the same generator draws as a late read",
        .enabled(if: SharedData.has(.mnist), "needs the MNIST files (WORKBOOK_DATA)"))
    func preloadKeepsDraws() throws {
        var draws: [UInt64] = []
        var counts: [Int] = []
        for datasets in [[DatasetKind.mnist], []] {
            let folder = try TestPaths.scratchFolder()
            let arguments = ["--quick", "--data", SharedData.folder!.path]
            try ChapterSession.run(number: 4, title: "t", options: options(folder, arguments), datasets: datasets) {
                session in
                let loaded = try session.loadImages(.mnist)
                counts.append(loaded.train.count)
                draws.append(session.generator.next())
            }
        }
        #expect(counts == [60_000, 60_000])
        #expect(draws[0] == draws[1])
    }

    @Test("A second run into the same folder is refused while the first holds it; the next one runs")
    func secondRunRefused() throws {
        let folder = try TestPaths.scratchFolder()
        let chapter = folder.appendingPathComponent("Chapter09")
        do {
            let first = try ChapterSession(number: 9, title: "first", options: options(folder))
            try writeFigure(first, "a.png")
            do {
                _ = try ChapterSession(number: 9, title: "second", options: options(folder))
                Issue.record("a second session took the folder")
            } catch {
                #expect("\(error)".contains("another run (process \(getpid())) is writing into \(chapter.path)"))
            }
            // The refused run touched nothing of the first one's.
            #expect(FileManager.default.fileExists(atPath: first.path("a.png").path))
            // Another chapter's folder is free.
            _ = try ChapterSession(number: 8, title: "other", options: options(folder))
        }
        // The first session is gone (as a run that ended or was killed): the folder is free again.
        try ChapterSession.run(number: 9, title: "third", options: options(folder)) { session in
            try writeFigure(session, "c.png")
        }
        #expect(contents(chapter) == ["c.png", "results.json"])
    }

    @Test("What a killed run left (lock file, staging folder, temporary files) does not block or survive the next run")
    func leftoversOfKilledRun() throws {
        let folder = try TestPaths.scratchFolder()
        let chapter = folder.appendingPathComponent("Chapter09")
        let staging = chapter.appendingPathComponent(ChapterSession.stagingName)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("99999\n".utf8).write(to: chapter.appendingPathComponent(".lock"))
        try Data("half".utf8).write(to: staging.appendingPathComponent("old.png"))
        try Data("half".utf8).write(to: chapter.appendingPathComponent(".results.json.1234.tmp"))
        try Data("kept".utf8).write(to: chapter.appendingPathComponent("notes.txt"))
        try ChapterSession.run(number: 9, title: "t", options: options(folder)) { session in
            try writeFigure(session, "a.png")
        }
        #expect(contents(chapter) == ["a.png", "notes.txt", "results.json"])
    }

    @Test("A folder in the way of a figure fails the run before any file is moved")
    func folderInTheWay() throws {
        let folder = try TestPaths.scratchFolder()
        let chapter = folder.appendingPathComponent("Chapter09")
        try FileManager.default.createDirectory(
            at: chapter.appendingPathComponent("b.png"), withIntermediateDirectories: true)
        #expect(throws: ExitCode.self) {
            try ChapterSession.run(number: 9, title: "t", options: options(folder)) { session in
                try writeFigure(session, "a.png")
                try writeFigure(session, "b.png")
            }
        }
        #expect(contents(chapter) == ["b.png"])
    }
}

@Suite("Temporary files — what an interrupted run removes")
struct TemporaryFilesTests {
    @Test("Registered files and folders are removed, then forgotten; unregistered ones stay")
    func removeAll() throws {
        let registry = TemporaryFiles()
        let folder = try TestPaths.scratchFolder()
        let file = folder.appendingPathComponent(".figure.png.tmp")
        let staging = folder.appendingPathComponent("staging")
        let renamed = folder.appendingPathComponent("renamed.png")
        _ = registry.register(file)
        _ = registry.register(staging)
        let renamedToken = registry.register(renamed)
        try Data("x".utf8).write(to: file)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: staging.appendingPathComponent("inner.png"))
        try Data("x".utf8).write(to: renamed)
        registry.unregister(renamedToken)
        #expect(registry.registered == [file.path, staging.path])
        #expect(registry.removeAll() == 2)
        #expect(contents(folder) == ["renamed.png"])
        #expect(registry.registered.isEmpty)
    }

    @Test("A committed path is forgotten, so a later clean-up leaves it alone")
    func commit() throws {
        let registry = TemporaryFiles()
        let folder = try TestPaths.scratchFolder()
        let staging = folder.appendingPathComponent("staging")
        let token = registry.register(staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let moved = registry.commit(token) { true }
        #expect(moved)
        #expect(registry.registered.isEmpty)
        #expect(registry.removeAll() == 0)
        #expect(FileManager.default.fileExists(atPath: staging.path))
    }

    @Test("An atomic write that fails removes its temporary file and names the destination")
    func failedWrite() throws {
        let folder = try TestPaths.scratchFolder()
        // A non-empty folder where the file should go: rename(2) refuses to replace it.
        let destination = folder.appendingPathComponent("figure.png")
        try FileManager.default.createDirectory(
            at: destination.appendingPathComponent("inside"), withIntermediateDirectories: true)
        do {
            try AtomicFile.write(Array("png".utf8), to: destination)
            Issue.record("the write should fail")
        } catch {
            #expect("\(error)".hasPrefix("cannot write \(destination.path): "))
        }
        #expect(contents(folder) == ["figure.png"])
        #expect(!TemporaryFiles.shared.registered.contains { $0.hasPrefix(folder.path) })
    }
}

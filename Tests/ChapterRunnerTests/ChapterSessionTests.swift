import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Chapter session — output folder, results.json, errors")
struct ChapterSessionTests {
    @Test("A run writes results.json with seed, configuration, results and files")
    func resultsFile() throws {
        let folder = try TestPaths.scratchFolder()
        var options = try ChapterOptions.parse(["--seed", "42", "--quick"])
        options.out = folder.path
        try ChapterSession.run(number: 9, title: "Test chapter", options: options) { session in
            session.configure("eta", 0.5)
            session.record("accuracy", 0.97, summary: "97%")
            try session.writeFile("numbers.txt") { url in try AtomicFile.write(Array("1 2 3".utf8), to: url) }
        }
        // Another seed than the notes' writes into its own folder.
        let data = try Data(contentsOf: folder.appendingPathComponent("Chapter09/seed-42/results.json"))
        let json = try JSONDecoder().decode(JSONValue.self, from: data)
        guard case .object(let document) = json else {
            Issue.record("results.json is not an object")
            return
        }
        #expect(document["seed"] == .integer(42))
        #expect(document["quick"] == .bool(true))
        #expect(document["chapter"] == .string("09"))
        #expect(document["configuration"] == .object(["eta": .number(0.5)]))
        #expect(document["results"] == .object(["accuracy": .number(0.97)]))
        #expect(document["figures"] == .array([.string("numbers.txt")]))
    }

    @Test("A variant run writes into its own subfolder and leaves the default run's files alone")
    func variantFolder() throws {
        let folder = try TestPaths.scratchFolder()
        var options = try ChapterOptions.parse(["--quick"])
        options.out = folder.path
        try ChapterSession.run(number: 9, title: "Default", options: options) { session in
            session.record("accuracy", 0.9, summary: "default")
        }
        let knobs = try LabKnobs.parse(["--dataset", "fashion"])
        try ChapterSession.run(number: 9, title: "Variant", options: options, knobs: knobs) { session in
            session.record("accuracy", 0.8, summary: "variant")
        }
        let chapter = folder.appendingPathComponent("Chapter09")
        let base = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: chapter.appendingPathComponent("results.json")))
        let variant = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: chapter.appendingPathComponent("fashion/results.json")))
        guard case .object(let first) = base, case .object(let second) = variant else {
            Issue.record("results.json is not an object")
            return
        }
        #expect(first["results"] == .object(["accuracy": .number(0.9)]))
        #expect(second["results"] == .object(["accuracy": .number(0.8)]))
    }

    @Test("The same seed gives the same generator draws in two sessions")
    func seededSessions() throws {
        // Two folders: one output folder takes one run at a time.
        var options = try ChapterOptions.parse(["--seed", "5"])
        options.out = try TestPaths.scratchFolder().path
        let a = try ChapterSession(number: 1, title: "a", options: options)
        options.out = try TestPaths.scratchFolder().path
        let b = try ChapterSession(number: 1, title: "b", options: options)
        #expect(a.generator.next() == b.generator.next())
    }

    @Test("An output path that is a file is a clear error, before any work")
    func unwritableOutput() throws {
        let folder = try TestPaths.scratchFolder()
        let file = folder.appendingPathComponent("not-a-folder")
        try AtomicFile.write(Array("x".utf8), to: file)
        var options = try ChapterOptions.parse([])
        options.out = file.path
        #expect(throws: FileError.self) { try ChapterSession(number: 1, title: "t", options: options) }
        do {
            _ = try ChapterSession(number: 1, title: "t", options: options)
        } catch {
            #expect("\(error)".contains("not a folder"))
        }
    }

    @Test("A read-only output folder is refused with a hint", .enabled(if: getuid() != 0, "root can write anywhere"))
    func readOnlyOutput() throws {
        let folder = try TestPaths.scratchFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        var options = try ChapterOptions.parse([])
        options.out = folder.path
        #expect(throws: FileError.self) { try ChapterSession(number: 1, title: "t", options: options) }
    }
}

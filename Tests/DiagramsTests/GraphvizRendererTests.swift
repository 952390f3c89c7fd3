// Rendering through the Graphviz C library: valid files, metadata, Graphviz's own error
// messages, atomic writes, and safety under parallel use.

import Diagrams
import Figures
import Foundation
import Testing

/// A fresh folder under the temporary directory, removed by the caller.
func makeScratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("diagrams-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ bytes: [UInt8]) throws -> (width: Int, height: Int) {
    try #require(bytes.count > 24)
    #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
    func word(_ offset: Int) -> Int {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }
    return (word(16), word(20))
}

@Suite("Graphviz renderer")
struct GraphvizRendererTests {
    let simple = "digraph { node [fontname=\"DejaVu Sans\"]; a -> b; a -> c; }"

    @Test("a DOT graph renders to a valid PNG carrying the metadata as text chunks")
    func png() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("graph.png")
        try GraphvizRenderer().render(
            DOTGraphTests.tinyGraph(), to: url, metadata: [("Chapter", "1"), ("Software", "Neural Workbook")])
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(Array(bytes.prefix(8)) == PNGText.signature)
        let size = try pngSize(bytes)
        #expect(size.width > 0 && size.height > 0)
        let entries = try PNGText.entries(in: bytes)
        #expect(entries.map(\.keyword) == ["Chapter", "Software", "Display width", "Smallest text"])
        #expect(entries.prefix(2).map(\.text) == ["1", "Neural Workbook"])
        // Only the finished file is left: no temporary files beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["graph.png"])
    }

    @Test("SVG output is SVG text with the metadata in comments")
    func svg() throws {
        let bytes = try GraphvizRenderer().renderToBytes(dot: simple, format: .svg, metadata: [("Seed", "42")])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<svg"))
        #expect(text.contains("<!-- Seed: 42 -->"))
        #expect(text.contains(">a</text>"))
    }

    @Test("a DOT syntax error throws DiagramError with Graphviz's own message")
    func syntaxError() throws {
        let error = try #require(throws: DiagramError.self) {
            try GraphvizRenderer().renderToBytes(dot: "digraph {\n a -> ;\n}")
        }
        #expect(error.stage == .parse)
        #expect(error.message.contains("syntax error"))
        #expect(error.message.contains("line 2"))
        #expect(error.description.contains("reading the DOT text"))
        // Graphviz recovers: the next graph renders.
        #expect(try GraphvizRenderer().renderToBytes(dot: simple).count > 100)
    }

    @Test("text left after one graph does not leak into the next parse")
    func leftoverText() throws {
        let renderer = GraphvizRenderer()
        let badOnLineTwo = "digraph {\n a -> ;\n}"
        try renderer.layoutCheck(dot: "digraph { a }\n\n\n")
        let shifted = try #require(throws: DiagramError.self) { try renderer.layoutCheck(dot: badOnLineTwo) }
        #expect(shifted.message.contains("line 2"))
        // Only the first graph of a text is used; the second must not surface later.
        try renderer.layoutCheck(dot: "digraph { a } digraph { b -> }")
        try renderer.layoutCheck(dot: "digraph { c }")
        let error = try #require(throws: DiagramError.self) { try renderer.layoutCheck(dot: badOnLineTwo) }
        #expect(error.message.contains("line 2"))
    }

    @Test("text that holds no graph throws")
    func emptyText() throws {
        let error = try #require(throws: DiagramError.self) { try GraphvizRenderer().layoutCheck(dot: "") }
        #expect(error.stage == .parse)
        #expect(!error.message.isEmpty)
    }

    @Test("a malformed HTML-like label is reported, not drawn as garbage")
    func badHTMLLabel() throws {
        let error = try #require(throws: DiagramError.self) {
            try GraphvizRenderer().layoutCheck(dot: "digraph { a [label=<<b>bold</i>>]; }")
        }
        #expect(error.message.lowercased().contains("error"))
    }

    @Test("an unknown layout engine is reported with Graphviz's words")
    func unknownEngine() throws {
        let error = try #require(throws: DiagramError.self) {
            try GraphvizRenderer(engine: "no-such-engine").layoutCheck(dot: simple)
        }
        #expect(error.stage == .layout)
        #expect(error.message.contains("no-such-engine"))
    }

    @Test("a destination inside a regular file throws a readable error and writes nothing")
    func unwritableFolder() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let url = blocker.appendingPathComponent("graph.png")
        let error = try #require(throws: DiagramError.self) {
            try GraphvizRenderer().render(dot: simple, to: url)
        }
        #expect(error.stage == .output)
        #expect(error.message.contains("not a folder"))
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["not-a-folder"])
    }

    @Test("a destination that cannot be replaced leaves no temporary file behind")
    func failedRename() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A non-empty folder where the file should go: rename(2) cannot replace it.
        let occupied = folder.appendingPathComponent("graph.png")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: occupied.appendingPathComponent("inside"))
        let error = try #require(throws: DiagramError.self) {
            try GraphvizRenderer().render(dot: simple, to: occupied, metadata: [("k", "v")])
        }
        #expect(error.stage == .output)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["graph.png"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: occupied.path) == ["inside"])
    }

    @Test("rendering from many threads at once is safe")
    func parallel() async throws {
        let dot = simple
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    if index % 3 == 0 {
                        // Interleave failures, whose messages must not leak into other renders.
                        _ = try? GraphvizRenderer().renderToBytes(dot: "digraph { -> }")
                    }
                    return try GraphvizRenderer().renderToBytes(dot: dot, format: index % 2 == 0 ? .png : .svg).count
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sizes.count == 8)
        #expect(sizes.allSatisfy { $0 > 100 })
    }
}

// The C half of the library, and the only file that imports CGraphviz.
//
// Graphviz keeps global state (its error reporter, the DOT lexer, plugin tables), so every
// call into it happens inside `GraphvizSession.run`, under one process-wide lock. Each C
// resource is released by a `defer` placed right after it is acquired, and every C status
// goes through `GraphvizSession.check`, which turns a failure into a `DiagramError` carrying
// what Graphviz itself reported.

import CGraphviz
import Foundation
import NeuralCore

/// An output format for rendered diagrams.
public enum DiagramFormat: String, Sendable, CaseIterable {
    /// Anti-aliased PNG (Graphviz's cairo renderer); metadata goes into tEXt chunks.
    case png
    /// SVG text; metadata goes into XML comments at the top.
    case svg

    /// The Graphviz device name.
    var graphvizName: String {
        switch self {
        case .png: "png:cairo"
        case .svg: "svg"
        }
    }
}

/// Lays out and renders DOT with the Graphviz C library (never the `dot` command).
///
/// ```swift
/// let renderer = GraphvizRenderer()
/// try renderer.render(graph, to: URL(fileURLWithPath: "out/network.png"),
///                     metadata: [("Chapter", "1"), ("Software", "Neural Workbook")])
/// ```
public struct GraphvizRenderer: Sendable {
    /// The layout engine: "dot" (layered, the default) or another Graphviz engine.
    public var engine: String

    public init(engine: String = "dot") {
        self.engine = engine
    }

    /// Renders `graph` to `url` atomically: either the whole file appears or none does.
    public func render(
        _ graph: DOTGraph, to url: URL, format: DiagramFormat = .png, metadata: [(String, String)] = []
    ) throws {
        try render(dot: graph.dotSource, to: url, format: format, metadata: metadata)
    }

    /// Renders DOT text to `url` atomically. Graphviz renders into memory (it never opens a file,
    /// so a full disk is an error here, not Graphviz's own exit); the metadata is added and the
    /// bytes are written beside the destination and renamed over it.
    public func render(
        dot: String, to url: URL, format: DiagramFormat = .png, metadata: [(String, String)] = []
    ) throws {
        do {
            try AtomicFile.ensureWritableFolder(url.deletingLastPathComponent())
        } catch {
            throw DiagramError(.output, "\(error)")
        }
        let bytes = try renderToBytes(dot: dot, format: format, metadata: metadata)
        do {
            try AtomicFile.write(bytes, to: url)
        } catch {
            throw DiagramError(.output, "\(error)")
        }
    }

    /// Renders `graph` and returns the file's bytes (metadata included) without keeping a file.
    public func renderToBytes(
        _ graph: DOTGraph, format: DiagramFormat = .png, metadata: [(String, String)] = []
    ) throws -> [UInt8] {
        try renderToBytes(dot: graph.dotSource, format: format, metadata: metadata)
    }

    /// Renders DOT text and returns the bytes, rendered in memory.
    public func renderToBytes(
        dot: String, format: DiagramFormat = .png, metadata: [(String, String)] = []
    ) throws -> [UInt8] {
        let bytes = try GraphvizSession.render(dot: dot, engine: engine, device: format.graphvizName) ?? []
        return metadata.isEmpty ? bytes : try DiagramMetadata.stamp(bytes, format: format, metadata: metadata)
    }

    /// Parses and lays out DOT text without drawing it; throws what Graphviz complains about.
    public func layoutCheck(dot: String) throws {
        _ = try GraphvizSession.render(dot: dot, engine: engine, device: nil)
    }
}

// MARK: - The C calls

/// Serialises access to Graphviz's global state.
private let graphvizLock = NSLock()

/// What Graphviz reported during the current session. Touched only while `graphvizLock` is held.
nonisolated(unsafe) private var graphvizTranscript = ""

/// Graphviz's error reporter, installed with `agseterrf` for the length of a session. Graphviz
/// sends a report in pieces ("Error", ": ", the message), so they are simply concatenated.
private func collectGraphvizMessage(_ piece: UnsafeMutablePointer<CChar>?) -> Int32 {
    if let piece { graphvizTranscript += String(cString: piece) }
    return 0
}

/// One locked conversation with the Graphviz library.
private enum GraphvizSession {
    /// Parses `dot`, lays it out with `engine` and, when a device is given, renders it in memory
    /// and returns the bytes.
    static func render(dot: String, engine: String, device: String?) throws -> [UInt8]? {
        graphvizLock.lock()
        defer { graphvizLock.unlock() }
        let previousReporter = agseterrf(collectGraphvizMessage)
        defer { _ = agseterrf(previousReporter) }
        discardLeftoverInput()
        graphvizTranscript = ""
        _ = agreseterrors()

        let context = try require(gvContext(), .setup, "gvContext() returned no context") { _ = gvFreeContext($0) }
        defer { _ = gvFreeContext(context) }

        // The lexer's line counter is global and survives the previous parse; restart it so
        // that syntax errors name the right line.
        agreadline(1)
        let graph = try require(agmemread(dot), .parse, "no graph found in the DOT text") { _ = agclose($0) }
        defer { _ = agclose(graph) }

        let laidOut = gvLayout(context, graph, engine) == 0
        defer { if laidOut { _ = gvFreeLayout(context, graph) } }
        try check(laidOut, .layout, "gvLayout with engine \"\(engine)\" failed")

        guard let device else { return nil }
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let rendered = gvRenderData(context, graph, device, &data, &length) == 0
        defer { if let data { gvFreeRenderData(data) } }
        try check(rendered && data != nil, .render, "gvRenderData could not render \(device)")
        guard let data else { return nil }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes in
            Array(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
    }

    /// Graphviz's DOT lexer stops reading after the closing brace of a graph and keeps the
    /// rest of its buffer (a trailing newline, or a second graph) for the next parse, where it
    /// would shift line numbers or be read as part of the next graph. Reading from empty input
    /// until no graph comes back drains it; anything found is released and its messages are
    /// discarded by the caller.
    private static func discardLeftoverInput() {
        for _ in 0..<16 {
            guard let stale = agmemread("") else { return }
            _ = agclose(stale)
        }
    }

    /// The single place where a C status becomes an error. A step fails when its status says so
    /// or when Graphviz reported an error (it reports some, such as malformed HTML labels,
    /// while still returning success). The error carries Graphviz's own report.
    static func check(_ succeeded: Bool, _ stage: DiagramError.Stage, _ fallback: String) throws {
        let reportedError = agerrors() >= Int32(AGERR.rawValue)
        guard !succeeded || reportedError else { return }
        let report = graphvizTranscript.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = agreseterrors()
        throw DiagramError(stage, report.isEmpty ? fallback : report)
    }

    /// `check` for C functions that signal failure by returning NULL. When a resource did come
    /// back but Graphviz reported an error anyway, `release` frees it before the error is thrown.
    static func require<Pointer>(
        _ pointer: Pointer?, _ stage: DiagramError.Stage, _ fallback: String, release: (Pointer) -> Void
    ) throws -> Pointer {
        do {
            try check(pointer != nil, stage, fallback)
        } catch {
            if let pointer { release(pointer) }
            throw error
        }
        guard let pointer else { throw DiagramError(stage, fallback) }
        return pointer
    }
}

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
/// Every render is measured from Graphviz's own layout: the width a reader sees (the bounding
/// box plus padding, in logical px: one point is one logical px) and the smallest text drawn
/// in any node, edge, cluster or graph label. PNGs are drawn at `DiagramStyle.density` pixels per
/// logical px and carry both numbers as the tEXt chunks `Display width` and `Smallest text`. A
/// diagram wider than `DiagramStyle.displayWidth` or with text under
/// `DiagramStyle.minimumTextSize` is refused with a `DiagramError` of stage `.legibility`.
///
/// ```swift
/// let renderer = GraphvizRenderer()
/// try renderer.render(graph, to: URL(fileURLWithPath: "out/network.png"),
///                     metadata: [("Chapter", "1"), ("Software", "Neural Workbook")])
/// ```
public struct GraphvizRenderer: Sendable {
    /// The layout engine: "dot" (layered, the default) or another Graphviz engine.
    public var engine: String
    /// Whether rendering refuses a diagram a reader cannot read at display width.
    public var checksLegibility: Bool

    public init(engine: String = "dot", checksLegibility: Bool = true) {
        self.engine = engine
        self.checksLegibility = checksLegibility
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

    /// Renders DOT text and returns the bytes, rendered in memory, with the metadata followed by
    /// the measured `Display width` and `Smallest text`.
    public func renderToBytes(
        dot: String, format: DiagramFormat = .png, metadata: [(String, String)] = []
    ) throws -> [UInt8] {
        let (bytes, measured) = try GraphvizSession.render(
            dot: dot, engine: engine, device: format.graphvizName,
            density: format == .png ? DiagramStyle.density : 1, checksLegibility: checksLegibility)
        let entries = metadata.filter { !DiagramLegibility.keywords.contains($0.0) } + measured.metadata
        return try DiagramMetadata.stamp(bytes ?? [], format: format, metadata: entries)
    }

    /// What a reader sees of the diagram at display width, measured from its layout.
    public func legibility(of graph: DOTGraph) throws -> DiagramLegibility {
        try legibility(dot: graph.dotSource)
    }

    /// What a reader sees of the diagram in `dot` at display width, measured from its layout.
    public func legibility(dot: String) throws -> DiagramLegibility {
        try GraphvizSession.render(dot: dot, engine: engine, device: nil, density: 1, checksLegibility: false)
            .legibility
    }

    /// Parses and lays out DOT text without drawing it; throws what Graphviz complains about.
    public func layoutCheck(dot: String) throws {
        _ = try GraphvizSession.render(dot: dot, engine: engine, device: nil, density: 1, checksLegibility: false)
    }
}

/// The size of a laid-out diagram as a reader sees it, in logical px (one point of Graphviz's
/// layout is one logical px; a PNG has `DiagramStyle.density` pixels per logical px).
public struct DiagramLegibility: Sendable, Equatable {
    /// Width of the whole drawing, padding included.
    public var displayWidth: Int
    /// Height of the whole drawing, padding included.
    public var displayHeight: Double
    /// The smallest font size of any text drawn, at its size in the layout.
    public var smallestFontSize: Double

    public init(displayWidth: Int, displayHeight: Double, smallestFontSize: Double) {
        self.displayWidth = displayWidth
        self.displayHeight = displayHeight
        self.smallestFontSize = smallestFontSize
    }

    /// The smallest text as a reader sees it: shrunk with the whole drawing when it is wider
    /// than the display.
    public var smallestText: Double {
        smallestFontSize * min(1, DiagramStyle.displayWidth / Double(displayWidth))
    }

    /// The two tEXt keywords, as every figure of the workbook spells them.
    public static let keywords: Set<String> = ["Display width", "Smallest text"]

    /// `Display width` (integer px) and `Smallest text` (px, one decimal).
    public var metadata: [(String, String)] {
        [("Display width", "\(displayWidth)"), ("Smallest text", String(format: "%.1f", smallestText))]
    }

    /// Why a reader could not read the diagram, or nil when it is legible.
    public var problem: String? {
        var problems: [String] = []
        if Double(displayWidth) > DiagramStyle.displayWidth {
            problems.append(
                "it is \(displayWidth) px wide, more than the \(Int(DiagramStyle.displayWidth)) px a reader sees"
                    + " (the page would shrink it to \(Int((100 * DiagramStyle.displayWidth / Double(displayWidth)).rounded(.down)))%)"
            )
        }
        if smallestText < DiagramStyle.minimumTextSize - 0.05 {
            problems.append(
                "its smallest text is \(String(format: "%.1f", smallestText)) px at display width,"
                    + " less than \(String(format: "%.0f", DiagramStyle.minimumTextSize)) px")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
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
    /// Parses `dot`, lays it out with `engine` and measures it; when a device is given, lays it
    /// out again with its horizontal padding set so that the drawing is a whole number of
    /// logical px wide, renders it in memory at `density` pixels per logical px and returns the
    /// bytes. With `checksLegibility`, an illegible diagram throws before anything is drawn.
    static func render(
        dot: String, engine: String, device: String?, density: Double, checksLegibility: Bool
    ) throws -> (bytes: [UInt8]?, legibility: DiagramLegibility) {
        graphvizLock.lock()
        defer { graphvizLock.unlock() }
        let previousReporter = agseterrf(collectGraphvizMessage)
        defer { _ = agseterrf(previousReporter) }

        let resolution = [("dpi", DOTWriter.numeral(72 * density))]
        let layout = try laidOut(dot: dot, engine: engine, attributes: resolution) { context, graph in
            try measure(context, graph)
        }
        let legibility = layout.legibility
        if checksLegibility, let problem = legibility.problem {
            throw DiagramError(.legibility, "the diagram is not legible at display size: " + problem)
        }
        guard let device else { return (nil, legibility) }
        let pad = DOTWriter.numeral(layout.padX / 72) + "," + DOTWriter.numeral(layout.padY / 72)
        let bytes = try laidOut(dot: dot, engine: engine, attributes: resolution + [("pad", pad)]) { context, graph in
            try renderData(context, graph, device: device)
        }
        return (bytes, legibility)
    }

    /// What `measure` finds: the legibility, and the padding that makes the width whole.
    struct Layout {
        var legibility: DiagramLegibility
        var padX: Double
        var padY: Double
    }

    /// Parses `dot`, sets `attributes` on the graph, lays it out and hands it to `body`.
    private static func laidOut<T>(
        dot: String, engine: String, attributes: [(String, String)],
        _ body: (OpaquePointer, UnsafeMutablePointer<Agraph_t>) throws -> T
    ) throws -> T {
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
        for (name, value) in attributes {
            _ = name.withCString { name in
                value.withCString { value in
                    "".withCString { noDefault in
                        agsafeset(
                            UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: name),
                            UnsafeMutablePointer(mutating: value), UnsafeMutablePointer(mutating: noDefault))
                    }
                }
            }
        }

        let laidOut = gvLayout(context, graph, engine) == 0
        defer { if laidOut { _ = gvFreeLayout(context, graph) } }
        try check(laidOut, .layout, "gvLayout with engine \"\(engine)\" failed")
        return try body(context, graph)
    }

    /// Renders the laid-out graph in memory with `device`.
    private static func renderData(
        _ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, device: String
    ) throws -> [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let rendered = gvRenderData(context, graph, device, &data, &length) == 0
        defer { if let data { gvFreeRenderData(data) } }
        try check(rendered && data != nil, .render, "gvRenderData could not render \(device)")
        guard let data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes in
            Array(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
    }

    /// Graphviz's default padding, in points (4, as `DEFAULT_GRAPH_PAD` in its sources).
    private static let defaultPad = 4.0

    /// Reads the layout back as JSON (the bounding box, and every drawing operation, among which
    /// each "F" sets the font size of the "T" texts after it) and measures it.
    private static func measure(_ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>) throws -> Layout {
        let json = try renderData(context, graph, device: "json")
        guard let root = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any],
            let box = (root["bb"] as? String)?.split(separator: ",").compactMap({ Double($0) }), box.count == 4
        else { throw DiagramError(.layout, "Graphviz gave no bounding box for the layout") }
        let smallest = smallestFontSize(in: root) ?? 0
        // "pad" is one number of inches or "x,y".
        let padText = "pad".withCString { name in
            agget(UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: name)).map { String(cString: $0) }
        }
        let padding = (padText ?? "").split(separator: ",").compactMap {
            Double($0.trimmingCharacters(in: .whitespaces))
        }.map { $0 * 72 }
        let padX = padding.first ?? defaultPad
        let padY = padding.count > 1 ? padding[1] : padX
        let boxWidth = box[2] - box[0]
        let width = Int((boxWidth + 2 * padX - 1e-6).rounded(.up))
        return Layout(
            legibility: DiagramLegibility(
                displayWidth: width, displayHeight: box[3] - box[1] + 2 * padY, smallestFontSize: smallest),
            padX: (Double(width) - boxWidth) / 2, padY: padY)
    }

    /// The smallest font size under which any non-blank text is drawn in a Graphviz JSON tree:
    /// every "…draw_" list is read in order, its "F" operations setting the size of the
    /// following "T" operations (Graphviz's default is 14 points).
    static func smallestFontSize(in object: Any) -> Double? {
        var smallest: Double?
        func visit(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                for (key, child) in dictionary {
                    if key.hasSuffix("draw_"), let operations = child as? [[String: Any]] {
                        var size = 14.0
                        for operation in operations {
                            switch operation["op"] as? String {
                            case "F": size = (operation["size"] as? Double) ?? size
                            case "T":
                                let text = (operation["text"] as? String) ?? ""
                                if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                                    smallest = min(smallest ?? size, size)
                                }
                            default: break
                            }
                        }
                    } else {
                        visit(child)
                    }
                }
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        visit(object)
        return smallest
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

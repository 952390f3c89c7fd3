// What every diagram kind shares: it is a DOT graph, and it renders itself through Graphviz.

import Foundation

/// A diagram that builds a `DOTGraph`; rendering and DOT text come with it.
public protocol Diagram {
    /// The diagram as a `DOTGraph`.
    var graph: DOTGraph { get }
}

extension Diagram {
    /// The diagram as DOT text.
    public var dotSource: String { graph.dotSource }

    /// Renders the diagram (PNG by default) atomically to `url`.
    public func render(
        to url: URL, format: DiagramFormat = .png, metadata: [(String, String)] = [],
        renderer: GraphvizRenderer = GraphvizRenderer()
    ) throws {
        try renderer.render(graph, to: url, format: format, metadata: metadata)
    }
}

// The one error type of the Diagrams library.

/// A diagram could not be produced. `message` carries Graphviz's own words where Graphviz was
/// the one that complained (for example "syntax error in line 3 near '->'").
public struct DiagramError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being done when it failed.
    public enum Stage: String, Sendable {
        /// Reading DOT text.
        case parse = "reading the DOT text"
        /// Computing node positions.
        case layout = "laying out the graph"
        /// Drawing into the output format.
        case render = "rendering"
        /// Writing the output file.
        case output = "writing the diagram"
        /// Setting Graphviz up.
        case setup = "starting Graphviz"
        /// Checking that a reader can read it at display width (`DiagramLegibility`).
        case legibility = "checking the diagram is legible"
    }

    public var stage: Stage
    /// What went wrong, in Graphviz's words when it said anything.
    public var message: String

    public init(_ stage: Stage, _ message: String) {
        self.stage = stage
        self.message = message
    }

    public var description: String {
        stage == .legibility
            ? "Diagram refused: \(message)" : "Graphviz failed while \(stage.rawValue): \(message)"
    }
}

// Typed Graphviz attributes. Each attribute is a name and a value; the value knows how it
// must be written in DOT (a quoted string, an HTML-like label, a number, a record label),
// so that callers never assemble DOT syntax by hand.

/// The value of one DOT attribute, tagged with how it is written out.
public enum DOTValue: Sendable, Equatable {
    /// Text, written as a double-quoted DOT string with quotes, backslashes and newlines escaped.
    case text(String)
    /// A label: text or HTML-like markup or a record layout (see `DOTLabel`).
    case label(DOTLabel)
    /// A number, written without a trailing ".0" for whole numbers.
    case number(Double)
    /// true or false.
    case flag(Bool)
}

/// One `name=value` pair on a graph, node, edge or cluster.
public struct DOTAttribute: Sendable, Equatable {
    /// The Graphviz attribute name, e.g. "fillcolor".
    public var name: String
    /// Its value.
    public var value: DOTValue

    /// Any attribute by name; prefer the typed constructors below.
    public init(_ name: String, _ value: DOTValue) {
        self.name = name
        self.value = value
    }
}

// MARK: Vocabulary

/// The direction in which ranks (layers) follow each other.
public enum RankDirection: String, Sendable {
    case topToBottom = "TB"
    case leftToRight = "LR"
    case bottomToTop = "BT"
    case rightToLeft = "RL"
}

/// Node shapes used by the workbook's diagrams.
public enum NodeShape: String, Sendable {
    case box, circle, doublecircle, ellipse, point, diamond, record, none
    /// No outline and no margin: the label (usually an HTML table) is the node.
    case plain
    case plaintext
    case roundedRecord = "Mrecord"
}

/// Drawing styles of nodes, edges and clusters; several may be combined.
public enum DrawStyle: String, Sendable {
    case filled, rounded, dashed, dotted, bold, solid
    case invisible = "invis"
}

/// Arrowhead shapes.
public enum ArrowShape: String, Sendable {
    case normal, vee, empty, dot, none, open = "onormal", tee
}

/// How edges are drawn.
public enum SplineStyle: String, Sendable {
    case curved = "true", straight = "line", polyline, orthogonal = "ortho", none
}

/// Where an edge meets a node: an optional named port of a record or HTML label, and an
/// optional compass point ("n", "e", "s", "w", "ne", …).
public struct DOTPort: Sendable, Equatable {
    public var name: String?
    public var compass: String?

    public init(_ name: String? = nil, compass: String? = nil) {
        self.name = name
        self.compass = compass
    }

    /// The port as Graphviz spells it: "name:compass", "name" or "compass".
    var spelled: String {
        [name, compass].compactMap { $0 }.joined(separator: ":")
    }
}

extension DOTAttribute {
    // Labels and text
    /// A plain text label; "\n" in the text starts a new centred line.
    public static func label(_ text: String) -> DOTAttribute { .init("label", .label(.plain(text))) }
    /// A label of any kind: plain, HTML-like or record.
    public static func label(_ label: DOTLabel) -> DOTAttribute { .init("label", .label(label)) }
    /// A label placed outside the node or edge.
    public static func externalLabel(_ text: String) -> DOTAttribute { .init("xlabel", .label(.plain(text))) }
    /// An external label of any kind.
    public static func externalLabel(_ label: DOTLabel) -> DOTAttribute { .init("xlabel", .label(label)) }
    /// A tooltip (SVG output).
    public static func tooltip(_ text: String) -> DOTAttribute { .init("tooltip", .text(text)) }

    // Fonts
    public static func fontName(_ name: String) -> DOTAttribute { .init("fontname", .text(name)) }
    public static func fontSize(_ points: Double) -> DOTAttribute { .init("fontsize", .number(points)) }
    public static func fontColor(_ color: String) -> DOTAttribute { .init("fontcolor", .text(color)) }

    // Colours and strokes
    public static func color(_ color: String) -> DOTAttribute { .init("color", .text(color)) }
    public static func fillColor(_ color: String) -> DOTAttribute { .init("fillcolor", .text(color)) }
    public static func backgroundColor(_ color: String) -> DOTAttribute { .init("bgcolor", .text(color)) }
    public static func penWidth(_ width: Double) -> DOTAttribute { .init("penwidth", .number(width)) }
    /// One or more styles, e.g. `.style(.filled, .rounded)`.
    public static func style(_ styles: DrawStyle...) -> DOTAttribute { style(styles) }
    public static func style(_ styles: [DrawStyle]) -> DOTAttribute {
        .init("style", .text(styles.map(\.rawValue).joined(separator: ",")))
    }

    // Node geometry
    public static func shape(_ shape: NodeShape) -> DOTAttribute { .init("shape", .text(shape.rawValue)) }
    /// Width in inches.
    public static func width(_ inches: Double) -> DOTAttribute { .init("width", .number(inches)) }
    /// Height in inches.
    public static func height(_ inches: Double) -> DOTAttribute { .init("height", .number(inches)) }
    /// When true the node keeps exactly its width and height, whatever the label.
    public static func fixedSize(_ fixed: Bool) -> DOTAttribute { .init("fixedsize", .flag(fixed)) }
    /// Space between label and outline, in inches.
    public static func margin(_ inches: Double) -> DOTAttribute { .init("margin", .number(inches)) }
    /// Space between label and outline, horizontally and vertically, in inches.
    public static func margin(horizontal: Double, vertical: Double) -> DOTAttribute {
        .init("margin", .text(DOTWriter.numeral(horizontal) + "," + DOTWriter.numeral(vertical)))
    }

    // Edges
    public static func arrowHead(_ shape: ArrowShape) -> DOTAttribute { .init("arrowhead", .text(shape.rawValue)) }
    public static func arrowSize(_ scale: Double) -> DOTAttribute { .init("arrowsize", .number(scale)) }
    public static func headPort(_ port: DOTPort) -> DOTAttribute { .init("headport", .text(port.spelled)) }
    public static func tailPort(_ port: DOTPort) -> DOTAttribute { .init("tailport", .text(port.spelled)) }
    /// False lets an edge ignore ranking (it is drawn but does not push nodes apart).
    public static func constraint(_ ranks: Bool) -> DOTAttribute { .init("constraint", .flag(ranks)) }
    /// Relative importance of keeping an edge short and straight.
    public static func weight(_ weight: Double) -> DOTAttribute { .init("weight", .number(weight)) }
    public static func headLabel(_ text: String) -> DOTAttribute { .init("headlabel", .label(.plain(text))) }
    /// A head label of any kind (HTML-like for sub- and superscripts).
    public static func headLabel(_ label: DOTLabel) -> DOTAttribute { .init("headlabel", .label(label)) }
    public static func tailLabel(_ text: String) -> DOTAttribute { .init("taillabel", .label(.plain(text))) }
    /// Distance of head and tail labels from the node, as a multiple of 10 points.
    public static func labelDistance(_ scale: Double) -> DOTAttribute { .init("labeldistance", .number(scale)) }

    // Graph layout
    public static func rankDirection(_ direction: RankDirection) -> DOTAttribute {
        .init("rankdir", .text(direction.rawValue))
    }
    /// Minimum space between nodes of one rank, in inches.
    public static func nodeSeparation(_ inches: Double) -> DOTAttribute { .init("nodesep", .number(inches)) }
    /// Minimum space between ranks, in inches.
    public static func rankSeparation(_ inches: Double) -> DOTAttribute { .init("ranksep", .number(inches)) }
    public static func splines(_ style: SplineStyle) -> DOTAttribute { .init("splines", .text(style.rawValue)) }
    /// Resolution of bitmap output, in pixels per inch.
    public static func dpi(_ dotsPerInch: Double) -> DOTAttribute { .init("dpi", .number(dotsPerInch)) }
    /// Where a graph or cluster label goes: "t" (top) or "b" (bottom).
    public static func labelLocation(_ location: String) -> DOTAttribute { .init("labelloc", .text(location)) }
    /// Label justification: "l", "r" or "c".
    public static func labelJustification(_ side: String) -> DOTAttribute { .init("labeljust", .text(side)) }
    /// Keeps the order of a node's out-edges as written ("out") or in-edges ("in").
    public static func ordering(_ which: String) -> DOTAttribute { .init("ordering", .text(which)) }
    /// The layout engine named in the graph itself ("dot", "neato", …); Graphviz prefers it
    /// over the engine the renderer asks for.
    public static func layoutEngine(_ name: String) -> DOTAttribute { .init("layout", .text(name)) }
    /// A node's position for engines that accept one (neato, fdp), in inches (neato reads input
    /// positions in inches unless `inputscale` says otherwise); pinned positions are kept exactly.
    public static func position(xInches: Double, yInches: Double, pinned: Bool = true) -> DOTAttribute {
        let point =
            DOTWriter.numeral((xInches * 1000).rounded() / 1000) + ","
            + DOTWriter.numeral((yInches * 1000).rounded() / 1000)
        return .init("pos", .text(point + (pinned ? "!" : "")))
    }
    /// Drawing order: "nodesfirst" puts every edge on top of every node.
    public static func outputOrder(_ order: String) -> DOTAttribute { .init("outputorder", .text(order)) }
    /// Whether and how an engine may move overlapping nodes ("true" leaves them overlapping).
    public static func overlap(_ mode: String) -> DOTAttribute { .init("overlap", .text(mode)) }
    /// Margin around the whole drawing, in inches.
    public static func pad(_ inches: Double) -> DOTAttribute { .init("pad", .number(inches)) }
}

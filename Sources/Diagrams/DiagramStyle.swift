// The shared look of the workbook's diagrams: one font, soft fills with darker outlines of
// the same hue, slate-grey edges, and the display size every diagram is drawn for.

/// Colours, font and resolution shared by every diagram, so that chapters look alike.
public enum DiagramStyle {
    /// DejaVu Sans is installed with the workbook's toolchain and covers ₀…₉, ⋮, −, σ, Σ.
    public static let fontName = "DejaVu Sans"
    /// The widest a reader sees a diagram, in logical px (the notes' web page shows images at most
    /// this wide). One point of Graphviz's layout is one logical px.
    public static let displayWidth: Double = 880
    /// Pixels of a PNG per logical px: diagrams are rendered at 2×, for high-density screens.
    public static let density: Double = 2
    /// The smallest text a reader may be asked to read, in logical px at display width.
    public static let minimumTextSize: Double = 11

    /// A soft fill with a matching outline and text colour.
    public struct Palette: Sendable, Equatable {
        public var fill: String
        public var outline: String
        public var text: String
    }

    /// Inputs: soft blue.
    public static let input = Palette(fill: "#dbeafe", outline: "#2563eb", text: "#1e3a8a")
    /// Hidden units and operations: soft green.
    public static let hidden = Palette(fill: "#dcfce7", outline: "#16a34a", text: "#14532d")
    /// Outputs: soft orange.
    public static let output = Palette(fill: "#ffedd5", outline: "#ea580c", text: "#7c2d12")
    /// Operations in computation graphs: soft amber.
    public static let operation = Palette(fill: "#fef3c7", outline: "#d97706", text: "#78350f")
    /// Switched-off units (dropout): pale grey, dashed.
    public static let inactive = Palette(fill: "#f1f5f9", outline: "#94a3b8", text: "#94a3b8")

    /// Edge colour.
    public static let edge = "#64748b"
    /// Faded edge colour (edges of dropped units).
    public static let fadedEdge = "#cbd5e1"
    /// Background of layer clusters.
    public static let clusterFill = "#f8fafc"
    /// Outline of layer clusters.
    public static let clusterOutline = "#cbd5e1"
    /// Secondary text (captions, "value"/"grad" tags).
    public static let caption = "#475569"

    /// Graph attributes every diagram starts from: a bold title, and under it an optional
    /// subtitle in smaller grey type (what to read in the drawing, a legend in words).
    static func graphAttributes(title: String?, subtitle: String? = nil) -> [DOTAttribute] {
        var attributes: [DOTAttribute] = [
            .rankDirection(.leftToRight), .fontName(fontName), .pad(0.2), .backgroundColor("white"),
        ]
        if let title {
            var markup = "<b>" + HTML.escape(title) + "</b>"
            if let subtitle {
                markup += "<br/><font point-size=\"12\" color=\"\(caption)\">" + HTML.escape(subtitle) + "</font>"
            }
            attributes += [.label(.html(markup)), .labelLocation("t"), .fontSize(15)]
        }
        return attributes
    }
}

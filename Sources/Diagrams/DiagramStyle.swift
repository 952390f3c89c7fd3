// The shared look of the workbook's diagrams: one font, soft fills with darker outlines of
// the same hue, slate-grey edges, and a resolution that keeps text crisp and files small.

/// Colours, font and resolution shared by every diagram, so that chapters look alike.
public enum DiagramStyle {
    /// DejaVu Sans is installed with the workbook's toolchain and covers ₀…₉, ⋮, −, σ, Σ.
    public static let fontName = "DejaVu Sans"
    /// Pixels per inch of PNG output.
    public static let dpi: Double = 110

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

    /// Graph attributes every diagram starts from.
    static func graphAttributes(title: String?) -> [DOTAttribute] {
        var attributes: [DOTAttribute] = [
            .rankDirection(.leftToRight), .fontName(fontName), .dpi(dpi), .pad(0.2), .backgroundColor("white"),
        ]
        if let title { attributes += [.label(title), .labelLocation("t"), .fontSize(15)] }
        return attributes
    }
}

// What a reader sees of a diagram at display width: the measured `Display width` and
// `Smallest text`, the 2× rendering, and the check that refuses an illegible diagram.

import Diagrams
import Figures
import Foundation
import Testing

@Suite("Diagram legibility at display size")
struct LegibilityTests {
    /// Two boxes with fixed sizes, so the layout's width is known exactly: 2 × 144 pt nodes, 36 pt
    /// apart, 10 pt padding either side → 2·144 + 36 + 2·10 = 344 logical px.
    static func knownGraph(fontSize: Double = 12, edgeFontSize: Double = 14, pad: Double = 10) -> String {
        """
        digraph {
          graph [rankdir="LR", nodesep=0.5, ranksep=0.5, pad=\(pad / 72), fontname="DejaVu Sans"];
          node [shape="box", width=2, height=0.5, fixedsize=true, fontname="DejaVu Sans", fontsize=\(fontSize)];
          edge [fontname="DejaVu Sans", fontsize=\(edgeFontSize)];
          a -> b;
        }
        """
    }

    @Test("the measured width is the layout's bounding box plus padding; the smallest text is the smallest label font")
    func measuredValues() throws {
        let measured = try GraphvizRenderer().legibility(dot: Self.knownGraph(fontSize: 12))
        #expect(measured.displayWidth == 344)
        #expect(measured.smallestFontSize == 12)
        #expect(measured.smallestText == 12)
        // An edge label in smaller type, and an HTML <font> inside a node (Graphviz reads its
        // point-size as a whole number), are found too.
        let edgeLabel = try GraphvizRenderer().legibility(
            dot: #"digraph { node [fontsize=14]; a -> b [label="w", fontsize=12.5]; }"#)
        #expect(edgeLabel.smallestFontSize == 12.5)
        let htmlFont = try GraphvizRenderer().legibility(
            dot:
                #"digraph { node [fontsize=14]; a -> b [label="w", fontsize=12.5]; c [label=<c<br/><font point-size="11">small</font>>]; }"#
        )
        #expect(htmlFont.smallestFontSize == 11)
        let clusterLabel = try GraphvizRenderer().legibility(
            dot: #"digraph { node [fontsize=14]; subgraph cluster_a { label="layer"; fontsize=11.5; a } }"#)
        #expect(clusterLabel.smallestFontSize == 11.5)
    }

    @Test("a PNG is drawn at 2× and carries Display width and Smallest text as tEXt chunks")
    func pngChunks() throws {
        let bytes = try GraphvizRenderer().renderToBytes(dot: Self.knownGraph(), metadata: [("Chapter", "1")])
        let size = try pngSize(bytes)
        #expect(size.width == 2 * 344)
        let entries = try PNGText.entries(in: bytes)
        #expect(entries.map(\.keyword) == ["Chapter", "Display width", "Smallest text"])
        #expect(entries.map(\.text) == ["1", "344", "12.0"])
    }

    @Test("a width that is not a whole number of logical px is padded to the next one, so the PNG is 2 × Display width")
    func wholeWidth() throws {
        for pad in [10.3, 7.77, 4.0] {
            let bytes = try GraphvizRenderer().renderToBytes(dot: Self.knownGraph(pad: pad))
            let width = try #require(Int(try PNGText.entries(in: bytes).first { $0.keyword == "Display width" }!.text))
            #expect(try pngSize(bytes).width == 2 * width)
            #expect(width == Int((2 * 144 + 36 + 2 * pad).rounded(.up)))
        }
    }

    @Test("a diagram with small text reports it, and rendering refuses it with a clear error")
    func smallText() throws {
        let dot = Self.knownGraph(fontSize: 9)
        let measured = try GraphvizRenderer().legibility(dot: dot)
        #expect(measured.smallestText == 9)
        #expect(measured.problem?.contains("smallest text is 9.0 px") == true)
        let error = try #require(throws: DiagramError.self) { try GraphvizRenderer().renderToBytes(dot: dot) }
        #expect(error.stage == .legibility)
        #expect(error.description.contains("smallest text is 9.0 px at display width, less than 11 px"))
        // Turned off, the check lets it through and the chunk tells the truth.
        let bytes = try GraphvizRenderer(checksLegibility: false).renderToBytes(dot: dot)
        #expect(try PNGText.entries(in: bytes).first { $0.keyword == "Smallest text" }?.text == "9.0")
    }

    @Test("a diagram wider than 880 px is refused, and its text is reported as the page would shrink it")
    func tooWide() throws {
        let wide = "digraph { rankdir=LR; node [shape=box, width=3, fixedsize=true, fontsize=14]; a -> b -> c -> d; }"
        let measured = try GraphvizRenderer().legibility(dot: wide)
        #expect(measured.displayWidth > 880)
        #expect(abs(measured.smallestText - 14 * 880 / Double(measured.displayWidth)) < 1e-9)
        let error = try #require(throws: DiagramError.self) { try GraphvizRenderer().renderToBytes(dot: wide) }
        #expect(error.stage == .legibility)
        #expect(error.message.contains("\(measured.displayWidth) px wide, more than the 880 px"))
    }

    @Test("blank text (such as a title's spacer line) does not count as small text")
    func blankText() throws {
        let dot =
            #"digraph { label="Title\n "; fontsize=15; node [fontsize=13]; a [label=" "]; a -> b [label=" ", fontsize=4]; }"#
        #expect(try GraphvizRenderer().legibility(dot: dot).smallestFontSize == 13)
    }
}

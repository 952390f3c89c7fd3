// DOT text generation, checked character for character.

import Diagrams
import Testing

@Suite("DOT text")
struct DOTGraphTests {
    static func tinyGraph() -> DOTGraph {
        var graph = DOTGraph(
            name: "tiny",
            graphAttributes: [.rankDirection(.leftToRight), .label("Tiny \"graph\""), .nodeSeparation(0.25)])
        graph.nodeDefaults = [.shape(.circle), .fontName("DejaVu Sans")]
        graph.edgeDefaults = [.arrowHead(.vee), .penWidth(1.5)]
        graph.add(
            DOTCluster(
                "inputs", [.label("Inputs"), .style(.rounded, .filled)],
                nodes: [DOTNode("x1", [.label("x₁")]), DOTNode("x2")], sameRank: [["x1", "x2"]]))
        graph.add(
            DOTNode("y", [.label("out\nput"), .fillColor("#ffedd5"), .style(.filled), .width(0.5), .fixedSize(true)]))
        graph.connect("x1", "y", [.label("−2"), .headPort(DOTPort("in"))])
        graph.connect("x2", "y", [.style(.dashed), .constraint(false), .tailPort(DOTPort(compass: "e"))])
        graph.add(.invisible(from: "x1", to: "x2"))
        return graph
    }

    @Test("a small graph is written exactly as expected")
    func golden() {
        let expected = """
            digraph "tiny" {
              graph [rankdir="LR", label="Tiny \\"graph\\"", nodesep=0.25];
              node [shape="circle", fontname="DejaVu Sans"];
              edge [arrowhead="vee", penwidth=1.5];
              subgraph "cluster_inputs" {
                graph [label="Inputs", style="rounded,filled"];
                "x1" [label="x₁"];
                "x2";
                { rank=same; "x1"; "x2"; }
              }
              "y" [label="out\\nput", fillcolor="#ffedd5", style="filled", width=0.5, fixedsize=true];
              "x1" -> "y" [label="−2", headport="in"];
              "x2" -> "y" [style="dashed", constraint=false, tailport="e"];
              "x1" -> "x2" [style="invis"];
            }

            """
        #expect(Self.tinyGraph().dotSource == expected)
    }

    @Test("undirected graphs use -- and top-level same-rank groups")
    func undirected() {
        var graph = DOTGraph(name: "pair", kind: .undirected)
        graph.add(DOTNode("a"))
        graph.add(DOTNode("b"))
        graph.connect("a", "b")
        graph.keepOnSameRank(["a", "b"])
        graph.order(["a", "b"])
        let expected = """
            graph "pair" {
              "a";
              "b";
              { rank=same; "a"; "b"; }
              "a" -- "b";
              "a" -- "b" [style="invis"];
            }

            """
        #expect(graph.dotSource == expected)
    }

    @Test("quotes, backslashes and newlines are escaped in identifiers and labels")
    func escaping() {
        var graph = DOTGraph(name: "say \"hi\"")
        graph.add(DOTNode("a\"b", [.label("He said \"no\"\\nope\nnext line")]))
        let source = graph.dotSource
        #expect(source.hasPrefix("digraph \"say \\\"hi\\\"\" {\n"))
        #expect(source.contains(#"  "a\"b" [label="He said \"no\"\\nope\nnext line"];"#))
    }

    @Test("HTML special characters are replaced by entities; HTML labels are written between < and >")
    func html() {
        #expect(HTML.escape(#"a < b && c > "d" 'e'"#) == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;")
        #expect(HTML.escape("two\nlines") == "two<br/>lines")
        var graph = DOTGraph()
        graph.add(DOTNode("n", [.label(.html("<b>" + HTML.escape("x<y") + "</b>"))]))
        #expect(graph.dotSource.contains(#""n" [label=<<b>x&lt;y</b>>];"#))
    }

    @Test("record labels escape record syntax and keep ports")
    func record() {
        var graph = DOTGraph()
        graph.add(
            DOTNode(
                "r",
                [
                    .shape(.record),
                    .label(.record([.text("{a|b}", port: "p"), .group([.text("<c>"), .text("say \"d\"")])])),
                ]))
        #expect(graph.dotSource.contains(#""r" [shape="record", label="<p> \{a\|b\}|{\<c\>|say \"d\"}"];"#))
    }

    @Test("numbers are plain DOT numerals")
    func numerals() {
        var graph = DOTGraph(graphAttributes: [.nodeSeparation(2), .rankSeparation(0.000001), .pad(-1.25)])
        graph.add(DOTNode("p", [.position(xInches: 1.5, yInches: -2)]))
        let source = graph.dotSource
        #expect(source.contains("graph [nodesep=2, ranksep=0.000001, pad=-1.25];"))
        #expect(source.contains(#""p" [pos="1.5,-2!"];"#))
    }

    @Test("the golden graph is valid DOT for Graphviz")
    func acceptedByGraphviz() throws {
        try GraphvizRenderer().layoutCheck(dot: Self.tinyGraph().dotSource)
    }
}

// The LSTM and GRU cell diagrams and the BPTT picture: the nodes and edges the notes name are
// there, and each renders legibly at display width.

import Diagrams
import Figures
import Foundation
import Testing

/// "from→to" for every edge of a graph.
func edgeSet(_ graph: DOTGraph) -> Set<String> {
    Set(graph.edges.map { "\($0.from)→\($0.to)" })
}

/// The attribute `name` of an edge, as written in DOT.
func attribute(_ name: String, of edge: DOTEdge) -> DOTValue? {
    edge.attributes.last { $0.name == name }?.value
}

@Suite("Gated cells and backpropagation through time, drawn")
struct GatedCellDiagramTests {
    @Test("the GRU cell has its two gates, the candidate, and the state path hₜ₋₁ → ⊙ → + → hₜ (Eqs. 8.8–8.11)")
    func gruStructure() {
        let graph = GRUCellDiagram().graph
        #expect(
            Set(graph.allNodeIDs).isSuperset(of: [
                "hPrevious", "x", "p", "q", "z", "r", "n", "resetProduct", "complement", "keepProduct",
                "writeProduct", "sum", "h",
            ]))
        let edges = edgeSet(graph)
        // Eq. 8.9: both gates read both products; Eq. 8.10: the reset gate after the recurrent product.
        #expect(
            edges.isSuperset(of: [
                "p→z", "q→z", "p→r", "q→r", "q→resetProduct", "r→resetProduct", "resetProduct→n", "p→n",
            ]))
        // Eq. 8.11: (1 − zₜ) ⊙ hₜ₋₁ + zₜ ⊙ nₜ.
        #expect(
            edges.isSuperset(of: [
                "z→complement", "complement→keepProduct", "hPrevious→keepProduct", "z→writeProduct", "n→writeProduct",
                "keepProduct→sum", "writeProduct→sum", "sum→h",
            ]))
        // The state path is drawn like the LSTM's cell state: bold and red.
        let path = graph.edges.filter {
            ["hPrevious→keepProduct", "keepProduct→sum", "sum→h"].contains("\($0.from)→\($0.to)")
        }
        #expect(path.count == 3 && path.allSatisfy { attribute("color", of: $0) == .text(GatedCellStyle.statePath) })
        #expect(graph.dotSource.contains("σ(p<sub>z</sub> + q<sub>z</sub>)"))
    }

    @Test("the LSTM cell writes subscripts as subscripts and sends both states on to the next step")
    func lstmStructure() {
        let graph = LSTMCellDiagram().graph
        #expect(!graph.dotSource.contains("z_f") && graph.dotSource.contains("σ(z<sub>f</sub>)"))
        #expect(
            edgeSet(graph).isSuperset(of: [
                "h→hPrevious", "c→cPrevious", "cPrevious→forgetProduct", "forgetProduct→sum", "sum→c",
            ]))
    }

    @Test("BPTT: forward edges through U, W, V and, distinguishable, backward ones through Vᵀ and Wᵀ (Eq. 7.5)")
    func bpttStructure() {
        let steps = 4
        let graph = BackpropagationThroughTimeDiagram(steps: steps).graph
        let ids = Set(graph.allNodeIDs)
        for t in 1...steps { #expect(ids.isSuperset(of: ["x\(t)", "h\(t)", "o\(t)", "y\(t)", "L\(t)"])) }
        func isBackward(_ edge: DOTEdge) -> Bool { attribute("dir", of: edge) == .text("back") }
        let backward = graph.edges.filter(isBackward)
        let forward = graph.edges.filter { !isBackward($0) && attribute("style", of: $0) != .text("invis") }
        // Backward: ŷₜ − 𝟏 from every loss, Vᵀ into every hₜ, Wᵀδₜ₊₁ into every hₜ but the last.
        #expect(backward.count == 3 * steps - 1)
        #expect(
            backward.allSatisfy {
                attribute("color", of: $0) == .text("#dc2626") && attribute("style", of: $0) == .text("dashed")
            })
        #expect(forward.allSatisfy { attribute("color", of: $0) != .text("#dc2626") })
        #expect(
            backward.contains {
                $0.from == "h1" && $0.to == "h2" && attribute("xlabel", of: $0) == .label(.plain("Wᵀδ₂"))
            })
        #expect(
            backward.contains {
                $0.from == "h3" && $0.to == "o3" && attribute("label", of: $0) == .label(.plain(" Vᵀ"))
            })
        #expect(ids.contains("delta5"))
    }

    @Test("the cell and BPTT diagrams render legibly: at most 880 px wide, no text under 11 px")
    func legible() throws {
        let diagrams: [any Diagram] = [
            LSTMCellDiagram(), GRUCellDiagram(), BackpropagationThroughTimeDiagram(steps: 4),
            RecurrentNetworkDiagram(steps: 4, title: "A recurrent network, folded and unrolled over four steps"),
        ]
        for diagram in diagrams {
            let bytes = try GraphvizRenderer().renderToBytes(diagram.graph)
            let entries = try PNGText.entries(in: bytes)
            let width = try #require(entries.first { $0.keyword == "Display width" }.flatMap { Int($0.text) })
            let smallest = try #require(entries.first { $0.keyword == "Smallest text" }.flatMap { Double($0.text) })
            #expect(width <= 880 && smallest >= 11)
            #expect(try pngSize(bytes).width == 2 * width)
            #expect(bytes.count < 400_000)
        }
    }
}

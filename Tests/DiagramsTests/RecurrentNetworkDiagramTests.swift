import Diagrams
import Figures
import Foundation
import TestSupport
import Testing

@Suite("RecurrentNetworkDiagram — folded and unrolled pictures of a recurrent network")
struct RecurrentNetworkDiagramTests {
    @Test("the unrolled picture has one x, h, ŷ, L per step, and W edges between consecutive steps")
    func structure() {
        let diagram = RecurrentNetworkDiagram(steps: 3)
        let ids = Set(diagram.graph.allNodeIDs)
        for t in 1...3 { #expect(ids.isSuperset(of: ["x\(t)", "h\(t)", "o\(t)", "L\(t)"])) }
        let recurrent = diagram.graph.edges.filter { $0.from.hasPrefix("h") && $0.to.hasPrefix("h") }
        #expect(Set(recurrent.map { "\($0.from)→\($0.to)" }).isSuperset(of: ["h→h", "h0→h1", "h1→h2", "h2→h3"]))
        #expect(diagram.dotSource.contains("unrolled"))
    }

    @Test("it renders to a PNG through Graphviz")
    func renders() throws {
        let url = try TestPaths.scratchFolder().appendingPathComponent("rnn.png")
        try RecurrentNetworkDiagram(steps: 4, title: "A recurrent network").render(to: url)
        let image = try PNGImage(contentsOf: url)
        #expect(image.width > 300 && image.height > 200)
    }
}

// The indices on tape nodes and in tables print as the notes write them.

import NeuralCore
import Testing

@Suite("Index notation — subscripts and superscripts as the notes print them")
struct IndexNotationTests {
    @Test("Digits, several digits and a minus sign map to sub- and superscripts")
    func digits() {
        #expect(IndexNotation.subscripted(1) == "₁")
        #expect(IndexNotation.subscripted(1203) == "₁₂₀₃")
        #expect(IndexNotation.subscripted(-4) == "₋₄")
        #expect(IndexNotation.superscripted(2) == "²")
        #expect(IndexNotation.superscripted(10) == "¹⁰")
        #expect(IndexNotation.superscripted(-3) == "⁻³")
        #expect(IndexNotation.superscripted(Int.min).count == 20)
    }

    @Test("Tape leaves and nodes carry the notes' names: wˡⱼₖ, bˡⱼ, xₖ, zˡⱼ, aˡⱼ")
    func tapeLabels() {
        var generator = SeededGenerator(seed: 1)
        let network = Network(sizes: [2, 3, 2], hidden: .sigmoid, output: .softmax, using: &generator)
        let tape = TapeNetwork(network)
        #expect(tape.weights[0][2, 1].label == "w²₃₂")
        #expect(tape.biases[1][1, 0].label == "b³₂")
        let layers = tape.forward([0.5, -1])
        #expect(layers[0].z.map(\.label) == ["z²₁", "z²₂", "z²₃"])
        #expect(layers[1].a.map(\.label) == ["a³₁", "a³₂"])
        #expect(layers[0].z[0].parents.contains { $0.label == "b²₁" })
    }
}

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Reverse-mode tape — gradients against finite differences")
struct ValueTests {
    /// A random expression over three inputs built from every operation the tape knows.
    /// `build` runs the same expression on `Value`s; `evaluate` on plain Doubles (for differences).
    static func expression(_ x: [Value], variant: Int) -> Value {
        let (a, b, c) = (x[0], x[1], x[2])
        switch variant {
        case 0: return (a * b + c).tanh() * a - (b / c)
        case 1: return (a * a + b * b + 1).log() + (c * 0.5).exp()
        case 2: return ((a - b).sigmoid() * c).power(3) + (a * c).relu()
        case 3: return Value.sum([a * b, b * c, c * a]) / (1 + a * a)
        default: return (a.exp() + b.tanh()).power(0.5) * (c - a).sigmoid()
        }
    }

    static func evaluate(_ x: [Double], variant: Int) -> Double {
        expression(x.map { Value($0) }, variant: variant).data
    }

    @Test("Tape gradients of random expressions equal central differences", arguments: 0..<5)
    func randomExpressions(variant: Int) {
        var generator = SeededGenerator(seed: UInt64(variant))
        for _ in 0..<20 {
            let point = (0..<3).map { _ in generator.uniform(0.3, 1.7) }
            let inputs = point.map { Value($0) }
            let output = Self.expression(inputs, variant: variant)
            output.backward()
            let numeric = GradientCheck.numericGradient(of: { Self.evaluate($0, variant: variant) }, at: point)
            expectGradientsMatch(
                analytic: inputs.map(\.grad), numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                "expression \(variant) at \(point)")
        }
    }

    @Test("A value used twice collects both contributions (df/da of a·a is 2a)")
    func reuseAccumulates() {
        let a = Value(3)
        let f = a * a
        f.backward()
        #expect(a.grad == 6)
    }

    @Test("Gradients accumulate across backward calls until zeroed")
    func accumulationAndZeroing() {
        let a = Value(2)
        let f = a * 5
        f.backward()
        f.backward()
        #expect(a.grad == 10)
        f.zeroGradients()
        #expect(a.grad == 0)
        f.backward()
        #expect(a.grad == 5)
    }

    @Test("The graph snapshot lists inputs before results, with values and gradients")
    func graphSnapshot() throws {
        let w = Value(2, label: "w")
        let x = Value(3, label: "x")
        let z = (w * x).named("z")
        z.backward()
        let graph = z.computationGraph()
        #expect(graph.nodes.count == 3)
        #expect(graph.nodes.last?.operation == "×")
        #expect(graph.nodes.last?.value == 6)
        let wNode = try #require(graph.nodes.first { $0.label == "w" })
        #expect(wNode.gradient == 3)
        #expect(graph.edges.count == 2)
        #expect(graph.edges.allSatisfy { $0.to == 2 })
    }

    @Test("Deep chains do not overflow the stack")
    func deepChain() {
        let start = Value(0.5)
        var v = start
        for _ in 0..<20_000 { v = v * 1.0 + 0.0 }
        v.backward()
        #expect(start.grad == 1)
    }
}

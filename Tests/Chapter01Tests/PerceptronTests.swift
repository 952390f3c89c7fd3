import NeuralCore
import TestSupport
import Testing

@testable import Chapter01

@Suite("Chapter 01 — perceptrons")
struct PerceptronTests {
    @Test("Eq. 1.1 — output = 1 exactly when w·x + b > 0")
    func thresholdRule() {
        let p = Perceptron(weights: [6, 2, 2], bias: -5)
        #expect(p.output([1, 0, 0]) == 1)  // z = 1
        #expect(p.output([0, 1, 1]) == 0)  // z = −1
        #expect(p.output([0, 0, 0]) == 0)  // z = −5
        let boundary = Perceptron(weights: [1], bias: -1)
        #expect(boundary.output([1]) == 0, "z = 0 is not > 0")
    }

    @Test("Eq. 1.1 — with bias −3 the cyclist also goes when a friend comes and the bike works")
    func cyclistWithLowerThreshold() {
        let p = Perceptron(weights: [6, 2, 2], bias: -3)
        var going: [[Int]] = []
        for dry in 0...1 {
            for friend in 0...1 {
                for bike in 0...1 where p.output([Double(dry), Double(friend), Double(bike)]) == 1 {
                    going.append([dry, friend, bike])
                }
            }
        }
        #expect(going == [[0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])
    }

    @Test("Eq. 1.2 — w = (−2, −2), b = 3 computes NAND", arguments: [(0, 0), (0, 1), (1, 0), (1, 1)])
    func nandTable(x1: Int, x2: Int) {
        #expect(NANDCircuit.nand.output([Double(x1), Double(x2)]) == TruthTable.nand.output(x1, x2))
    }

    @Test("The half adder of five NAND perceptrons adds two bits", arguments: [(0, 0), (0, 1), (1, 0), (1, 1)])
    func halfAdder(x1: Int, x2: Int) {
        let out = NANDCircuit.halfAdder().evaluate(["x1": x1, "x2": x2])
        #expect(out["sum"] == x1 ^ x2)
        #expect(out["carry"] == x1 & x2)
        #expect(NANDCircuit.halfAdder().gates.count == 5)
    }

    @Test("The two-bit adder of NAND perceptrons gets all 16 sums right", arguments: 0..<4, 0..<4)
    func twoBitAdder(a: Int, b: Int) throws {
        let out = NANDCircuit.twoBitAdder().evaluate(["a0": a & 1, "a1": a >> 1, "b0": b & 1, "b1": b >> 1])
        let s0 = try #require(out["s0"])
        let s1 = try #require(out["s1"])
        let s2 = try #require(out["s2"])
        #expect(s0 + 2 * s1 + 4 * s2 == a + b)
    }

    @Test("Eq. 1.3 — one step of the perceptron rule, by hand")
    func ruleStep() {
        var p = Perceptron(weights: [0.5, -1], bias: 0.25)
        // x = (1, 2): z = 0.5 − 2 + 0.25 = −1.25 → ŷ = 0; with y = 1 the error is +1.
        let changed = p.learn([1, 2], label: 1, eta: 0.5)
        #expect(changed)
        #expect(p.weights == [1.0, 0.0])
        #expect(p.bias == 0.75)
        // Now z = 1 + 0 + 0.75 > 0: correct, so nothing changes.
        let changedAgain = p.learn([1, 2], label: 1, eta: 0.5)
        #expect(!changedAgain)
        #expect(p.weights == [1.0, 0.0])
    }

    @Test("Eq. 1.4 — on separable data the rule converges within (R/γ)² updates", arguments: UInt64(1)...UInt64(8))
    func novikoff(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let (data, w, b) = ToyDatasets.separableBlobs(count: 100, margin: 0.2, using: &generator)
        let training = Perceptron.train(on: data, maxEpochs: 1_000)
        let bound = NovikoffBound(data: data, weights: w, bias: b)
        #expect(training.converged)
        #expect(training.final.mistakes(on: data) == 0)
        #expect(
            Double(training.updates) <= bound.maximumUpdates, "k = \(training.updates), bound \(bound.maximumUpdates)")
    }

    @Test("Novikoff's quantities on a hand-checked dataset")
    func boundByHand() {
        // Points (1, 0) of class 1 and (−1, 0) of class 0, separator x = 0: x̃ = (±1, 0, 1), R = √2,
        // w̃* = (1, 0, 0), γ = 1, so (R/γ)² = 2.
        let data = PointDataset(points: [[1, 0], [-1, 0]], labels: [1, 0], classNames: ["0", "1"])
        let bound = NovikoffBound(data: data, weights: [1, 0], bias: 0)
        expectClose(bound.radius, 2.0.squareRoot(), tolerance: Tolerance.exactArithmetic)
        expectClose(bound.margin, 1, tolerance: Tolerance.exactArithmetic)
        expectClose(bound.maximumUpdates, 2, tolerance: Tolerance.exactArithmetic)
    }

    @Test("AND, OR and NAND are learned; XOR never is", arguments: TruthTable.allCases)
    func truthTables(table: TruthTable) {
        let training = Perceptron.train(on: table.dataset, maxEpochs: 200)
        if table == .xor {
            #expect(!training.converged)
            #expect(training.mistakesPerEpoch.allSatisfy { $0 >= 1 })
            #expect(training.final.mistakes(on: table.dataset) >= 1)
        } else {
            #expect(training.converged)
            #expect(training.final.mistakes(on: table.dataset) == 0)
        }
    }

    @Test("A change of 0.01 in one weight flips a perceptron but moves a sigmoid neuron by < 0.01")
    func smallChange() {
        let before = Perceptron(weights: [0.6, -0.4], bias: -0.195)
        var after = before
        after.weights[1] -= 0.01
        #expect(before.output([1, 1]) == 1)
        #expect(after.output([1, 1]) == 0)
        let change =
            Activation.sigmoid.value(after.weightedInput([1, 1]))
            - Activation.sigmoid.value(before.weightedInput([1, 1]))
        #expect(abs(change) < 0.01)
    }
}

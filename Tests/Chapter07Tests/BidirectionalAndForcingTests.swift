// Sections 7.8 and 7.9: the bracket task's generator and tag rule on hand-made strings, the Bayes
// bound of Eq. 7.19 against brute-force enumeration, the matched parameter counts of Eq. 7.20, the
// accuracy tally, and the teacher-forced versus self-fed evaluation (Eq. 7.21) on a hand-made model.

import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — 7.8 bracket tagging and 7.9 teacher forcing")
struct BidirectionalAndForcingTests {
    /// "(" = 0, ")" = 1.
    static func symbols(_ text: String) -> [Int] { text.map { $0 == "(" ? 0 : 1 } }

    @Test("The tag rule on hand-made strings: 1 closed later, 0 never closed, −1 for every ')'")
    func tags() {
        let ignored = SequenceModel<VanillaCell>.ignored
        #expect(BracketTask.tags(Self.symbols("()")) == [1, ignored])
        #expect(BracketTask.tags(Self.symbols(")(")) == [ignored, 0])
        #expect(BracketTask.tags(Self.symbols("(()")) == [0, 1, ignored])
        #expect(BracketTask.tags(Self.symbols("(())(")) == [1, 1, ignored, ignored, 0])
        #expect(BracketTask.tags(Self.symbols("))((()")) == [ignored, ignored, 0, 0, 1, ignored])
        #expect(BracketTask.tags(Self.symbols("((((")) == [0, 0, 0, 0])
        #expect(BracketTask.text(Self.symbols("(()")) == "(()")
    }

    @Test("The generator: seeded, two symbols, batches laid out step-major with their tags")
    func generator() {
        var a = SeededGenerator(seed: 4)
        var b = SeededGenerator(seed: 4)
        let first = BracketTask.string(length: 50, using: &a)
        #expect(first == BracketTask.string(length: 50, using: &b))
        #expect(Set(first) == [0, 1])
        var c = SeededGenerator(seed: 9)
        let (inputs, targets, strings) = BracketTask.batch(3, length: 7, using: &c)
        #expect(inputs.count == 7 && targets.count == 7 && strings.count == 3)
        for (column, string) in strings.enumerated() {
            let tags = BracketTask.tags(string)
            for t in 0..<7 {
                guard case .oneHot(let symbols) = inputs[t] else { Issue.record("one-hot inputs"); return }
                #expect(symbols[column] == string[t] && targets[t][column] == tags[t])
            }
        }
    }

    @Test("Eq. 7.19 — P(closed) = 1 − C(n, ⌊n/2⌋)/2ⁿ equals the fraction of all 2ⁿ futures that close the '('")
    func bayesBound() {
        for n in 0...12 {
            var closing = 0
            for future in 0..<(1 << n) {
                let string = [0] + (0..<n).map { (future >> $0) & 1 }
                if BracketTask.tags(string)[0] == 1 { closing += 1 }
            }
            expectClose(
                BracketTask.closedProbability(remaining: n), Double(closing) / Double(1 << n),
                tolerance: Tolerance.exactArithmetic, "n = \(n)")
        }
        // …and the past does not change it: with "((" or ")(" before, the same fraction.
        for prefix in [[0, 0], [1, 0], [0, 1, 0]] {
            var closing = 0
            for future in 0..<(1 << 8) {
                let string = prefix + [0] + (0..<8).map { (future >> $0) & 1 }
                if BracketTask.tags(string)[prefix.count] == 1 { closing += 1 }
            }
            expectClose(
                Double(closing) / 256, BracketTask.closedProbability(remaining: 8), tolerance: Tolerance.exactArithmetic
            )
        }
        // 0-based positions: the last "(" is never closed (certain), the two before it a coin toss.
        #expect(BracketTask.pastOnlyBound(position: 19, length: 20) == 1)
        #expect(BracketTask.pastOnlyBound(position: 18, length: 20) == 0.5)
        #expect(BracketTask.pastOnlyBound(position: 17, length: 20) == 0.5)
        expectClose(BracketTask.pastOnlyBound(position: 16, length: 20), 0.625, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 7.19 — the past-only loss is the mean binary entropy of q, by hand for T = 3")
    func pastOnlyLoss() {
        // Positions 1, 2, 3 have n = 2, 1, 0 after them: q = ½, ½, 0 → entropies log 2, log 2, 0.
        expectClose(BracketTask.pastOnlyLoss(length: 3), 2 * log(2) / 3, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 7.20 — parameter counts from the models' matrices, and the matched hidden size")
    func parameterCounts() {
        var generator = SeededGenerator(seed: 1)
        for h in [1, 5, 16] {
            let one = SequenceModel(
                cell: VanillaCell(inputSize: 2, hiddenSize: h, using: &generator), outputSize: 2, using: &generator)
            #expect(
                one.parameters.reduce(0) { $0 + $1.rows * $1.columns }
                    == BracketTask.oneDirectionalParameters(hidden: h))
            let bi = BidirectionalModel(
                forwardCell: VanillaCell(inputSize: 2, hiddenSize: h, using: &generator),
                backwardCell: VanillaCell(inputSize: 2, hiddenSize: h, using: &generator), outputSize: 2,
                using: &generator)
            #expect(bi.parameterCount == BracketTask.bidirectionalParameters(hidden: h))
        }
        // 2·16² + 160 + 2 = 674; 24² + 120 + 2 = 698 and 23² + 115 + 2 = 646: 24 is nearer.
        #expect(BracketTask.matchedHidden(bidirectional: 16) == 24)
    }

    @Test("The accuracy tally counts only tagged positions, per position, against a hand count")
    func tally() {
        // Two positions, three sequences; ŷ[1] > ŷ[0] means "closed".
        let p0 = Matrix(rows: 2, columns: 3, elements: [0.9, 0.2, 0.5, 0.1, 0.8, 0.5])
        let p1 = Matrix(rows: 2, columns: 3, elements: [0.3, 0.6, 0.4, 0.7, 0.4, 0.6])
        let targets = [[0, 0, 1], [1, -1, 0]]
        let accuracy = taggerAccuracy(probabilities: [p0, p1], targets: targets)
        // Position 0: guesses 0, 1, 0 (a tie is "never closed") against 0, 0, 1 → 1 of 3.
        // Position 1: guesses 1, (ignored), 1 against 1, 0 → 1 of 2.
        #expect(accuracy.perPosition == [1.0 / 3, 0.5])
        #expect(accuracy.overall == 2.0 / 5)
    }

    @Test("One training update of the two taggers: the same fresh batch, clipped gradients, Adam, by hand")
    func taggerUpdate() {
        var generator = SeededGenerator(seed: 6)
        var one = SequenceModel(
            cell: VanillaCell(inputSize: 2, hiddenSize: 3, scale: 0.3, using: &generator), outputSize: 2, scale: 0.3,
            using: &generator)
        one.normalization = .perTarget
        var bi = BidirectionalModel(
            forwardCell: VanillaCell(inputSize: 2, hiddenSize: 2, scale: 0.3, using: &generator),
            backwardCell: VanillaCell(inputSize: 2, hiddenSize: 2, scale: 0.3, using: &generator), outputSize: 2,
            scale: 0.3, using: &generator)
        bi.normalization = .perTarget
        var pair = TaggerPair(oneDirectional: one, bidirectional: bi, learningRate: 0.01, batch: 4, length: 6)
        var data = SeededGenerator(seed: 10)
        var copy = data
        // Adam by hand: m and v per entry, bias-corrected, on gradients clipped to ±5.
        func adam(_ theta: [Matrix], _ grads: [[Matrix]]) -> [Matrix] {
            theta.indices.map { i in
                var x = theta[i].elements
                var m = [Double](repeating: 0, count: x.count)
                var v = m
                for (step, g) in grads.enumerated() {
                    let t = Double(step + 1)
                    for k in x.indices {
                        let gk = min(max(g[i].elements[k], -5), 5)
                        m[k] = 0.9 * m[k] + 0.1 * gk
                        v[k] = 0.999 * v[k] + 0.001 * gk * gk
                        let mHat = m[k] / (1 - pow(0.9, t))
                        let vHat = v[k] / (1 - pow(0.999, t))
                        x[k] -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
                    }
                }
                return Matrix(rows: theta[i].rows, columns: theta[i].columns, elements: x)
            }
        }
        var oneGradients: [[Matrix]] = []
        var biGradients: [[Matrix]] = []
        var oneModel = one
        var biModel = bi
        for _ in 0..<2 {
            let (inputs, targets, _) = BracketTask.batch(4, length: 6, using: &copy)
            let oneResult = oneModel.lossAndGradients(inputs: inputs, targets: targets)
            let biResult = biModel.lossAndGradients(inputs: inputs, targets: targets)
            let losses = pair.update(using: &data)
            #expect(losses.one == oneResult.loss && losses.bi == biResult.loss)
            oneGradients.append(oneResult.gradients)
            biGradients.append(biResult.gradients)
            oneModel.parameters = adam(one.parameters, oneGradients)
            biModel.parameters = adam(bi.parameters, biGradients)
            for (mine, expected) in zip(pair.oneDirectional.parameters, oneModel.parameters) {
                expectClose(mine, expected, tolerance: Tolerance.exactArithmetic)
            }
            for (mine, expected) in zip(pair.bidirectional.parameters, biModel.parameters) {
                expectClose(mine, expected, tolerance: Tolerance.exactArithmetic)
            }
        }
        // The data generator moved on exactly as the hand copy did (one batch per update).
        #expect(data.next() == copy.next())
    }

    @Test("The section's gradient check: Eq. 7.18 against central differences and the tape")
    func sectionGradientCheck() {
        var generator = SeededGenerator(seed: 2)
        let (numeric, tape) = bidirectionalGradientCheck(using: &generator)
        #expect(numeric < Tolerance.gradientCheckSmooth)
        #expect(tape < Tolerance.twoAnalyticGradients)
    }

    /// A vanilla character model over C symbols that predicts "the symbol after the input":
    /// h = tanh(U x) is ±1 on the input's unit (W = 0), and V reads unit k − 1 into output k.
    static func shiftModel(symbols c: Int) -> SequenceModel<VanillaCell> {
        let u = Matrix(rows: c, columns: c) { i, j in i == j ? 5 : -5 }
        let cell = VanillaCell(
            inputWeights: u, recurrentWeights: Matrix(rows: c, columns: c), biases: Matrix(rows: c, columns: 1))
        let v = Matrix(rows: c, columns: c) { k, i in i == (k + c - 1) % c ? 4 : 0 }
        return SequenceModel(cell: cell, outputWeights: v, outputBiases: Matrix(rows: c, columns: 1))
    }

    @Test("Eq. 7.21 — fed the text versus fed itself, on a hand-made model, against a hand count")
    func forcingByHand() {
        let model = Self.shiftModel(symbols: 3)
        // The model's rule: next = input + 1 (mod 3).
        let text = [0, 1, 2, 0, 0, 1, 2, 1, 2, 0, 1, 1, 2, 0]
        let starts = [2, 4, 7, 9]
        let horizon = 4
        let curves = TeacherForcing.measure(model, text: text, starts: starts, context: 2, horizon: horizon)
        for k in 1...horizon {
            // Fed the text, step k predicts text[s + k − 2] + 1; fed itself, text[s − 1] + k.
            let forced = starts.filter { text[$0 + k - 1] == (text[$0 + k - 2] + 1) % 3 }.count
            let fed = starts.filter { text[$0 + k - 1] == (text[$0 - 1] + k) % 3 }.count
            #expect(curves.forcedAccuracy[k - 1] == Double(forced) / 4, "k = \(k)")
            #expect(curves.selfFedAccuracy[k - 1] == Double(fed) / 4, "k = \(k)")
        }
        // Step 1 is the same prediction both ways.
        #expect(curves.forcedLoss[0] == curves.selfFedLoss[0])
        // The loss is the mean −log ŷ[the text's character], by hand at step 1.
        let expected =
            starts.map { s -> Double in
                let p = model.forward([.oneHot([text[s - 2]]), .oneHot([text[s - 1]])]).probabilities(at: 1)
                return -log(p[text[s], 0])
            }.reduce(0, +) / 4
        expectClose(curves.forcedLoss[0], expected, tolerance: Tolerance.exactArithmetic)
        // The text follows the rule more often than the rule's long run does: self-feeding falls behind.
        #expect(curves.selfFedAccuracy[3] < curves.forcedAccuracy[3])
    }

    @Test("--quick --only 7.8 records the bound of Eq. 7.19 and the tape check, and writes its figure")
    func quickSections() throws {
        let folder = try TestPaths.scratchFolder()
        try RecurrentChapter.parse(["--quick", "--only", "7.8", "--out", folder.path]).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter07/only-7.8"), figures: ["bidirectional-accuracy.png"],
            chapter: "07",
            seed: 1)
        let bound = try #require(Chapter07RunTests.number(results, "bidirectional.pastOnlyBound"))
        let meanBound =
            (0..<BracketKnobs.defaultLength).map {
                BracketTask.pastOnlyBound(position: $0, length: BracketKnobs.defaultLength)
            }
            .reduce(0, +) / Double(BracketKnobs.defaultLength)
        expectClose(bound, meanBound, tolerance: Tolerance.exactArithmetic)
        let tape = try #require(Chapter07RunTests.number(results, "bidirectional.gradientCheck.tape"))
        #expect(tape < Tolerance.twoAnalyticGradients)
    }
}

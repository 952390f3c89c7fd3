// The bidirectional network of Eqs. 7.15–7.17: its forward pass against a hand-unrolled
// computation, and its BPTT (Eq. 7.18) checked three ways — the hand-written backward pass,
// central differences, and the reverse-mode tape running the same network one scalar at a time.

import Foundation
import NeuralCore
import TestSupport
import Testing

/// A small bidirectional vanilla network and a batch of random sequences.
struct BidirectionalCase: CustomStringConvertible, Sendable {
    var vocabulary: Int
    var forwardHidden: Int
    var backwardHidden: Int
    var steps: Int
    var batch: Int
    var description: String {
        "V=\(vocabulary) H→=\(forwardHidden) H←=\(backwardHidden) T=\(steps) B=\(batch)"
    }

    func make(seed: UInt64) -> (BidirectionalModel<VanillaCell>, [StepInput], [[Int]]) {
        var generator = SeededGenerator(seed: seed)
        var forwardCell = VanillaCell(inputSize: vocabulary, hiddenSize: forwardHidden, scale: 0.5, using: &generator)
        var backwardCell = VanillaCell(
            inputSize: vocabulary, hiddenSize: backwardHidden, scale: 0.5, using: &generator)
        forwardCell.biases = Matrix.gaussian(forwardHidden, 1, standardDeviation: 0.2, using: &generator)
        backwardCell.biases = Matrix.gaussian(backwardHidden, 1, standardDeviation: 0.2, using: &generator)
        var model = BidirectionalModel(
            forwardCell: forwardCell, backwardCell: backwardCell, outputSize: vocabulary, scale: 0.5,
            using: &generator)
        model.outputBiases = Matrix.gaussian(vocabulary, 1, standardDeviation: 0.2, using: &generator)
        let inputs = (0..<steps).map { _ in
            StepInput.oneHot((0..<batch).map { _ in generator.integer(below: vocabulary) })
        }
        // Every third target ignored, so the masked path is checked too.
        let targets = (0..<steps).map { t in
            (0..<batch).map { b in (t + b) % 3 == 2 ? -1 : generator.integer(below: vocabulary) }
        }
        return (model, inputs, targets)
    }
}

@Suite("Bidirectional network (7.15–7.18) — forward by hand, BPTT three ways")
struct BidirectionalModelTests {
    static let cases = [
        BidirectionalCase(vocabulary: 3, forwardHidden: 2, backwardHidden: 3, steps: 1, batch: 1),
        BidirectionalCase(vocabulary: 4, forwardHidden: 3, backwardHidden: 2, steps: 5, batch: 1),
        BidirectionalCase(vocabulary: 3, forwardHidden: 4, backwardHidden: 4, steps: 8, batch: 3),
    ]

    @Test("Eq. 7.15, Eq. 7.16, Eq. 7.17 — the forward pass equals a hand-unrolled computation")
    func forwardByHand() throws {
        let (model, inputs, _) = BidirectionalCase(
            vocabulary: 3, forwardHidden: 2, backwardHidden: 3, steps: 4, batch: 2
        ).make(seed: 3)
        let pass = model.forward(inputs)
        let (uf, wf, bf) = (
            model.forwardCell.inputWeights, model.forwardCell.recurrentWeights, model.forwardCell.biases
        )
        let (ub, wb, bb) = (
            model.backwardCell.inputWeights, model.backwardCell.recurrentWeights, model.backwardCell.biases
        )
        for b in 0..<2 {
            let xs = inputs.map { input -> Int in
                guard case .oneHot(let i) = input else { preconditionFailure("one-hot inputs") }
                return i[b]
            }
            // h→ₜ = tanh(U→ xₜ + W→ h→ₜ₋₁ + b→), left to right.
            var forward: [[Double]] = []
            var h = [0.0, 0.0]
            for x in xs {
                h = (0..<2).map { i in tanh(uf[i, x] + wf[i, 0] * h[0] + wf[i, 1] * h[1] + bf[i, 0]) }
                forward.append(h)
            }
            // h←ₜ = tanh(U← xₜ + W← h←ₜ₊₁ + b←), right to left.
            var backward = [[Double]](repeating: [], count: 4)
            var g = [0.0, 0.0, 0.0]
            for t in stride(from: 3, through: 0, by: -1) {
                g = (0..<3).map { i in
                    tanh(ub[i, xs[t]] + (0..<3).map { j in wb[i, j] * g[j] }.reduce(0, +) + bb[i, 0])
                }
                backward[t] = g
            }
            for t in 0..<4 {
                let o = (0..<3).map { k in
                    (0..<2).map { j in model.forwardOutputWeights[k, j] * forward[t][j] }.reduce(0, +)
                        + (0..<3).map { j in model.backwardOutputWeights[k, j] * backward[t][j] }.reduce(0, +)
                        + model.outputBiases[k, 0]
                }
                let total = o.map(exp).reduce(0, +)
                for k in 0..<3 {
                    expectClose(
                        pass.probabilities(at: t)[k, b], exp(o[k]) / total, tolerance: Tolerance.exactArithmetic)
                }
                for j in 0..<2 {
                    expectClose(pass.forwardHidden(at: t)[j, b], forward[t][j], tolerance: Tolerance.exactArithmetic)
                }
                for j in 0..<3 {
                    expectClose(pass.backwardHidden(at: t)[j, b], backward[t][j], tolerance: Tolerance.exactArithmetic)
                }
            }
        }
    }

    @Test("Eq. 7.16 — the output at step 1 depends on the last input (the backward pass reads the future)")
    func readsTheFuture() throws {
        let (model, inputs, _) = BidirectionalCase(
            vocabulary: 3, forwardHidden: 2, backwardHidden: 2, steps: 5, batch: 1
        ).make(seed: 8)
        var changed = inputs
        changed[4] = .oneHot([(inputs[4].indices[0] + 1) % 3])
        let before = model.forward(inputs).probabilities(at: 0)
        let after = model.forward(changed).probabilities(at: 0)
        #expect((before - after).norm() > 1e-6)
        // …and a one-directional network's first output does not.
        let forwardOnly = SequenceModel(
            cell: model.forwardCell, outputWeights: model.forwardOutputWeights, outputBiases: model.outputBiases)
        #expect(forwardOnly.forward(inputs).probabilities(at: 0) == forwardOnly.forward(changed).probabilities(at: 0))
    }

    @Test("Eq. 7.18 — BPTT gradients of all nine parameters match central differences", arguments: cases)
    func finiteDifferences(_ c: BidirectionalCase) throws {
        let (model, inputs, targets) = c.make(seed: 7)
        let (loss, analytic) = model.lossAndGradients(inputs: inputs, targets: targets)
        for index in model.parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { value in
                    var probe = model
                    probe.parameters[index] = value
                    return probe.loss(probe.forward(inputs), targets: targets)
                }, at: model.parameters[index])
            expectGradientsMatch(
                analytic: analytic[index], numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor * max(1, abs(loss)),
                "\(model.parameterNames[index]) for \(c)")
        }
    }

    @Test(
        "Eq. 7.15–7.17, Eq. 7.18 — BPTT gradients equal the reverse-mode tape's",
        arguments: cases.filter { $0.batch == 1 })
    func tape(_ c: BidirectionalCase) throws {
        let (model, inputs, targets) = c.make(seed: 5)
        let (loss, analytic) = model.lossAndGradients(inputs: inputs, targets: targets)
        let tape = TapeBidirectionalNetwork(model)
        let value = tape.loss(inputs: inputs.map { $0.indices[0] }, targets: targets.map { $0[0] })
        value.backward()
        expectClose(value.data, loss, tolerance: Tolerance.twoAnalyticGradients)
        for (index, fromTape) in tape.gradients.enumerated() {
            expectClose(
                analytic[index], fromTape, tolerance: Tolerance.twoAnalyticGradients, "\(model.parameterNames[index])")
        }
    }

    @Test("Eq. 7.18 — with the backward pass silenced, the gradients are the one-directional network's")
    func reducesToOneDirection() throws {
        var (model, inputs, targets) = BidirectionalCase(
            vocabulary: 4, forwardHidden: 3, backwardHidden: 2, steps: 6, batch: 2
        ).make(seed: 12)
        model.backwardOutputWeights = Matrix(rows: 4, columns: 2)
        let (loss, gradients) = model.lossAndGradients(inputs: inputs, targets: targets)
        let forwardOnly = SequenceModel(
            cell: model.forwardCell, outputWeights: model.forwardOutputWeights, outputBiases: model.outputBiases)
        let reference = forwardOnly.lossAndGradients(inputs: inputs, targets: targets)
        expectClose(loss, reference.loss, tolerance: Tolerance.exactArithmetic)
        for (mine, theirs) in zip([0, 1, 2, 6, 8], [0, 1, 2, 3, 4]) {
            expectClose(gradients[mine], reference.gradients[theirs], tolerance: Tolerance.exactArithmetic)
        }
        // No gradient reaches the silenced backward cell.
        for index in 3...5 { #expect(gradients[index].norm() == 0) }
    }

    @Test("parameters round-trip and are named in order")
    func parameterOrder() throws {
        var (model, _, _) = BidirectionalCase(
            vocabulary: 3, forwardHidden: 2, backwardHidden: 4, steps: 1, batch: 1
        ).make(seed: 1)
        #expect(model.parameterNames == ["U→", "W→", "b→", "U←", "W←", "b←", "V→", "V←", "c"])
        #expect(model.parameterCount == (2 * 3 + 4 + 2) + (4 * 3 + 16 + 4) + 3 * 2 + 3 * 4 + 3)
        let doubled = model.parameters.map { $0 * 2 }
        model.parameters = doubled
        #expect(model.parameters == doubled)
    }
}

extension StepInput {
    fileprivate var indices: [Int] {
        guard case .oneHot(let i) = self else { preconditionFailure("one-hot inputs") }
        return i
    }
}

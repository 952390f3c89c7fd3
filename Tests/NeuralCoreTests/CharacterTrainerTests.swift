// The character trainer's glue pinned exactly: the state carried from window to window (truncated
// BPTT, 7.7) and reset at each pass, the clipping (7.8) applied to the gradients the optimizer
// receives, one optimizer (and its Adagrad state) for the whole run, the smoothed loss (7.9);
// and sampling (7.10) at the temperature asked for.

import Foundation
import NeuralCore
import TestSupport
import Testing

/// Adagrad that also keeps every gradient it was handed.
struct RecordingAdagrad: Optimizer {
    var inner: Adagrad
    var received: [[Matrix]] = []
    var learningRate: Double {
        get { inner.learningRate }
        set { inner.learningRate = newValue }
    }
    init(learningRate: Double) { inner = Adagrad(learningRate: learningRate) }
    mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        received.append(gradients)
        inner.step(&parameters, gradients: gradients)
    }
}

@Suite("Character trainer — state carried between windows (7.7), clipping (7.8), smoothing (7.9)")
struct CharacterTrainerTests {
    static let text = Array("the cat sat on the mat; the rat ate the hat. ".utf8).map { Int($0) % 11 }

    static func model(seed: UInt64) -> SequenceModel<VanillaCell> {
        var generator = SeededGenerator(seed: seed)
        // Weights of scale 0.5: gradients large enough for ±0.2 clipping to act.
        let cell = VanillaCell(inputSize: 11, hiddenSize: 6, scale: 0.5, using: &generator)
        return SequenceModel(cell: cell, outputSize: 11, scale: 0.5, using: &generator)
    }

    @Test(
        "Each window starts from the state the last one left (zero at each pass); the optimizer gets the clipped gradients"
    )
    func windowsCarryState() throws {
        let batches = SequenceBatches(indices: Self.text, batch: 2, length: 5)
        let iterations = batches.windowsPerPass + 2  // crosses into a second pass
        var options = CharacterTrainingOptions(iterations: iterations)
        options.sequenceLength = 5
        options.batchSize = 2
        options.clipping = .value(0.2)
        options.smoothing = 0.9
        var trained = Self.model(seed: 3)
        var optimizer = RecordingAdagrad(learningRate: 0.1)
        let history = CharacterTrainer.train(&trained, on: batches, options: options, optimizer: &optimizer)

        // By hand: forward from the carried state, BPTT, clamp to ±0.2, one Adagrad for the run.
        var byHand = Self.model(seed: 3)
        var adagrad = Adagrad(learningRate: 0.1)
        var state = byHand.cell.initialState(batch: 2)
        var smoothed = log(11.0) * 5
        var losses: [Double] = []
        var clippedUpdates = 0
        for iteration in 0..<iterations {
            if iteration % batches.windowsPerPass == 0 { state = byHand.cell.initialState(batch: 2) }
            let (inputs, targets) = batches.window(iteration)
            let pass = byHand.forward(inputs, initialState: state)
            if iteration == 1 {
                // The test can tell: from the zero state, window 1 would have another loss.
                let fromZero = byHand.loss(byHand.forward(inputs), targets: targets)
                #expect(abs(fromZero - byHand.loss(pass, targets: targets)) > 1e-6)
            }
            var gradients = byHand.backward(pass, targets: targets).gradients
            var clipped = false
            for k in gradients.indices {
                gradients[k] = gradients[k].map { g in
                    if abs(g) > 0.2 { clipped = true }
                    return min(max(g, -0.2), 0.2)
                }
            }
            if clipped { clippedUpdates += 1 }
            try #require(optimizer.received.count == iterations)
            for k in gradients.indices {
                expectClose(
                    optimizer.received[iteration][k], gradients[k], tolerance: Tolerance.exactArithmetic,
                    "\(byHand.parameterNames[k]) at window \(iteration)")
            }
            let loss = byHand.loss(pass, targets: targets)
            losses.append(loss)
            smoothed = 0.9 * smoothed + 0.1 * loss
            state = pass.finalState
            adagrad.step(&byHand.parameters, gradients: gradients)
        }
        #expect(clippedUpdates > 0 && clippedUpdates == history.clippedUpdates)
        #expect(history.iterations == Array(0..<iterations))
        for (a, b) in zip(history.loss, losses) { expectClose(a, b, tolerance: Tolerance.exactArithmetic) }
        expectClose(history.finalSmoothedLoss, smoothed, tolerance: Tolerance.exactArithmetic)
        #expect(history.characters == iterations * 10)
        for k in byHand.parameters.indices {
            expectClose(trained.parameters[k], byHand.parameters[k], tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test("Progress reports see the model before the window's update, every reportEvery windows")
    func progressReports() {
        let batches = SequenceBatches(indices: Self.text, batch: 1, length: 4)
        var options = CharacterTrainingOptions(iterations: 7)
        options.sequenceLength = 4
        options.reportEvery = 3
        var model = Self.model(seed: 5)
        var optimizer = Adagrad(learningRate: 0.1)
        var seen: [(Int, Double, Double)] = []
        _ = CharacterTrainer.train(&model, on: batches, options: options, optimizer: &optimizer) { progress, current in
            let (inputs, targets) = batches.window(progress.iteration)
            // Window 0 starts from zero, so its loss can be recomputed from the model shown.
            let recomputed = current.loss(current.forward(inputs), targets: targets)
            seen.append((progress.iteration, progress.loss, recomputed))
        }
        #expect(seen.map(\.0) == [0, 3, 6])
        expectClose(seen[0].1, seen[0].2, tolerance: Tolerance.exactArithmetic)
    }

    @Test("updated is called after every update with the count so far, and changes nothing of the training")
    func updateCallbacks() {
        let batches = SequenceBatches(indices: Self.text, batch: 1, length: 4)
        var options = CharacterTrainingOptions(iterations: 7)
        options.sequenceLength = 4
        var plain = Self.model(seed: 5)
        var plainOptimizer = Adagrad(learningRate: 0.1)
        let plainHistory = CharacterTrainer.train(&plain, on: batches, options: options, optimizer: &plainOptimizer)
        var counted = Self.model(seed: 5)
        var countedOptimizer = Adagrad(learningRate: 0.1)
        var counts: [Int] = []
        var textCounts: [Double] = []
        let countedHistory = CharacterTrainer.train(
            &counted, on: batches, options: options, optimizer: &countedOptimizer,
            updated: { counts.append($0) })
        #expect(counts == Array(1...7))
        #expect(countedHistory.smoothedLoss == plainHistory.smoothedLoss)
        #expect(counted.parameters == plain.parameters)
        var fromText = Self.model(seed: 5)
        _ = CharacterTrainer.train(
            &fromText, on: Self.text, options: options, updated: { textCounts.append(Double($0)) })
        #expect(textCounts == (1...7).map(Double.init))
        #expect(fromText.parameters == plain.parameters)
    }

    @Test(
        "Eq. 7.10 — sample feeds the prime, then draws each symbol at temperature τ from the model's logits and feeds it back",
        arguments: [0.5, 1.0, 2.0])
    func samplingByHand(temperature: Double) {
        let model = Self.model(seed: 9)
        var generator = SeededGenerator(seed: 21)
        let drawn = model.sample(prime: [3, 1, 4], count: 12, temperature: temperature, using: &generator)
        var handGenerator = SeededGenerator(seed: 21)
        var state = model.cell.initialState(batch: 1)
        for symbol in [3, 1] { state = model.cell.step(.oneHot([symbol]), state: state).state }
        var current = 4
        var expected: [Int] = []
        for _ in 0..<12 {
            state = model.cell.step(.oneHot([current]), state: state).state
            let o = (Matrix.product(model.outputWeights, state[0]) + model.outputBiases).elements
            let scaled = o.map { exp(($0 - o.max()!) / temperature) }
            let p = scaled.map { $0 / scaled.reduce(0, +) }
            current = TemperatureSampling.draw(from: p, using: &handGenerator)
            expected.append(current)
        }
        #expect(drawn == expected)
        // τ matters: another temperature draws another text from the same random numbers.
        var other = SeededGenerator(seed: 21)
        #expect(model.sample(prime: [3, 1, 4], count: 12, temperature: temperature / 10, using: &other) != drawn)
    }
}

@Suite("Character trainer — snapshots of the parameters during training")
struct CharacterTrainerSnapshotTests {
    @Test("afterUpdate hands over the model as exactly n updates left it: a snapshot at n equals a run of n updates")
    func snapshotEqualsShortRun() {
        let batches = SequenceBatches(indices: CharacterTrainerTests.text, batch: 2, length: 5)
        var options = CharacterTrainingOptions(iterations: 7)
        options.sequenceLength = 5
        options.batchSize = 2
        var model = CharacterTrainerTests.model(seed: 5)
        var optimizer = Adagrad(learningRate: 0.1)
        var snapshots: [Int: [Matrix]] = [:]
        var counts: [Int] = []
        let history = CharacterTrainer.train(
            &model, on: batches, options: options, optimizer: &optimizer,
            afterUpdate: { count, current in
                counts.append(count)
                if count == 3 || count == 7 { snapshots[count] = current.parameters }
            })
        #expect(counts == Array(1...7))
        for n in [3, 7] {
            var short = CharacterTrainerTests.model(seed: 5)
            var shortOptimizer = Adagrad(learningRate: 0.1)
            var shortOptions = options
            shortOptions.iterations = n
            _ = CharacterTrainer.train(&short, on: batches, options: shortOptions, optimizer: &shortOptimizer)
            #expect(snapshots[n].map { $0.map(\.elements) } == short.parameters.map(\.elements))
        }
        #expect(snapshots[7].map { $0.map(\.elements) } == model.parameters.map(\.elements))
        // The old entry point still trains the same way.
        var again = CharacterTrainerTests.model(seed: 5)
        var againOptimizer = Adagrad(learningRate: 0.1)
        var bar: [Int] = []
        let againHistory = CharacterTrainer.train(
            &again, on: batches, options: options, optimizer: &againOptimizer, updated: { bar.append($0) })
        #expect(bar == Array(1...7))
        #expect(again.parameters.map(\.elements) == model.parameters.map(\.elements))
        #expect(againHistory.smoothedLoss == history.smoothedLoss)
    }
}

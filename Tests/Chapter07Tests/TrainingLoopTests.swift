// The two loops Chapter 07 trains through, pinned step for step: the hello network's full BPTT
// with Adagrad and ±5 clipping (7.3), and the character trainer's text entry point (7.4).

import NeuralCore
import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — the hello loop and the character trainer's entry point, step for step")
struct TrainingLoopTests {
    @Test(
        "Eq. 7.8 — HelloTask.train: each update is Adagrad (η = 0.3) on the ±5-clipped BPTT gradients of \"hell\" → \"ello\""
    )
    func helloLoop() {
        var generator = SeededGenerator(seed: 2)
        // Large output weights, so that some gradient entries exceed 5 and clipping acts.
        var start = HelloTask.network(scale: 0.5, using: &generator)
        start.outputWeights *= 20
        var trained = start
        let losses = HelloTask.train(&trained, iterations: 3)
        var byHand = start
        var adagrad = Adagrad(learningRate: 0.3)
        var clippedSomewhere = false
        for iteration in 0..<3 {
            let result = byHand.lossAndGradients(inputs: HelloTask.stepInputs, targets: HelloTask.stepTargets)
            expectClose(losses[iteration], result.loss, tolerance: Tolerance.exactArithmetic)
            let clipped = result.gradients.map { $0.map { min(max($0, -5), 5) } }
            clippedSomewhere = clippedSomewhere || clipped != result.gradients
            adagrad.step(&byHand.parameters, gradients: clipped)
        }
        #expect(clippedSomewhere, "the run should exercise the clipping")
        for k in byHand.parameters.indices {
            expectClose(trained.parameters[k], byHand.parameters[k], tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test(
        "Eq. 7.7 — CharacterTrainer.train(on: text) is the window loop with Adagrad at the options' η over B × T batches"
    )
    func textEntryPoint() throws {
        let text = try Vocabulary(text: "a rose is a rose is a rose").indices(of: "a rose is a rose is a rose")
        var generator = SeededGenerator(seed: 4)
        let cell = VanillaCell(inputSize: 7, hiddenSize: 5, scale: 0.3, using: &generator)
        let start = SequenceModel(cell: cell, outputSize: 7, scale: 0.3, using: &generator)
        var options = CharacterTrainingOptions(iterations: 9)
        options.sequenceLength = 4
        options.batchSize = 2
        options.learningRate = 0.07
        var fromText = start
        let history = CharacterTrainer.train(&fromText, on: text, options: options)
        var explicit = start
        var adagrad = Adagrad(learningRate: 0.07)
        let batches = SequenceBatches(indices: text, batch: 2, length: 4)
        let reference = CharacterTrainer.train(&explicit, on: batches, options: options, optimizer: &adagrad)
        #expect(history.loss == reference.loss)
        for k in explicit.parameters.indices { #expect(fromText.parameters[k] == explicit.parameters[k]) }
    }
}

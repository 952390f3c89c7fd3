// What the character-model section of 8.7 runs through besides the core's trainer: the
// validation split (every tenth block held out) and the validation loss per character.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — the character model's validation split and validation loss")
struct CharacterModelTests {
    @Test("Every tenth block (9, 19, …) is held out; both parts keep the text's order and cover it")
    func split() {
        let text = Array(0..<257)
        let (training, validation) = validationSplit(text, blockLength: 10)
        #expect(validation == Array(90..<100) + Array(190..<200))
        #expect(training == text.filter { !(90..<100).contains($0) && !(190..<200).contains($0) })
        // A short last block: block 9 is 45..<50 of 48 symbols.
        let short = validationSplit(Array(0..<48), blockLength: 5)
        #expect(short.validation == [45, 46, 47])
        #expect(short.training == Array(0..<45))
    }

    @Test(
        "Eq. 7.3 — The validation loss per character is the model's loss over the text from the zero state, divided by n − 1"
    )
    func validationLoss() {
        var generator = SeededGenerator(seed: 6)
        let cell = LSTMCell(inputSize: 7, hiddenSize: 5, using: &generator)
        let model = SequenceModel(cell: cell, outputSize: 7, scale: 0.8, using: &generator)
        let text = (0..<40).map { _ in generator.integer(below: 7) }
        let inputs = text.dropLast().map { StepInput.oneHot([$0]) }
        let targets = text.dropFirst().map { [$0] }
        let expected = model.loss(model.forward(Array(inputs)), targets: Array(targets)) / 39
        expectClose(characterLoss(model, on: text), expected, tolerance: Tolerance.exactArithmetic)
    }
}

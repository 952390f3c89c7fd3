// The small network the chapter computes by hand: the "hello" network (vocabulary h, e, l, o,
// three hidden units). Its tape version, for an independent gradient, is NeuralCore's
// `TapeRecurrentNetwork`.

import NeuralCore

/// The four-letter example: "hell" in, "ello" expected out.
enum HelloTask {
    static let vocabulary = Vocabulary(symbols: ["h", "e", "l", "o"])
    static let word = "hello"
    static var inputs: [Int] { word.dropLast().compactMap(vocabulary.index(of:)) }
    static var targets: [Int] { word.dropFirst().compactMap(vocabulary.index(of:)) }
    static var stepInputs: [StepInput] { inputs.map { .oneHot([$0]) } }
    static var stepTargets: [[Int]] { targets.map { [$0] } }
    /// Adagrad's η in the notes' run.
    static let learningRate = 0.3

    /// A vanilla network 4 → 3 → 4 with N(0, scale²) weights and small random biases.
    static func network(scale: Double = 0.5, using generator: inout SeededGenerator) -> SequenceModel<VanillaCell> {
        let cell = VanillaCell(inputSize: 4, hiddenSize: 3, scale: scale, using: &generator)
        var model = SequenceModel(cell: cell, outputSize: 4, scale: scale, using: &generator)
        model.cell.biases = Matrix.gaussian(3, 1, standardDeviation: 0.1, using: &generator)
        model.outputBiases = Matrix.gaussian(4, 1, standardDeviation: 0.1, using: &generator)
        return model
    }

    /// Trains by full BPTT on the one sequence with Adagrad; returns the loss after each update.
    static func train(
        _ model: inout SequenceModel<VanillaCell>, iterations: Int, learningRate: Double = learningRate
    ) -> [Double] {
        var optimizer = Adagrad(learningRate: learningRate)
        var losses: [Double] = []
        for _ in 0..<iterations {
            var result = model.lossAndGradients(inputs: stepInputs, targets: stepTargets)
            GradientClipping.value(5).apply(to: &result.gradients)
            optimizer.step(&model.parameters, gradients: result.gradients)
            losses.append(result.loss)
        }
        return losses
    }

    /// The most probable next letter at each step, as a string.
    static func predictions(_ model: SequenceModel<VanillaCell>) -> String {
        let pass = model.forward(stepInputs)
        return vocabulary.text(of: pass.probabilities.argmaxPerColumn())
    }
}

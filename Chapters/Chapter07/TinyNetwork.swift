// The small networks the chapter computes by hand: the "hello" network (vocabulary h, e, l, o,
// three hidden units) and the same network on the reverse-mode tape, for an independent gradient.

import NeuralCore

/// The four-letter example: "hell" in, "ello" expected out.
enum HelloTask {
    static let vocabulary = Vocabulary(symbols: ["h", "e", "l", "o"])
    static let word = "hello"
    static var inputs: [Int] { vocabulary.indices(of: String(word.dropLast())) }
    static var targets: [Int] { vocabulary.indices(of: String(word.dropFirst())) }
    static var stepInputs: [StepInput] { inputs.map { .oneHot([$0]) } }
    static var stepTargets: [[Int]] { targets.map { [$0] } }

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
        _ model: inout SequenceModel<VanillaCell>, iterations: Int, learningRate: Double = 0.3
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

/// Eqs. 7.1–7.3 for a batch of one, built from scalar `Value`s so reverse mode differentiates them
/// with no formula for a gradient written anywhere.
struct TapeRecurrentNetwork {
    /// U, W, b, V, c as row-major lists of tape leaves.
    let parameters: [[Value]]
    let hidden: Int
    let inputs: Int
    let outputs: Int

    init(_ model: SequenceModel<VanillaCell>) {
        parameters = model.parameters.map { $0.elements.map { Value($0) } }
        hidden = model.cell.hiddenSize
        inputs = model.cell.inputSize
        outputs = model.outputSize
    }

    /// L = Σₜ −log ŷₜ[yₜ] on the tape.
    func loss(inputs sequence: [Int], targets: [Int], initialHidden: [Double]? = nil) -> Value {
        let (u, w, b, v, c) = (parameters[0], parameters[1], parameters[2], parameters[3], parameters[4])
        var h = (initialHidden ?? [Double](repeating: 0, count: hidden)).map { Value($0) }
        var terms: [Value] = []
        for (x, y) in zip(sequence, targets) {
            h = (0..<hidden).map { i in
                let recurrent = Value.sum((0..<hidden).map { j in w[i * hidden + j] * h[j] })
                return (u[i * inputs + x] + recurrent + b[i]).tanh()
            }
            let logits = (0..<outputs).map { k in Value.sum((0..<hidden).map { j in v[k * hidden + j] * h[j] }) + c[k] }
            let total = Value.sum(logits.map { $0.exp() })
            terms.append(-(logits[y].exp() / total).log())
        }
        return Value.sum(terms)
    }

    /// The gradients after `backward()`, shaped like the model's parameters.
    func gradients(like model: SequenceModel<VanillaCell>) -> [Matrix] {
        zip(parameters, model.parameters).map { leaves, shape in
            Matrix(rows: shape.rows, columns: shape.columns, elements: leaves.map(\.grad))
        }
    }
}

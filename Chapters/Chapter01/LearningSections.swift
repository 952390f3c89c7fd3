// Sections 1.4–1.6 of Chapter 01: learning with the perceptron rule, its limit (XOR), and the
// brittleness that motivates sigmoid neurons.

import ChapterRunner
import Figures
import NeuralCore

/// 1.4 — the perceptron rule (Eq. 1.3) converges on separable data within Novikoff's bound (Eq. 1.4).
func perceptronRule(_ session: ChapterSession, knobs: PerceptronKnobs) throws {
    let count = session.options.quick ? 40 : 120
    let margin = knobs.margin
    var generator = session.generator.fork()
    let (data, trueWeights, trueBias) = ToyDatasets.separableBlobs(
        count: count, margin: margin, spread: 1.0, using: &generator)
    session.say(
        """
        Instead of choosing weights by hand, let the perceptron find them. For each example, \
        w ← w + η(y − ŷ)x and b ← b + η(y − ŷ) (Eq. 1.3): nothing changes when the output ŷ is \
        right; otherwise the line moves towards the misclassified point. Here: \(count) points in \
        two classes that a line separates with margin at least \(margin), starting from w = 0, b = 0\
        \(knobs.eta == 1 ? "" : ", with η = \(formatted(knobs.eta, significant: 3))").
        """)
    let maxEpochs = session.options.epochs(full: 100, quick: 100)
    let training = Perceptron.train(on: data, eta: knobs.eta, maxEpochs: maxEpochs)
    let bound = NovikoffBound(data: data, weights: trueWeights, bias: trueBias)
    session.show("updates (mistakes) k = \(training.updates) over \(training.mistakesPerEpoch.count) passes")
    session.show("mistakes per pass: \(training.mistakesPerEpoch.map(String.init).joined(separator: ", "))")
    session.show(
        "R = max ‖(x, 1)‖ = \(formatted(bound.radius, decimals: 3)),  γ = \(formatted(bound.margin, decimals: 3))  →  (R/γ)² = \(formatted(bound.maximumUpdates, decimals: 1))  (Eq. 1.4)"
    )
    let withinBound = Double(training.updates) <= bound.maximumUpdates
    session.say(
        training.converged
            ? "The perceptron classifies every point after \(training.updates) updates, \(withinBound ? "within" : "BEYOND") Novikoff's bound of \(formatted(bound.maximumUpdates, decimals: 1)). The bound is loose: it holds for the worst order of examples, and uses the margin of one particular separating line."
            : "The perceptron did not converge within \(maxEpochs) passes; raise --epochs.")
    session.configure("perceptron.points", .integer(count))
    session.configure("perceptron.margin", .number(margin))
    session.record("perceptron.converged", .bool(training.converged))
    session.record("perceptron.updates", .integer(training.updates), summary: "perceptron: \(training.updates) updates")
    session.record(
        "perceptron.novikoffBound", .number(bound.maximumUpdates),
        summary: "Novikoff bound (R/γ)² = \(formatted(bound.maximumUpdates, decimals: 1))")
    session.record("perceptron.finalMistakes", .integer(training.final.mistakes(on: data)))

    try session.writeFile("perceptron-learning.png") { url in
        try PerceptronFigures.learning(
            data: data, training: training, to: url,
            metadata: session.metadata(title: "The perceptron rule at work"))
    }
}

/// 1.5 — XOR is not linearly separable, so no perceptron computes it and the rule never settles.
func xorCannotBeLearned(_ session: ChapterSession) throws {
    session.say(
        """
        XOR outputs 1 when exactly one input is 1. A perceptron would need b ≤ 0 (for 0,0), \
        w₁ + b > 0 and w₂ + b > 0 (for 1,0 and 0,1), and w₁ + w₂ + b ≤ 0 (for 1,1). Adding the \
        middle two gives w₁ + w₂ + 2b > 0, so w₁ + w₂ + b > −b ≥ 0: a contradiction. The perceptron \
        rule, run on each truth table, shows it:
        """)
    let epochs = 12
    var curves: [(TruthTable, [Int])] = []
    var rows: [[String]] = []
    for table in [TruthTable.and, .or, .nand, .xor] {
        let training = Perceptron.train(on: table.dataset, maxEpochs: epochs)
        var mistakes = training.mistakesPerEpoch
        // Once converged, later passes make no mistakes: extend the curve for the figure.
        while mistakes.count < epochs { mistakes.append(0) }
        curves.append((table, mistakes))
        let w = training.final.weights.map { formatted($0, decimals: 0) }.joined(separator: ", ")
        rows.append([
            table.rawValue, training.converged ? "yes, after \(training.updates) updates" : "no",
            "(\(w)), \(formatted(training.final.bias, decimals: 0))",
            "\(mistakes.suffix(4).map(String.init).joined(separator: " "))",
        ])
        session.record("truthTables.\(table.rawValue).converged", .bool(training.converged))
    }
    session.table(["function", "learned?", "final (w), b", "mistakes, last 4 passes"], rows)
    let xorMistakes = curves.last!.1
    let minimum = xorMistakes.min() ?? 0
    session.say("On XOR the mistakes per pass never fall below \(minimum): every pass misclassifies at least one row.")
    session.record(
        "xor.minimumMistakesPerPass", .integer(minimum), summary: "XOR: at least \(minimum) mistakes in every pass")
    try session.writeFile("perceptron-xor.png") { url in
        try PerceptronFigures.xor(
            curves: curves, to: url,
            metadata: session.metadata(title: "Perceptron rule on AND, OR, NAND and XOR"))
    }
}

/// 1.6 — a tiny change of one weight can flip a perceptron's output; a sigmoid neuron moves a little.
func smallChangesFlipOutputs(_ session: ChapterSession) {
    let before = Perceptron(weights: [0.6, -0.4], bias: -0.195)
    var after = before
    after.weights[1] -= 0.01
    let x = [1.0, 1.0]
    let zBefore = before.weightedInput(x)
    let zAfter = after.weightedInput(x)
    let sigmoidBefore = Activation.sigmoid.value(zBefore)
    let sigmoidAfter = Activation.sigmoid.value(zAfter)
    session.say(
        "Lower w₂ by 0.01 on the input x = (1, 1). The perceptron's output jumps, while a sigmoid neuron with the same weights (Chapter 02) barely moves:"
    )
    session.table(
        ["", "w·x + b", "perceptron", "sigmoid neuron σ(w·x + b)"],
        [
            ["before", formatted(zBefore, decimals: 3), "\(before.output(x))", formatted(sigmoidBefore, decimals: 5)],
            ["after", formatted(zAfter, decimals: 3), "\(after.output(x))", formatted(sigmoidAfter, decimals: 5)],
        ])
    session.say(
        "Learning needs small changes in weights to cause small changes in output. That is the sigmoid neuron's job, and the subject of Chapter 02."
    )
    session.record("flip.perceptronChanged", .bool(before.output(x) != after.output(x)))
    session.record(
        "flip.sigmoidChange", .number(abs(sigmoidAfter - sigmoidBefore)),
        summary: "Δw = 0.01 flips the perceptron; σ moves \(formatted(abs(sigmoidAfter - sigmoidBefore), decimals: 4))")
}

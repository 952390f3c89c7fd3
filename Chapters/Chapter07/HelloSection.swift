// Section 7.3: the "hello" network — four letters, three hidden units — before and after training.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// Updates of the hello network in the notes' run (tiny: the same in quick and full runs).
let helloIterations = 300

/// 7.3 — train on "hello" and watch the output confidences sharpen.
func helloExample(_ session: ChapterSession, knobs: HelloKnobs = .defaults) throws {
    let iterations = knobs.updates
    var generator = session.generator.fork()
    var model = HelloTask.network(using: &generator)
    let before = model.forward(HelloTask.stepInputs).probabilities
    let beforeLoss = model.loss(model.forward(HelloTask.stepInputs), targets: HelloTask.stepTargets)
    session.say(
        """
        The vocabulary is h, e, l, o; the network reads "hell" one letter at a time and must predict \
        "ello". Two of its four transitions need memory: after the first l comes l, after the second \
        comes o, so the hidden state has to count. Before training it predicts \
        "\(HelloTask.predictions(model))" with loss \(formatted(beforeLoss, decimals: 3)). Train by full \
        BPTT on this one sequence, Adagrad with η = \(knobs.learningRate.settingText), \(iterations) update\(iterations == 1 ? "" : "s"):
        """)
    let losses = HelloTask.train(&model, iterations: iterations, learningRate: knobs.learningRate)
    let afterPass = model.forward(HelloTask.stepInputs)
    let after = afterPass.probabilities
    let afterLoss = model.loss(afterPass, targets: HelloTask.stepTargets)
    // Diverged: NaN, or a loss far above a uniform guess's (4 log 4 = 5.5).
    guard afterLoss.isFinite, afterLoss < 3 * 4 * log(4.0) else {
        throw ChapterError(
            "the hello network diverged: its loss went from \(formatted(beforeLoss, decimals: 3)) to \(formatted(afterLoss, significant: 3)) with learning rate \(knobs.learningRate.settingText). Lower --hello-eta and run again."
        )
    }
    let predicted = HelloTask.predictions(model)
    let checkpoints = Array(Set([0, 10, 30, 100, iterations - 1].filter { $0 < losses.count })).sorted()
    session.table(["update", "loss"], checkpoints.map { ["\($0 + 1)", formatted(losses[$0], decimals: 4)] })
    var rows: [[String]] = []
    for t in 0..<4 {
        let y = HelloTask.targets[t]
        rows.append([
            HelloTask.vocabulary.displayName(of: HelloTask.inputs[t]), HelloTask.vocabulary.displayName(of: y),
            formatted(before[y, t], decimals: 3), formatted(after[y, t], decimals: 3),
            HelloTask.vocabulary.displayName(of: after.argmaxPerColumn()[t]),
        ])
    }
    session.table(["input", "target", "ŷ[target] before", "ŷ[target] after", "predicted"], rows)
    session.show(
        "from \"hell\" the trained network predicts \"\(predicted)\" (loss \(formatted(afterLoss, decimals: 4)))")
    let lowest = (0..<4).map { after[HelloTask.targets[$0], $0] }.min() ?? 0
    session.record(
        "hello.predicted", .string(predicted),
        summary:
            "\"hello\" network (3 hidden units): predicts \"\(predicted)\" from \"hell\", loss \(formatted(beforeLoss, decimals: 3)) → \(formatted(afterLoss, decimals: 4))"
    )
    session.record("hello.lossBefore", .number(beforeLoss))
    session.record("hello.lossAfter", .number(afterLoss))
    session.record("hello.smallestTargetProbability", .number(lowest))
    session.configure("hello.iterations", .integer(iterations))

    try session.writeFile("hello-confidences.png") { url in
        let panels: [any Chart] = [
            ("before training", before), ("after \(iterations) update\(iterations == 1 ? "" : "s")", after),
        ].map {
            name, probabilities in
            ConfidenceTable(
                title: name, values: (0..<4).map { probabilities.row($0) },
                rowLabels: HelloTask.vocabulary.symbols.map { "ŷ(\($0))" },
                columnLabels: (0..<4).map { t in
                    "\(HelloTask.vocabulary.displayName(of: HelloTask.inputs[t]))→\(HelloTask.vocabulary.displayName(of: HelloTask.targets[t]))"
                }, targets: HelloTask.targets, xLabel: "input → target, steps 1–4", colourBarLabel: "ŷₜ")
        }
        let grid = FigureGrid(
            title: "\"hell\" → \"ello\": confidences of a 4-3-4 recurrent network, targets outlined", columns: 2,
            panels: panels, panelWidth: 440, panelHeight: 400)
        try grid.write(to: url, metadata: session.metadata(title: "Hello network output confidences"))
    }
}

// Section 3.11 of Chapter 03: the circles network of 3.6 trained as Skalski's Keras recipe
// trains it — Adam, binary cross-entropy, 50 epochs of mini-batches of 32, Glorot-uniform
// weights — and judged, as there, on points held out from training.

import ChapterRunner
import Figures
import NeuralCore

/// 3.11 — the recipe, with its test accuracy next to the article's "close to 100%".
func circlesRecipe(_ session: ChapterSession, knobs: CirclesRecipeKnobs) throws {
    var generator = session.generator.fork()
    let points = CirclesRecipe.data(using: &generator)
    let (training, test, _) = CirclesRecipe.split(points, using: &generator)
    let sizes = knobs.sizes
    let epochs = session.options.quick ? min(knobs.epochs, CirclesRecipe.quickEpochs) : knobs.epochs
    let architecture = "[\(sizes.map(String.init).joined(separator: ", "))]"
    session.say(
        """
        Skalski's article trains the network of 3.6 with Keras: `Dense` layers \(architecture), ReLU \
        hidden and a sigmoid output, `loss='binary_crossentropy'`, `optimizer='adam'`, 50 epochs, on \
        \(grouped(CirclesRecipe.count)) points of two circles (radii 1 and \(CirclesRecipe.factor), noise \
        \(CirclesRecipe.noise)) of which a random tenth is held out, and reports "close to 100%" on that \
        test set. Run here with what Keras fills in by default: Glorot-uniform weights and zero biases \
        (Eq. 3.17), mini-batches of \(CirclesRecipe.batchSize) reshuffled every epoch, Adam (Eq. 5.14) with \
        η = \(knobs.eta.settingText), β₁ = \(CirclesRecipe.beta1), β₂ = \(CirclesRecipe.beta2), \
        ε = 10⁻⁷ — \(training.count) training and \(test.count) test points, \(epochCount(epochs)):
        """)
    let (network, records) = try CirclesRecipe.train(
        training: training, test: test, sizes: sizes, epochs: epochs, learningRate: knobs.eta, using: &generator)
    let checkpoints = Array(Set([1, 2, 5, 10, 20, 30, 40, epochs].filter { $0 <= epochs })).sorted()
    session.table(
        ["epoch", "training cost", "training accuracy", "test cost", "test accuracy"],
        checkpoints.map { epoch in
            let r = records[epoch - 1]
            return [
                "\(epoch)", formatted(r.trainingCost ?? .nan, decimals: 4), percent(r.trainingAccuracy ?? .nan),
                formatted(r.evaluationCost["test"] ?? .nan, decimals: 4), percent(r.evaluationAccuracy["test"] ?? .nan),
            ]
        })
    let final = records[records.count - 1]
    let testAccuracy = final.evaluationAccuracy["test"] ?? .nan
    let trainingAccuracy = final.trainingAccuracy ?? .nan
    let firstAbove = records.first { ($0.evaluationAccuracy["test"] ?? 0) >= 0.95 }
    let dead = CirclesRecipe.deadUnits(network, on: training)
    let stepsTaken = epochs * ((training.count + CirclesRecipe.batchSize - 1) / CirclesRecipe.batchSize)
    session.say(
        """
        After \(epochCount(epochs)) (\(grouped(stepsTaken)) Adam steps) the test accuracy is \
        \(percent(testAccuracy)) and the training accuracy \(percent(trainingAccuracy)); the article says \
        "close to 100%". \(recipeVerdict(records, test: test.count, dead: dead, sizes: sizes, knobs: knobs, epochs: epochs))\
        \(firstAbove.map { " The test accuracy first reached 95% in epoch \($0.epoch)." } ?? "")
        """)
    session.record(
        "circlesRecipe.testAccuracy", .finite(testAccuracy),
        summary: "3.11 · Skalski's circles recipe (Adam, 50 epochs): test accuracy \(percent(testAccuracy))")
    session.record("circlesRecipe.trainingAccuracy", .finite(trainingAccuracy))
    session.record("circlesRecipe.testCost", .finite(final.evaluationCost["test"] ?? .nan))
    session.record("circlesRecipe.trainingCost", .finite(final.trainingCost ?? .nan))
    session.record(
        "circlesRecipe.testAccuracies", .array(records.map { .finite($0.evaluationAccuracy["test"] ?? .nan) }))
    session.record("circlesRecipe.firstEpochAt95", firstAbove.map { .integer($0.epoch) } ?? .null)
    session.record("circlesRecipe.deadUnits", .array(dead.map { .integer($0) }))
    session.configure("circlesRecipe.epochs", .integer(epochs))
    session.configure("circlesRecipe.trainingPoints", .integer(training.count))
    session.configure("circlesRecipe.testPoints", .integer(test.count))

    try session.writeFile("circles-recipe-region.png") { url in
        let (xRange, yRange) = window(points)
        let field = GridField(network, xRange: xRange, yRange: yRange, samples: 160)
        var regions = DecisionRegions(
            title: "\(architecture), Adam, \(epochCount(epochs)): test accuracy \(percent(testAccuracy))",
            field: .probability(field.probability), xRange: xRange, yRange: yRange,
            points: labelledPoints(test), classNames: test.classNames.map { "\($0) (test)" })
        regions.resolution = 160
        regions.colourBarLabel = "p(inner circle)"
        try regions.write(
            to: url, metadata: session.metadata(title: "Circles recipe: decision region with the test points"))
    }
    try session.writeFile("circles-recipe-curves.png") { url in
        let xs = records.map { Double($0.epoch) }
        func series(_ name: String, _ values: [Double], dashed: Bool) -> LineSeries {
            LineSeries(name: name, ys: values, xs: xs, colour: Palette.categorical(dashed ? 0 : 1), dashed: dashed)
        }
        var cost = LinePlot(
            title: "Binary cross-entropy (log scale)", xLabel: "epoch", yLabel: "mean cost per point",
            series: [
                series("training points", records.map { $0.trainingCost ?? .nan }, dashed: true),
                series("test points", records.map { $0.evaluationCost["test"] ?? .nan }, dashed: false),
            ], yScale: .log10)
        cost.legend = .bottomLeft
        cost.xWholeNumbers = true
        var accuracy = LinePlot(
            title: "Accuracy", xLabel: "epoch", yLabel: "accuracy (%)",
            series: [
                series("training points", records.map { 100 * ($0.trainingAccuracy ?? .nan) }, dashed: true),
                series("test points", records.map { 100 * ($0.evaluationAccuracy["test"] ?? .nan) }, dashed: false),
            ])
        accuracy.legend = .bottomRight
        accuracy.xWholeNumbers = true
        let grid = FigureGrid(
            title: "Circles recipe: \(architecture), Adam η = \(knobs.eta.settingText), mini-batches of 32",
            columns: 2, panels: [cost, accuracy], panelWidth: 420, panelHeight: 320)
        try grid.write(to: url, metadata: session.metadata(title: "Circles recipe: learning curves"))
    }
}

/// Whether the measured test accuracy bears out "close to 100%", and if not, what the run shows.
private func recipeVerdict(
    _ records: [EpochRecord], test: Int, dead: [Int], sizes: [Int], knobs: CirclesRecipeKnobs, epochs: Int
) -> String {
    let final = records[records.count - 1]
    let testAccuracy = final.evaluationAccuracy["test"] ?? 0
    let errors = Int(((1 - testAccuracy) * Double(test)).rounded())
    let deadTotal = dead.reduce(0, +)
    let deadText =
        deadTotal == 0
        ? "No hidden unit is dead (every ReLU is positive for some training point)."
        : "\(deadTotal) of the \(sizes.dropFirst().dropLast().reduce(0, +)) hidden units \(deadTotal == 1 ? "is" : "are") dead (per layer: \(dead.map(String.init).joined(separator: ", "))): zero for every training point, so BP2 gives their weights no gradient (they revive only if the layers below move their inputs)."
    if testAccuracy >= 0.98 {
        return
            "That bears it out: \(errors) of the \(test) test points \(errors == 1 ? "is" : "are") misclassified. \(deadText)"
    }
    let costs = records.map { $0.trainingCost ?? .nan }
    let back = max(0, costs.count - 11)
    let drop = 1 - costs[costs.count - 1] / costs[back]
    return """
        Here \(errors) of the \(test) test points are misclassified, short of it. \(deadText) \
        The training cost fell by \(formatted(100 * drop, decimals: 0))% over the last \(costs.count - 1 - back) epochs\
        \(drop > 0.05 ? ": this start is still learning when the recipe stops, and more epochs (--recipe-epochs) may let it finish." : ": it has settled on a boundary that does not separate the rings.")
        """
}

/// "1 epoch", "50 epochs".
private func epochCount(_ n: Int) -> String { "\(n) epoch\(n == 1 ? "" : "s")" }

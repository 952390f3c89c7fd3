// Section 3.8 of Chapter 03: the [2, 3, 2] moons network composed of gates (examples as rows),
// checked against the core's Network, then trained by the tutorial's own recipe.

import ChapterRunner
import Figures
import NeuralCore

/// 3.8 — gates, the conventions related, and the recipe run two ways beside the chapter's 3.5 net.
func gateNetworkRecipe(_ session: ChapterSession, knobs: GateKnobs) throws {
    var generator = session.generator.fork()
    let points = ToyDatasets.moons(count: GateRecipe.count, noise: GateRecipe.noise, using: &generator)
    let (x, labels) = GateRecipe.rows(points)
    let n = labels.count
    var initial = generator.fork()
    let start = GateNetwork.initial(sizes: [2, GateRecipe.hidden, 2], hidden: .tanh, using: &initial)

    // The gate network against the core's Network on the same (transposed) weights.
    let gates = start.gradients(x, labels: labels, lambda: knobs.lambda)
    let core = start.network
    var unused = SeededGenerator(seed: 0)
    var coreResult = core.backpropagate(
        x.transposed, Matrix.oneHot(labels, classes: 2), cost: LogLikelihoodCost(), generator: &unused)
    let penalty = Regularization.l2(lambda: knobs.lambda)
    penalty.addGradient(to: &coreResult.gradients, of: core, trainingCount: n)
    let coreCost = coreResult.cost / Double(n) + penalty.penalty(core, trainingCount: n)
    var gradientDifference = 0.0
    for l in start.weights.indices {
        gradientDifference = max(
            gradientDifference, (gates.dW[l].transposed - coreResult.gradients[2 * l]).maxAbs(),
            (gates.db[l].transposed - coreResult.gradients[2 * l + 1]).maxAbs())
    }
    let costDifference = abs(gates.loss - coreCost)
    session.say(
        """
        The [2, \(GateRecipe.hidden), 2] moons network built from gates, one row per example: \
        Z = X·W (multiply gate, Eq. 3.8), + 1bᵀ (add gate, Eq. 3.9), tanh (Eq. 3.10), again multiply and \
        add, then linear logits into the softmax with the log-likelihood (Eq. 3.11). Each gate's backward \
        pass hands dZ down: dW = Xᵀ·dZ, dX = dZ·Wᵀ, db = column sums of dZ. On \(n) moons points \
        (noise \(GateRecipe.noise)) and the same weights as the core's Network (W = wᵀ), the loss with \
        its L2 penalty (Eq. 3.13, λ = \(knobs.lambda.settingText)) differs by \
        \(formatted(costDifference, significant: 2)) and the gradients by at most \
        \(formatted(gradientDifference, significant: 2)): dW is BP4 transposed (Eq. 3.12).
        """)
    session.record("gates.costDifference", .number(costDifference))
    session.record("gates.gradientDifference", .number(gradientDifference))

    // The recipe: full-batch descent from the same start, stepped two ways.
    let quick = session.options.quick
    let passes = quick ? min(knobs.passes, GateRecipe.quickPasses) : knobs.passes
    let every = quick ? GateRecipe.quickReportEvery : GateRecipe.reportEvery
    var mean = start
    let meanLosses = GateRecipe.train(
        &mean, x: x, labels: labels, passes: passes, epsilon: knobs.epsilon, lambda: knobs.lambda,
        rule: .meanGradient, every: every)
    var tutorial = start
    let tutorialLosses = GateRecipe.train(
        &tutorial, x: x, labels: labels, passes: passes, epsilon: knobs.epsilon, lambda: knobs.lambda,
        rule: .tutorial, every: every)
    let meanAccuracy = GateRecipe.accuracy(mean, x: x, labels: labels)
    let tutorialAccuracy = GateRecipe.accuracy(tutorial, x: x, labels: labels)
    let effective = knobs.epsilon * Double(n)
    session.say(
        """
        The tutorial's recipe (Britz, WildML 2015): full-batch gradient descent, \(grouped(passes)) passes, \
        ε = \(knobs.epsilon.settingText), L2 λ = \(knobs.lambda.settingText), W ~ N(0, 1)/√n_in, b = 0. Its \
        code steps by ε times Σₓ(p − y)… + λW, which is N = \(n) times the gradient of the loss it prints \
        (seed error X2, Eq. 3.14). Run as printed, each pass steps ε along ∂L/∂θ; run as coded, the step \
        is εN = \(effective.settingText). Loss L of Eq. 3.13 (penalty included), both from the same start:
        """)
    session.table(
        ["pass", "L, step ε·∂L/∂θ", "L, tutorial's step εN·∂L/∂θ"],
        zip(meanLosses, tutorialLosses).map { a, b in
            [grouped(a.pass), formatted(a.loss, decimals: 4), formatted(b.loss, decimals: 4)]
        })
    // The chapter's own 3.5 network (mini-batch SGD, Xavier) on the same points, for comparison.
    var own = generator.fork()
    let ownEpochs = quick ? MoonsExperiment.quickEpochs : MoonsExperiment.epochs
    let chapter = try MoonsExperiment.train(hidden: GateRecipe.hidden, on: points, epochs: ownEpochs, using: &own)
    session.say(
        """
        Training accuracy: \(percent(meanAccuracy, decimals: 1)) with the step ε·∂L/∂θ, \
        \(percent(tutorialAccuracy, decimals: 1)) with the tutorial's step εN·∂L/∂θ, and \
        \(percent(chapter.accuracy, decimals: 1)) for the chapter's own h = \(GateRecipe.hidden) network of 3.5 \
        (η = \(MoonsExperiment.learningRate), m = \(MoonsExperiment.batchSize), \(ownEpochs) epochs, no L2) on the \
        same points. \(meanAccuracy + 0.02 < tutorialAccuracy ? "At ε = \(knobs.epsilon.settingText) on the true gradient \(grouped(passes)) passes are only \(grouped(Int((Double(passes) / Double(n)).rounded()))) of the tutorial's: the boundary has only begun to bend." : "")
        """)
    session.record("gates.recipe.finalLoss", .number(meanLosses.last!.loss))
    session.record(
        "gates.recipe.trainingAccuracy", .number(meanAccuracy),
        summary:
            "gates, tutorial's recipe: \(percent(meanAccuracy, decimals: 1)) (step ε), \(percent(tutorialAccuracy, decimals: 1)) (step εN)"
    )
    session.record("gates.tutorialStep.finalLoss", .number(tutorialLosses.last!.loss))
    session.record("gates.tutorialStep.trainingAccuracy", .number(tutorialAccuracy))
    session.record("gates.chapter.trainingAccuracy", .number(chapter.accuracy))
    session.configure("gates.passes", .integer(passes))

    let (xRange, yRange) = window(points)
    func panel(_ network: Network, _ title: String) -> any Chart {
        let field = GridField(network, xRange: xRange, yRange: yRange, samples: 160)
        var regions = DecisionRegions(
            title: title, field: .probability(field.probability), xRange: xRange, yRange: yRange,
            points: labelledPoints(points), classNames: points.classNames, xLabel: "", yLabel: "")
        regions.resolution = 160
        regions.showColourBar = false
        regions.legend = .hidden
        return regions
    }
    let panels: [any Chart] = [
        panel(mean.network, "printed ε: \(percent(meanAccuracy, decimals: 1))"),
        panel(tutorial.network, "coded εN = \(effective.settingText): \(percent(tutorialAccuracy, decimals: 1))"),
        panel(chapter.network, "chapter 3.5: \(percent(chapter.accuracy, decimals: 1))"),
        LegendPanel(
            classNames: points.classNames, notes: ["shading: p(lower moon)", "blue 0 · white ½ · red 1", "line: p = ½"]),
    ]
    try session.writeFile("moons-gates-recipe.png") { url in
        let grid = FigureGrid(
            title:
                "Moons, [2, \(GateRecipe.hidden), 2]: the tutorial's recipe (\(grouped(passes)) full-batch passes, λ = \(knobs.lambda.settingText)) and 3.5's SGD",
            columns: 4, panels: panels, panelWidth: 220, panelHeight: 200)
        try grid.write(to: url, metadata: session.metadata(title: "Moons: the tutorial's recipe beside the chapter's"))
    }
}

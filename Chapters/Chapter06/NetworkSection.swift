// Section 6.5: the convolutional network on MNIST or Fashion-MNIST, compared with dense networks
// on the same data, with its figures.

import ChapterRunner
import Foundation
import NeuralCore

/// 6.5 — architecture, training, comparison, figures.
func convolutionalNetwork(_ session: ChapterSession, data: ChapterImages, recipe: NetworkRecipe) throws {
    let epochs = session.options.epochs(full: ConvolutionRecipe.fullEpochs, quick: ConvolutionRecipe.quickEpochs)
    var generator = session.generator.fork()
    var shapeGenerator = SeededGenerator(seed: 0)
    var shapeRecipe = recipe
    shapeRecipe.keep = 1
    let shapeNetwork = convolutionalNetwork(
        height: data.height, width: data.width, classes: data.classNames.count, recipe: shapeRecipe,
        using: &shapeGenerator)
    let stages = NetworkShapes.stages(of: shapeNetwork)
    let layerWord = recipe.hidden.count == 1 ? "layer" : "layers"
    let penalty =
        recipe.lambda > 0 ? "L2 with λ = \(recipe.lambda) on every weight (Eq. 5.1)" : "no weight penalty (λ = 0)"
    session.say(
        """
        \(recipe.architecture(classes: data.classNames.count)), \
        ReLU after each convolution, He initialization, softmax with the log-likelihood cost \
        (Eq. 4.5), SGD with momentum μ = \(recipe.momentum) (Eq. 5.10–5.11), η₀ = \
        \(recipe.learningRate) multiplied by \(recipe.decay) every \
        \(recipe.decayEvery) epochs, \(penalty), mini-batches of \(recipe.batchSize), \(epochs) epochs over \
        \(data.training.count) training images\(recipe.hasDropout ? ", dropout with p = \(recipe.keep) on the dense hidden \(layerWord) (Eq. 5.7)" : ""). \
        The shapes at every stage, one example:
        """)
    session.table(
        ["stage", "output shape", "parameters"], stages.map { [$0.name, $0.shape, "\($0.parameters)"] })
    try session.writeFile("conv-architecture.png") { url in
        try NetworkShapes.diagram(
            stages, title: "The convolutional network of section 6.5 (\(data.dataset.displayName))"
        )
        .render(to: url, metadata: session.metadata(title: "Convolutional network architecture"))
    }

    session.say("Training the convolutional network (each epoch ends with the test accuracy):")
    let (network, convolution) = try trainConvolutional(
        session, data: data, epochs: epochs, recipe: recipe, generator: &generator)

    session.say("The dense networks on the same images, trained with the existing training loop:")
    let baselineEpochs = session.options.quick ? DenseBaseline.quickEpochs : DenseBaseline.fullEpochs
    var denseGenerator = generator.fork()
    let chapter05 = try trainDense(
        label: "dense [784, 100, 10] of Chapter 05 (sigmoid, cross-entropy, SGD)", sizes: DenseBaseline.sizes,
        hidden: .sigmoid,
        output: .sigmoid, initialization: .scaledNormal, cost: CrossEntropyCost(), data: data,
        options: TrainingOptions(
            epochs: baselineEpochs, batchSize: DenseBaseline.batchSize, cost: CrossEntropyCost(),
            regularization: .l2(lambda: DenseBaseline.lambda)),
        optimizer: SGD(learningRate: DenseBaseline.learningRate), schedule: .constant,
        initialRate: DenseBaseline.learningRate, generator: &denseGenerator)
    let sameRecipe = try trainDense(
        label: "dense [784, 100, 10] with the CNN's recipe", sizes: DenseBaseline.sizes, hidden: .relu,
        output: .softmax, initialization: .he, cost: LogLikelihoodCost(), data: data,
        options: TrainingOptions(
            epochs: epochs, batchSize: recipe.batchSize, cost: LogLikelihoodCost(),
            regularization: recipe.regularization),
        optimizer: Momentum(learningRate: recipe.learningRate, momentum: recipe.momentum),
        schedule: recipe.schedule, initialRate: recipe.learningRate, generator: &denseGenerator)
    let runs = [convolution, sameRecipe, chapter05]
    session.table(
        ["network", "parameters", "epochs", "test accuracy", "errors", "s / epoch", "images/s inference"],
        runs.map { run in
            [
                run.label, "\(run.parameters)", "\(run.epochs)", percent(run.finalAccuracy),
                "\(Int(((1 - run.finalAccuracy) * Double(data.test.count)).rounded()))",
                formatted(run.secondsPerEpoch, decimals: 2), formatted(run.imagesPerSecond, decimals: 0),
            ]
        })
    let errorRatio = (1 - chapter05.finalAccuracy) / max(1 - convolution.finalAccuracy, 1e-9)
    let sameRecipeRatio = (1 - sameRecipe.finalAccuracy) / max(1 - convolution.finalAccuracy, 1e-9)
    let parameterRatio = Double(convolution.parameters) / Double(sameRecipe.parameters)
    let denseParameters = network.denseLayers.reduce(0) { $0 + $1.weights.count + $1.biases.count }
    let outputParameters = network.denseLayers.last.map { $0.weights.count + $0.biases.count } ?? 0
    let afterConvolutions = Double(denseParameters - outputParameters) / Double(convolution.parameters)
    let share =
        abs(afterConvolutions - 0.75) < 0.05
        ? "three quarters" : "\(Int((100 * afterConvolutions).rounded()))%"
    let sizeText =
        (0.8...1.25).contains(parameterRatio)
        ? "With about as many parameters as the dense network"
        : "With \(formatted(parameterRatio, decimals: 1)) times as many parameters as the dense network"
    let denseWords = recipe.hidden.count == 1 ? "the dense layer" : "the dense layers"
    /// "2.0 times fewer test errors than", "about as many test errors as", "1.3 times more … than".
    func compared(_ ratio: Double, _ noun: String) -> String {
        if ratio >= 1.05 { return "\(formatted(ratio, decimals: 1)) times fewer\(noun) than" }
        if ratio <= 1 / 1.05 { return "\(formatted(1 / ratio, decimals: 1)) times more\(noun) than" }
        return "about as many\(noun) as"
    }
    let explanation =
        sameRecipeRatio >= 1.05
        ? """
        The convolutions cost far more arithmetic per image, not more \
        parameters: weight sharing builds in that a stroke or an edge means the same anywhere in the \
        image, and pooling makes the answer insensitive to shifts of a pixel or two.
        """
        : "With these settings the convolutional network did not clearly beat the dense one trained the same way."
    session.say(
        """
        \(sizeText) (\(convolution.parameters) against \
        \(sameRecipe.parameters), \(share) of them in \(denseWords) after the convolutions), \
        the convolutional network makes \(compared(sameRecipeRatio, " test errors")) \
        the dense network trained the same way and \(compared(errorRatio, "")) \
        Chapter 05's. \(explanation)
        """)
    let key = data.dataset.rawValue
    session.record("network.parameters", .integer(convolution.parameters))
    session.record("network.epochs", .integer(convolution.epochs))
    session.record("network.testAccuracyPerEpoch", .array(convolution.testAccuracy.map { .number($0) }))
    session.record(
        "network.testAccuracy", .number(convolution.finalAccuracy),
        summary:
            "\(data.dataset.displayName) test accuracy, convolutional network: \(percent(convolution.finalAccuracy))")
    session.record("dense.sameRecipeTestAccuracy", .number(sameRecipe.finalAccuracy))
    session.record(
        "dense.chapter05TestAccuracy", .number(chapter05.finalAccuracy),
        summary:
            "\(data.dataset.displayName) test accuracy, Chapter 05 dense network: \(percent(chapter05.finalAccuracy))")
    session.configure("network.dataset", .string(key))

    // Saved in the model format's version 3 and read back: the same predictions, bit for bit.
    try session.writeFile("conv-network.json") { url in try ModelFile.save(network, to: url) }
    let reloaded = try ModelFile.load(from: session.path("conv-network.json"))
    let reloadMatches =
        reloaded.parameters == network.parameters
        && Evaluation.predictions(reloaded, on: data.test) == Evaluation.predictions(network, on: data.test)
    session.say(
        """
        The trained network is saved as conv-network.json (model format version 3, layers listed by \
        kind; files of versions 1 and 2 still load) and read back: \
        \(reloadMatches ? "identical parameters and predictions" : "the reloaded network DIFFERS").
        """)
    session.record("network.reloadMatches", .bool(reloadMatches))

    try networkFigures(session, data: data, network: network, runs: runs, recipe: recipe)
}

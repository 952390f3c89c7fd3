// Section 6.5: the convolutional network on MNIST or Fashion-MNIST, compared with dense networks
// on the same data, with its figures.

import ChapterRunner
import Foundation
import NeuralCore

/// 6.5 — architecture, training, comparison, figures.
func convolutionalNetwork(_ session: ChapterSession, data: ChapterImages, dropout: Bool) throws {
    let epochs = session.options.epochs(full: ConvolutionRecipe.fullEpochs, quick: ConvolutionRecipe.quickEpochs)
    var generator = session.generator.fork()
    var shapeGenerator = SeededGenerator(seed: 0)
    let shapeNetwork = convolutionalNetwork(
        height: data.height, width: data.width, classes: data.classNames.count, dropout: false,
        using: &shapeGenerator)
    let stages = NetworkShapes.stages(of: shapeNetwork)
    session.say(
        """
        conv 5×5 ×20 → max-pool 2 → conv 5×5 ×40 → max-pool 2 → dense 100 (ReLU) → softmax 10, \
        ReLU after each convolution, He initialization, softmax with the log-likelihood cost \
        (Eq. 4.5), SGD with momentum μ = \(ConvolutionRecipe.momentum) (Eq. 5.10–5.11), η₀ = \
        \(ConvolutionRecipe.learningRate) multiplied by \(ConvolutionRecipe.decay) every \
        \(ConvolutionRecipe.decayEvery) epochs, L2 with λ = \(ConvolutionRecipe.lambda) on every \
        weight (Eq. 5.1), mini-batches of \(ConvolutionRecipe.batchSize), \(epochs) epochs over \
        \(data.training.count) training images\(dropout ? ", dropout with p = \(ConvolutionRecipe.dropoutKeep) on the dense hidden layer (Eq. 5.7)" : ""). \
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
        session, data: data, epochs: epochs, dropout: dropout, generator: &generator)

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
            epochs: epochs, batchSize: ConvolutionRecipe.batchSize, cost: LogLikelihoodCost(),
            regularization: .l2(lambda: ConvolutionRecipe.lambda)),
        optimizer: Momentum(learningRate: ConvolutionRecipe.learningRate, momentum: ConvolutionRecipe.momentum),
        schedule: ConvolutionRecipe.schedule, initialRate: ConvolutionRecipe.learningRate, generator: &denseGenerator)
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
    session.say(
        """
        With about as many parameters as the dense network (\(convolution.parameters) against \
        \(sameRecipe.parameters), three quarters of them in the dense layer after the convolutions), \
        the convolutional network makes \(formatted(sameRecipeRatio, decimals: 1)) times fewer test \
        errors than the dense network trained the same way and \(formatted(errorRatio, decimals: 1)) \
        times fewer than Chapter 05's. The convolutions cost far more arithmetic per image, not more \
        parameters: weight sharing builds in that a stroke or an edge means the same anywhere in the \
        image, and pooling makes the answer insensitive to shifts of a pixel or two.
        """)
    let key = data.dataset.rawValue
    session.record("network.parameters", .integer(convolution.parameters))
    session.record("network.epochs", .integer(convolution.epochs))
    session.record("network.testAccuracyPerEpoch", .array(convolution.testAccuracy.map { .number($0) }))
    session.record(
        "network.testAccuracy", .number(convolution.finalAccuracy),
        summary:
            "\(data.dataset.displayName) test accuracy, convolutional network: \(percent(convolution.finalAccuracy))")
    session.record("network.secondsPerEpoch", .number(convolution.secondsPerEpoch))
    session.record("network.imagesPerSecond", .number(convolution.imagesPerSecond))
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

    try networkFigures(session, data: data, network: network, runs: runs)
}

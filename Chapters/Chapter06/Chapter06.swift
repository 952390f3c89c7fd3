// Chapter 06 — Convolutional networks. Run with `swift run -c release Chapter06`
// (`--dataset fashion` for Fashion-MNIST); the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct ConvolutionChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter06",
        abstract: "Convolution, pooling and their backpropagation; a convolutional network on MNIST or Fashion-MNIST.")

    @OptionGroup var options: ChapterOptions

    @OptionGroup var knobs: Chapter06Knobs

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .preparation("data", "the images", seconds: 0.4, quick: 0.4),
        .section("6.1", "Convolution as CNNs compute it", seconds: 0.1, quick: 0.1, draws: 0),
        .section("6.2", "Image kernels are convolutions", seconds: 0.3, quick: 0.3, draws: 0, needs: ["data"]),
        .section("6.3", "Several channels; weight sharing and local connectivity", seconds: 0.1, quick: 0.1, draws: 0),
        .section("6.4", "Backpropagation through convolution and pooling", seconds: 0.1, quick: 0.1, draws: 0),
        .section("6.5", "A convolutional network on MNIST and Fashion-MNIST", seconds: 170, quick: 4, needs: ["data"]),
        .section("6.6", "LeNet as Caffe's tutorial specifies it", seconds: 46, quick: 2, needs: ["data"]),
        .section("6.7", "The ten scores over training", seconds: 0.5, quick: 0.2, draws: 0, needs: ["6.6"]),
        .section("6.8", "Translation invariance, measured", seconds: 62, quick: 1.5, needs: ["6.6"]),
        .section("6.9", "An ensemble of LeNets", seconds: 0.1, quick: 5, draws: 0, quickDraws: 2, needs: ["6.6"]),
    ])

    func run() throws {
        let dataset = knobs.network.dataset
        try ChapterSession.run(
            number: 6, title: "Convolutional networks", options: options, plan: Self.plan, knobs: knobs,
            datasets: [dataset.kind]
        ) { session in
            session.configure("dataset", .string(dataset.rawValue))
            let data = session.step("data") { try ChapterImages(session, dataset: dataset) }
            session.step("6.1") { try workedExample(session) }
            session.step("6.2") { try imageKernels(session, data: data()) }
            session.step("6.3") { try multiChannel(session) }
            session.step("6.4") { try convolutionBackpropagation(session) }
            session.step("6.5", heading: "A convolutional network on \(dataset.displayName)") {
                var recipe = knobs.network.recipe
                recipe.shards = knobs.speed.shards
                recipe.precision = knobs.speed.precision
                try convolutionalNetwork(session, data: data(), recipe: recipe)
            }
            let lenet = session.step("6.6") {
                try lenetSection(session, data: data(), knobs: knobs.lenet, speed: knobs.speed)
            }
            session.step("6.7") { try lenetScores(session, data: data(), run: lenet()) }
            session.step("6.8") { try translationSection(session, data: data(), lenet: lenet()) }
            session.step("6.9") {
                try ensembleSection(
                    session, data: data(), lenet: lenet(),
                    members: knobs.lenet.ensembleSize(quick: session.options.quick))
            }
        }
    }
}

/// Every knob of the chapter, grouped by section in `--help`.
struct Chapter06Knobs: ChapterKnobs {
    @OptionGroup(title: "6.5 The convolutional network") var network: NetworkKnobs
    @OptionGroup(title: "6.6–6.9 LeNet as Caffe's tutorial specifies it") var lenet: LeNetKnobs
    @OptionGroup(title: "Speed") var speed: SpeedKnobs

    var settings: [Setting] { network.settings + lenet.settings + speed.settings }
}

/// How the convolutional networks' training uses the cores.
struct SpeedKnobs: ChapterKnobs {
    /// Two shards keep both cores of a two-core machine busy; the numbers do not depend on the core count.
    static let defaultShards = 2

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Parts every mini-batch of the convolutional networks is split into, backpropagated at the same time on separate cores, each product on one BLAS thread (1 to 8; the same gradients up to rounding, so the numbers depend on this and not on the machine's core count).",
            default: SpeedKnobs.defaultShards, valueName: "n"),
        transform: { try KnobValues.whole($0, option: "--shards", in: 1...8) })
    var shards = SpeedKnobs.defaultShards

    @Option(
        help: .knob(
            "Precision of the convolutions' matrix products: double, or single (Float, as PyTorch and GPUs train: about a third faster per epoch, and results that differ from the notes' after the first digits).",
            default: ProductPrecision.double, valueName: "double|single"))
    var precision = ProductPrecision.double

    var settings: [Setting] { [Setting("shards", shards), Setting("precision", precision)] }
}

/// The knobs of section 6.5's network, with the notes' recipe as defaults.
struct NetworkKnobs: ChapterKnobs {
    @Option(help: "Images for the network of section 6.5: mnist or fashion.")
    var dataset: ChapterDataset = .mnist

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Initial learning rate η₀ of the momentum SGD (> 0).", default: ConvolutionRecipe.learningRate,
            valueName: "η₀"),
        transform: { try KnobValues.positive($0, option: "--eta", example: "0.02 or 0.05") })
    var eta = ConvolutionRecipe.learningRate

    @Option(
        name: .customLong("batch"),
        parsing: .unconditional,
        help: .knob(
            "Mini-batch size (images per step).", default: ConvolutionRecipe.batchSize, valueName: "m"),
        transform: { try KnobValues.whole($0, option: "--batch", in: 1...1_000) })
    var batchSize = ConvolutionRecipe.batchSize

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Momentum coefficient μ (0 ≤ μ < 1; 0 is plain SGD; Eq. 5.10).", default: ConvolutionRecipe.momentum,
            valueName: "μ"),
        transform: {
            try KnobValues.number(
                $0, option: "--momentum", in: 0...0.999, interval: "[0, 0.999], such as 0.9 (0 is plain SGD)")
        })
    var momentum = ConvolutionRecipe.momentum

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Factor η is multiplied by every --decay-every epochs (0 < factor ≤ 1; 1 keeps η₀).",
            default: ConvolutionRecipe.decay, valueName: "factor"),
        transform: {
            try KnobValues.number(
                $0, option: "--decay", in: 0...1, excludingLower: true,
                interval: "(0, 1], such as 0.3 (1 keeps η constant)")
        })
    var decay = ConvolutionRecipe.decay

    @Option(
        name: .customLong("decay-every"),
        parsing: .unconditional,
        help: .knob(
            "Epochs between two decays of η.", default: ConvolutionRecipe.decayEvery, valueName: "epochs"),
        transform: { try KnobValues.whole($0, option: "--decay-every", in: 1...100) })
    var decayEvery = ConvolutionRecipe.decayEvery

    @Option(
        parsing: .unconditional,
        help: .knob(
            "L2 strength λ on every weight, kernels included (≥ 0; 0 is no penalty; Eq. 5.1).",
            default: ConvolutionRecipe.lambda, valueName: "λ"),
        transform: { try KnobValues.nonNegative($0, option: "--lambda", example: "5 or 0") })
    var lambda = ConvolutionRecipe.lambda

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Kernels of each convolution, separated by commas (1 to 3 convolutions, each followed by ReLU and max-pooling by 2).",
            default: NetworkRecipe.notes.filters, valueName: "n,…"),
        transform: { try NetworkKnobs.readFilters($0) })
    var filters = NetworkRecipe.notes.filters

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Side of every convolution's square kernels, in pixels.", default: NetworkRecipe.notes.kernel,
            valueName: "pixels"),
        transform: { try KnobValues.whole($0, option: "--kernel", in: 1...13) })
    var kernel = NetworkRecipe.notes.kernel

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Sizes of the dense ReLU layers after the convolutions, separated by commas.",
            default: ConvolutionRecipe.hidden, valueName: "n,…"),
        transform: { try KnobValues.layerSizes($0, option: "--hidden", largest: 1_000, most: 3) })
    var hidden = ConvolutionRecipe.hidden

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Dropout's keep probability p on the dense hidden layers (0 < p ≤ 1; 1 is no dropout; Eq. 5.7). (default: 1)",
            valueName: "p"),
        transform: { try KnobValues.keepProbability($0, option: "--keep") })
    var keep = 1.0

    @Flag(help: "The same as --keep 0.5: dropout on the dense hidden layer.")
    var dropout = false

    /// The keep probability the run uses: --keep, or 0.5 under --dropout.
    var effectiveKeep: Double { dropout ? ConvolutionRecipe.dropoutKeep : keep }

    var recipe: NetworkRecipe {
        NetworkRecipe(
            filters: filters, kernel: kernel, hidden: hidden, batchSize: batchSize, learningRate: eta,
            momentum: momentum, decayEvery: decayEvery, decay: decay, lambda: lambda, keep: effectiveKeep)
    }

    // --dropout is written as the --keep it stands for, so both name the same folder.
    var settings: [Setting] {
        [
            Setting("dataset", dataset, folderName: dataset.rawValue, onFigures: false), Setting("eta", eta),
            Setting("batch", batchSize), Setting("momentum", momentum), Setting("decay", decay),
            Setting("decay-every", decayEvery), Setting("lambda", lambda), Setting("filters", filters),
            Setting("kernel", kernel), Setting("hidden", hidden), Setting("keep", effectiveKeep),
        ]
    }

    /// "20,40": one to three kernel counts, each from 1 to 128.
    static func readFilters(_ text: String) throws -> [Int] {
        do { return try KnobValues.layerSizes(text, option: "--filters", largest: 128, most: 3) } catch {
            throw KnobValues.invalid(
                "--filters takes 1 to 3 kernel counts from 1 to 128 separated by commas, one per convolution, such as 20,40 or 8"
            )
        }
    }

    func validate() throws {
        if dropout && keep != 1 && keep != ConvolutionRecipe.dropoutKeep {
            throw ValidationError("--dropout is --keep 0.5; give --keep \(keep.settingText) alone or --dropout alone")
        }
        // Both data sets are 28 × 28.
        if recipe.mapSides(input: 28) == nil {
            throw ValidationError(
                "--kernel \(kernel) with \(filters.count) convolution\(filters.count == 1 ? "" : "s") shrinks the 28 × 28 image to nothing (each convolution takes kernel − 1 pixels, each pooling halves); use a smaller --kernel or fewer --filters"
            )
        }
    }
}

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

    @OptionGroup(title: "6.5 The convolutional network") var knobs: NetworkKnobs

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .preparation("data", "the images", seconds: 2, quick: 1),
        .section("6.1", "Convolution as CNNs compute it", seconds: 0.5, quick: 0.5, draws: 0),
        .section("6.2", "Image kernels are convolutions", seconds: 1, quick: 1, draws: 0, needs: ["data"]),
        .section("6.3", "Several channels; weight sharing and local connectivity", seconds: 0.5, quick: 0.5, draws: 0),
        .section("6.4", "Backpropagation through convolution and pooling", seconds: 0.5, quick: 0.5, draws: 0),
        .section("6.5", "A convolutional network", seconds: 900, quick: 20, needs: ["data"]),
    ])

    func run() throws {
        let dataset = knobs.dataset
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
                try convolutionalNetwork(session, data: data(), dropout: knobs.dropout)
            }
        }
    }
}

/// The knobs of section 6.5's network.
struct NetworkKnobs: ChapterKnobs {
    @Option(help: "Images for the network of section 6.5: mnist or fashion.")
    var dataset: ChapterDataset = .mnist

    @Flag(help: "Dropout (keep probability 0.5) on the dense hidden layer of the convolutional network.")
    var dropout = false

    var settings: [Setting] {
        [Setting("dataset", dataset, folderName: dataset.rawValue, onFigures: false), Setting(flag: "dropout", dropout)]
    }
}

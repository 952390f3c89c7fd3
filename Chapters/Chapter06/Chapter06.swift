// Chapter 06 — Convolutional networks. Run with `swift run -c release Chapter06`
// (`--dataset fashion` for Fashion-MNIST); the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

/// Which images the network of section 6.5 learns.
enum ChapterDataset: String, ExpressibleByArgument, CaseIterable, Sendable {
    case mnist
    case fashion

    var kind: DatasetKind { self == .mnist ? .mnist : .fashion }
    var displayName: String { self == .mnist ? "MNIST" : "Fashion-MNIST" }
}

@main
struct ConvolutionChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter06",
        abstract: "Convolution, pooling and their backpropagation; a convolutional network on MNIST or Fashion-MNIST.")

    @OptionGroup var options: ChapterOptions

    @Option(help: "Images for the network of section 6.5: mnist or fashion.")
    var dataset: ChapterDataset = .mnist

    @Flag(help: "Dropout (keep probability 0.5) on the dense hidden layer of the convolutional network.")
    var dropout = false

    func run() throws {
        try ChapterSession.run(
            number: 6, title: "Convolutional networks", options: options, datasets: [dataset.kind],
            variant: dataset == .mnist ? nil : dataset.rawValue
        ) { session in
            session.configure("dataset", .string(dataset.rawValue))
            let data = try ChapterImages(session, dataset: dataset)
            try workedExample(session)
            try imageKernels(session, data: data)
            try multiChannel(session)
            try convolutionBackpropagation(session)
            try convolutionalNetwork(session, data: data, dropout: dropout)
        }
    }
}

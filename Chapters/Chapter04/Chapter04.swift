// Chapter 04 — Cross-entropy and softmax. Run with `swift run Chapter04`; the notes are
// README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct CrossEntropyChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter04",
        abstract:
            "The learning slowdown, the cross-entropy cost, softmax and log-likelihood, and MNIST trained with them.")

    @OptionGroup var options: ChapterOptions

    func run() throws {
        try ChapterSession.run(
            number: 4, title: "Cross-entropy and softmax", options: options, datasets: [.mnist]
        ) { session in
            try learningSlowdown(session)
            crossEntropyProperties(session)
            try softmaxProperties(session)
            logLikelihood(session)
            let loaded = try session.loadImages(.mnist)
            let (train, test) = mnistSplit(loaded, quick: options.quick)
            try sanityChecks(session, train: train)
            try mnistComparison(session, train: train, test: test)
        }
    }
}

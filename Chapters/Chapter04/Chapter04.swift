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

    @OptionGroup var knobs: CrossEntropyKnobs

    func run() throws {
        let dataset = knobs.mnist.dataset
        try ChapterSession.run(
            number: 4, title: "Cross-entropy and softmax", options: options, plan: Self.plan, knobs: knobs,
            datasets: [dataset.kind]
        ) { session in
            session.step("4.1") { try learningSlowdown(session, knobs: knobs.slowdown) }
            session.step("4.2") { crossEntropyProperties(session) }
            session.step("4.3") { try softmaxProperties(session) }
            session.step("4.4") { logLikelihood(session) }
            let data = session.step("data") { mnistSplit(try session.loadImages(dataset.kind), quick: options.quick) }
            session.step("4.5") { try sanityChecks(session, train: data().train) }
            session.step("4.6") {
                try mnistComparison(session, train: data().train, test: data().test, knobs: knobs.mnist)
            }
        }
    }

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .section("4.1", "The learning slowdown", seconds: 1, quick: 0.4, draws: 0),
        .section("4.2", "The cross-entropy cost", seconds: 0.1, quick: 0.1, draws: 0),
        .section("4.3", "Softmax", seconds: 0.3, quick: 0.1, draws: 0),
        .section("4.4", "Log-likelihood and the output error", seconds: 0.1, quick: 0.1),
        .preparation("data", "MNIST", seconds: 2, quick: 0.4),
        .section("4.5", "Two sanity checks", seconds: 0.5, quick: 0.1, draws: 2, needs: ["data"]),
        .section("4.6", "MNIST with the cross-entropy", seconds: 230, quick: 1, needs: ["data"]),
    ])
}

// Chapter 05 — Overfitting, regularization, initialization and optimizers. Run with
// `swift run Chapter05`; the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct RegularizationChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter05",
        abstract: "Overfitting, L2/L1 regularization, dropout, weight initialization and optimizers.")

    @OptionGroup var options: ChapterOptions

    @OptionGroup var knobs: RegularizationKnobs

    func run() throws {
        let knobs = knobs
        try ChapterSession.run(
            number: 5, title: "Overfitting, regularization, initialization and optimizers", options: options,
            plan: Self.plan, knobs: knobs, datasets: [knobs.dataset.kind]
        ) { session in
            let data = session.step("data") { try ChapterData(session, dataset: knobs.dataset) }
            let overfit = session.step("5.1") { try overfitting(session, data: data(), knobs: knobs.small) }
            session.step("5.2") {
                try weightPenalties(session, data: data(), baseline: overfit(), knobs: knobs.small)
            }
            session.step("5.3") { try fullTrainingSet(session, data: data(), knobs: knobs.full) }
            session.step("5.4") { try dropout(session, data: data(), knobs: knobs.dropout) }
            session.step("5.5") { try initialization(session, data: data(), knobs: knobs.initialization) }
            session.step("5.6") { try optimizerPaths(session) }
            session.step("5.7", heading: "Optimizers on \(knobs.dataset.displayName)") {
                try optimizersOnMNIST(session, data: data(), knobs: knobs.optimizers)
            }
            session.step("5.8") { try learningSpeeds(session, data: data()) }
            session.step("5.9") { try batchNormalization(session, data: data()) }
            session.step("5.10") { try ensembles(session, data: data(), knobs: knobs.ensemble) }
            session.step("5.11") { try l1Sparsity(session, data: data(), knobs: knobs.sparsity) }
        }
    }

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .preparation("data", "MNIST", seconds: 0.7, quick: 0.4),
        .section("5.1", "Overfitting made visible", seconds: 22, quick: 0.4, needs: ["data"]),
        .section("5.2", "L2 and L1 regularization", seconds: 23, quick: 0.2, draws: 0, needs: ["data", "5.1"]),
        .section(
            "5.3", "L2 on the full training set, a learning-rate schedule and the update ratio", seconds: 43,
            quick: 0.2,
            needs: ["data"]),
        .section("5.4", "Dropout", seconds: 30, quick: 0.3, draws: 2, needs: ["data"]),
        .section("5.5", "Weight initialization", seconds: 10, quick: 0.3, draws: 2, needs: ["data"]),
        .section("5.6", "Optimizers on a two-dimensional valley", seconds: 0.7, quick: 0.3, draws: 0),
        .section("5.7", "Optimizers on MNIST", seconds: 40, quick: 0.4, needs: ["data"]),
        .section("5.8", "Why deep networks are hard to train", seconds: 6, quick: 0.3, needs: ["data"]),
        .section("5.9", "Batch normalization", seconds: 32, quick: 0.7, needs: ["data"]),
        .section("5.10", "Ensembles: several networks voting", seconds: 36, quick: 0.3, needs: ["data"]),
        .section("5.11", "L1 sparsity: how many weights reach zero", seconds: 3, quick: 0.2, needs: ["data"]),
    ])
}

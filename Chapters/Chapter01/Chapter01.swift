// Chapter 01 — Perceptrons. Run with `swift run Chapter01`; the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct PerceptronsChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter01",
        abstract: "Perceptrons: weighted sums and thresholds, NAND universality, the perceptron rule, XOR.")

    @OptionGroup var options: ChapterOptions

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .section("1.1", "A perceptron weighs evidence", seconds: 0.1, quick: 0.1, draws: 0),
        .section("1.2", "A perceptron that computes NAND", seconds: 0.3, quick: 0.3, draws: 0),
        .section("1.3", "Adders built from NAND perceptrons", seconds: 0.5, quick: 0.5, draws: 0),
        .section("1.4", "Learning: the perceptron rule", seconds: 1, quick: 1),
        .section("1.5", "What one perceptron cannot learn: XOR", seconds: 0.3, quick: 0.3, draws: 0),
        .section("1.6", "Small changes, big jumps", seconds: 0.1, quick: 0.1, draws: 0),
    ])

    func run() throws {
        try ChapterSession.run(number: 1, title: "Perceptrons", options: options, plan: Self.plan) { session in
            session.step("1.1") { weightedSumAndThreshold(session) }
            session.step("1.2") { try nandGate(session) }
            session.step("1.3") { try nandAdders(session) }
            session.step("1.4") { try perceptronRule(session) }
            session.step("1.5") { try xorCannotBeLearned(session) }
            session.step("1.6") { smallChangesFlipOutputs(session) }
        }
    }
}

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

    @OptionGroup(title: "1.4 The perceptron rule") var knobs: PerceptronKnobs

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .section("1.1", "A perceptron weighs evidence", seconds: 0.1, quick: 0.1, draws: 0),
        .section("1.2", "A perceptron that computes NAND", seconds: 0.1, quick: 0.1, draws: 0),
        .section("1.3", "Adders built from NAND perceptrons", seconds: 0.1, quick: 0.1, draws: 0),
        .section("1.4", "Learning: the perceptron rule", seconds: 0.2, quick: 0.2),
        .section("1.5", "What one perceptron cannot learn: XOR", seconds: 0.1, quick: 0.1, draws: 0),
        .section("1.6", "Small changes, big jumps", seconds: 0.1, quick: 0.1, draws: 0),
    ])

    func run() throws {
        try ChapterSession.run(number: 1, title: "Perceptrons", options: options, plan: Self.plan, knobs: knobs) {
            session in
            session.step("1.1") { weightedSumAndThreshold(session) }
            session.step("1.2") { try nandGate(session) }
            session.step("1.3") { try nandAdders(session) }
            session.step("1.4") { try perceptronRule(session, knobs: knobs) }
            session.step("1.5") { try xorCannotBeLearned(session) }
            session.step("1.6") { smallChangesFlipOutputs(session) }
        }
    }
}

/// The knobs of section 1.4, with the notes' values as defaults.
struct PerceptronKnobs: ChapterKnobs {
    @Option(
        name: .customLong("eta"), parsing: .unconditional,
        help: .knob("Learning rate η of the perceptron rule (Eq. 1.3), > 0.", default: 1.0, valueName: "η"),
        transform: { try KnobValues.positive($0, option: "--eta", example: "1 or 0.01") })
    var eta = 1.0

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Smallest distance γ from the true separating line to any point (0 < γ ≤ 2); Novikoff's bound is (R/γ)².",
            default: 0.15, valueName: "γ"),
        transform: {
            try KnobValues.number(
                $0, option: "--margin", in: 0...2, excludingLower: true, interval: "(0, 2], such as 0.15")
        })
    var margin = 0.15

    var settings: [Setting] { [Setting("eta", eta), Setting("margin", margin)] }
}

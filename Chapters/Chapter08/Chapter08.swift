// Chapter 08 — LSTM and GRU: gated recurrent cells, why their gradients survive, and what they
// remember that a plain recurrent network forgets. Run with `swift run Chapter08`; the notes are
// README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct GatedChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter08",
        abstract: "LSTM, GRU and the minimal gated unit: BPTT through gates, long lags, brackets, characters.")

    @OptionGroup var options: ChapterOptions

    @OptionGroup var knobs: GatedKnobs

    func run() throws {
        try ChapterSession.run(
            number: 8, title: "LSTM and GRU", options: options, plan: Self.plan, knobs: knobs
        ) { session in
            // Read the corpus first, so a bad --text path fails before any work.
            let corpus = try Corpus.load(textPath: knobs.character.text, quick: options.quick)
            session.step("8.1") { try lstmCell(session) }
            session.step("8.2") { try gradientChecks(session) }
            session.step("8.3") { try gradientSurvival(session) }
            session.step("8.4") { try longLag(session, knobs: knobs.longLag) }
            let counter = session.step("8.5") { try brackets(session) }
            session.step("8.6") { try bracketGates(session, counter: counter()) }
            let characters = session.step("8.7") {
                try characterModels(session, corpus: corpus, knobs: knobs.character)
            }
            session.step("8.8") { try learnedModel(session, models: characters(), knobs: knobs.learned) }
            session.step("8.9") {
                try stackedModels(session, corpus: corpus, knobs: knobs.character, stack: knobs.stack)
            }
        }
    }

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .section("8.1", "The LSTM cell", seconds: 0.1, quick: 0.1, draws: 0),
        .section("8.2", "Backpropagation through the gates", seconds: 0.2, quick: 0.1, draws: 0),
        .section("8.3", "Why the gradient survives along the cell state", seconds: 0.2, quick: 0.2),
        .section("8.4", "The long-lag experiment", seconds: 190, quick: 1.5, draws: 0),
        .section("8.5", "A cell that counts brackets", seconds: 4, quick: 0.6),
        .section("8.6", "The gates at work", seconds: 0.5, quick: 0.5, draws: 0, needs: ["8.5"]),
        .section("8.7", "Four cells on the character model", seconds: 80, quick: 4),
        .section(
            "8.8", "What the character model has learned", seconds: 15, quick: 1, draws: 3, needs: ["8.7"]),
        .section("8.9", "Stacked layers and dropout between them", seconds: 120, quick: 6),
    ])
}

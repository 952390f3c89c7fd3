// Chapter 07 — Recurrent networks and backpropagation through time. Run with
// `swift run Chapter07`; the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct RecurrentChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter07",
        abstract: "Recurrent networks: unrolling, BPTT, a character model, vanishing and exploding gradients.")

    @OptionGroup var options: ChapterOptions

    @OptionGroup var knobs: RecurrentKnobs

    func run() throws {
        try ChapterSession.run(
            number: 7, title: "Recurrent networks and backpropagation through time", options: options,
            plan: Self.plan, knobs: knobs
        ) {
            session in
            // Read the corpus first, so a bad --text path fails before any work.
            let corpus = try Corpus.load(textPath: knobs.character.text, quick: options.quick)
            session.step("7.1") { try unrolling(session) }
            session.step("7.2") { try backpropagationThroughTime(session) }
            session.step("7.3") { try helloExample(session, knobs: knobs.hello) }
            let model = session.step("7.4") { try characterModel(session, corpus: corpus, knobs: knobs.character) }
            session.step("7.5") { try gradientFlow(session) }
            session.step("7.6") { try hiddenStates(session, model: model()) }
            session.step("7.7") { try wordModel(session, corpus: corpus, knobs: knobs.word) }
            session.step("7.8") { try bidirectionalReading(session, knobs: knobs.bracket) }
            session.step("7.9") { try teacherForcing(session, model: model(), knobs: knobs.forcing) }
        }
    }

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .section("7.1", "A network with a loop, unrolled in time", seconds: 0.2, quick: 0.1, draws: 0),
        .section("7.2", "Backpropagation through time", seconds: 0.1, quick: 0.1),
        .section("7.3", "The character example: \"hello\"", seconds: 0.2, quick: 0.2),
        .section("7.4", "A character-level language model", seconds: 97, quick: 2, draws: 2),
        .section("7.5", "Vanishing and exploding gradients", seconds: 0.2, quick: 0.2),
        .section("7.6", "Hidden-state activations", seconds: 0.4, quick: 0.4, draws: 0, needs: ["7.4"]),
        .section("7.7", "A word-level language model", seconds: 11, quick: 2, draws: 4, quickDraws: 4),
        .section("7.8", "Reading in both directions", seconds: 8, quick: 2, draws: 3),
        .section("7.9", "Teacher forcing and exposure bias", seconds: 2, quick: 0.5, draws: 1, needs: ["7.4"]),
    ])
}

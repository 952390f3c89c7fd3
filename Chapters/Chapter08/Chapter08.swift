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

    func run() throws {
        try ChapterSession.run(number: 8, title: "LSTM and GRU", options: options) { session in
            try lstmCell(session)
            gradientChecks(session)
            try gradientSurvival(session)
            try longLag(session)
            try brackets(session)
        }
    }
}

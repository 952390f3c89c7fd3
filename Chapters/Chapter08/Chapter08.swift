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

    @Option(
        help: ArgumentHelp(
            "A UTF-8 text file for the character model, - for standard input (default: the chapters' own notes; at most 4 MiB are read, 256 KiB with --quick).",
            valueName: "path"))
    var text: String?

    func run() throws {
        try ChapterSession.run(number: 8, title: "LSTM and GRU", options: options) { session in
            // Read the corpus first, so a bad --text path fails before any work.
            let corpus = try Corpus.load(textPath: text, quick: options.quick)
            try lstmCell(session)
            try gradientChecks(session)
            try gradientSurvival(session)
            try longLag(session)
            try brackets(session)
            try characterModels(session, corpus: corpus)
        }
    }
}

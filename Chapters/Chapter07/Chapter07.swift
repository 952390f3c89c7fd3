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

    @Option(
        help: ArgumentHelp(
            "A UTF-8 text file for the character model, - for standard input (default: the chapters' own notes; at most 4 MiB are read, 256 KiB with --quick).",
            valueName: "path"))
    var text: String?

    func run() throws {
        try ChapterSession.run(
            number: 7, title: "Recurrent networks and backpropagation through time", options: options
        ) {
            session in
            // Read the corpus first, so a bad --text path fails before any work.
            let corpus = try Corpus.load(textPath: text, quick: options.quick)
            try unrolling(session)
            try backpropagationThroughTime(session)
            try helloExample(session)
            let model = try characterModel(session, corpus: corpus)
            try gradientFlow(session)
            try hiddenStates(session, model: model)
        }
    }
}

// Chapter 03 — How backpropagation works. Run with `swift run Chapter03`;
// the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct BackpropagationChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter03",
        abstract: "Backpropagation: the four fundamental equations, checked, and the networks they train.")

    @OptionGroup var options: ChapterOptions

    func run() throws {
        try ChapterSession.run(
            number: 3, title: "How backpropagation works", options: options, datasets: [.mnist]
        ) { session in
            notationAndForwardPass(session)
            fundamentalEquations(session)
            loopVersusMatrix(session)
            try computationGraph(session)
            try moonsHiddenUnits(session)
            try circlesDeepNetwork(session)
            try mnistClassic(session)
        }
    }
}

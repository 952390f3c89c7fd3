// Chapter 02 — Sigmoid neurons and gradient descent. Run with `swift run Chapter02`;
// the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct SigmoidNeuronsChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter02",
        abstract: "Sigmoid neurons, activation functions and their derivatives, and gradient descent.")

    @OptionGroup var options: ChapterOptions

    func run() throws {
        try ChapterSession.run(number: 2, title: "Sigmoid neurons and gradient descent", options: options) { session in
            try activationFunctions(session)
            derivativeIdentities(session)
            smoothness(session)
            try gradientDescent(session)
            try computationGraph(session)
        }
    }
}

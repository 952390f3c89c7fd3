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

    func run() throws {
        try ChapterSession.run(number: 1, title: "Perceptrons", options: options) { session in
            weightedSumAndThreshold(session)
            try nandGate(session)
            try nandAdders(session)
            try perceptronRule(session)
            try xorCannotBeLearned(session)
            smallChangesFlipOutputs(session)
        }
    }
}

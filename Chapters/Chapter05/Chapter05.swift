// Chapter 05 — Overfitting, regularization, initialization and optimizers. Run with
// `swift run Chapter05`; the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct RegularizationChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter05",
        abstract: "Overfitting, L2/L1 regularization, dropout, weight initialization and optimizers.")

    @OptionGroup var options: ChapterOptions

    func run() throws {
        try ChapterSession.run(
            number: 5, title: "Overfitting, regularization, initialization and optimizers", options: options,
            datasets: [.mnist]
        ) { session in
            let data = try ChapterData(session)
            let overfit = try overfitting(session, data: data)
            try weightPenalties(session, data: data, baseline: overfit)
            try fullTrainingSet(session, data: data)
            try dropout(session, data: data)
            try initialization(session, data: data)
            try optimizerPaths(session)
            try optimizersOnMNIST(session, data: data)
            try learningSpeeds(session, data: data)
            try batchNormalization(session, data: data)
        }
    }
}

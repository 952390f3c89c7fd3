// The speed knobs of Chapter 06: --shards and --precision parse to what they say, reach every
// training the chapter runs (6.5's network and the LeNets of 6.6–6.9), name their own output
// folder, and bad values are refused in one line.

import ChapterRunner
import NeuralCore
import Testing

@testable import Chapter06

@Suite("Chapter 06 — the speed knobs")
struct SpeedKnobsTests {
    @Test("Defaults: two shards, Double products; the notes' run keeps the committed folder")
    func defaults() throws {
        let knobs = try SpeedKnobs.parse([])
        #expect(knobs.shards == 2 && knobs.precision == .double)
        #expect(knobs.changedSettings.isEmpty)
        #expect(
            RunVariant(knobs: try Chapter06Knobs.parse([]), options: try ChapterOptions.parse([])).folderName == nil)
    }

    @Test("--shards and --precision reach 6.5's network and LeNet's solver, and name the folder")
    func valuesReachTheTrainings() throws {
        let command = try ConvolutionChapter.parse(["--shards", "3", "--precision", "single"])
        #expect(command.knobs.speed.shards == 3 && command.knobs.speed.precision == .single)
        #expect(
            RunVariant(knobs: command.knobs, options: command.options).folderName == "shards-3_precision-single")
        var recipe = NetworkRecipe.notes
        recipe.precision = .single
        var generator = SeededGenerator(seed: 0)
        let network = convolutionalNetwork(height: 28, width: 28, classes: 10, recipe: recipe, using: &generator)
        #expect(network.convolutionPrecision == .single)
        var solver = LeNetSolver()
        solver.precision = .single
        solver.iterations = 1
        solver.testInterval = 1
        let data = LabeledData(SyntheticDigits.generate(count: 64, generator: &generator))
        let lenet = LeNet.network(height: 28, width: 28, classes: 10, using: &generator)
        let run = try LeNet.train(lenet, training: data, test: data, solver: solver, traced: 0, generator: &generator)
        #expect(run.network.convolutionPrecision == .single)
    }

    @Test(
        "Bad values are refused in one line",
        arguments: [
            (["--shards", "0"], "--shards takes a whole number from 1 to 8"),
            (["--shards", "9"], "--shards takes a whole number from 1 to 8"),
            (["--precision", "half"], "half"),
        ])
    func badValues(arguments: [String], message: String) {
        do {
            _ = try SpeedKnobs.parse(arguments)
            Issue.record("\(arguments) should be refused")
        } catch {
            let text = SpeedKnobs.message(for: error)
            #expect(text.contains(message), "\(arguments): \(text)")
            #expect(!text.contains("\n"), "one line: \(text)")
        }
    }
}

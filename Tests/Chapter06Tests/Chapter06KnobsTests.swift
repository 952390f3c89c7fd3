// The knobs of section 6.5: every option parses to what it says or is refused in one line,
// --dropout is --keep 0.5, a changed knob names its own folder and changes the network, and
// --only 6.5 reproduces the whole quick run.

import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter06

/// A quick run of the chapter with `arguments`, and the folder its variant names.
func quickRun06(_ arguments: [String], name: String = #function) throws -> URL {
    let folder = try TestPaths.scratchFolder(name)
    // The shared data named outright, so a run without WORKBOOK_DATA reads the same files.
    let data = SharedData.folder.map { ["--data", $0.path] } ?? []
    let command = try ConvolutionChapter.parse(["--quick", "--out", folder.path] + data + arguments)
    try command.run()
    let variant = RunVariant(knobs: command.knobs, options: command.options).folderName
    return folder.appendingPathComponent("Chapter06").appendingPathComponent(variant ?? "")
}

@Suite("Chapter 06 — the knobs of 6.5")
struct Chapter06KnobsTests {
    @Test("The defaults are the notes' recipe, and the notes' run writes the committed folder")
    func defaults() throws {
        let knobs = try NetworkKnobs.parse([])
        #expect(knobs.recipe == .notes)
        #expect(knobs.recipe.filters == [20, 40] && knobs.recipe.kernel == 5 && knobs.recipe.hidden == [100])
        #expect(knobs.recipe.learningRate == 0.02 && knobs.recipe.momentum == 0.9 && knobs.recipe.batchSize == 64)
        #expect(knobs.recipe.decay == 0.3 && knobs.recipe.decayEvery == 3 && knobs.recipe.lambda == 5)
        #expect(!knobs.recipe.hasDropout)
        #expect(knobs.changedSettings.isEmpty)
        #expect(RunVariant(knobs: knobs, options: try ChapterOptions.parse([])).folderName == nil)
        // The notes' architecture, built from the recipe.
        var generator = SeededGenerator(seed: 0)
        let network = convolutionalNetwork(height: 28, width: 28, classes: 10, recipe: .notes, using: &generator)
        #expect(network.parameterCount == 85_670)
    }

    @Test("Good values parse to what they say")
    func goodValues() throws {
        let knobs = try NetworkKnobs.parse([
            "--eta", "0.05", "--batch", "32", "--momentum", "0", "--decay", "1", "--decay-every", "2",
            "--lambda", "0", "--filters", "8,16,32", "--kernel", "3", "--hidden", "50,20", "--keep", "0.7",
            "--dataset", "fashion",
        ])
        let recipe = knobs.recipe
        #expect(recipe.learningRate == 0.05 && recipe.batchSize == 32 && recipe.momentum == 0)
        #expect(recipe.decay == 1 && recipe.decayEvery == 2 && recipe.lambda == 0 && recipe.regularization == .none)
        #expect(recipe.filters == [8, 16, 32] && recipe.kernel == 3 && recipe.hidden == [50, 20])
        #expect(recipe.keep == 0.7 && knobs.dataset == .fashion)
        // 28 → 26 → 13 → 11 → 5 → 3 → 1.
        #expect(recipe.mapSides(input: 28) == [13, 5, 1])
    }

    @Test("--dropout is --keep 0.5: the same recipe, settings and folder")
    func dropoutFlag() throws {
        let options = try ChapterOptions.parse([])
        let flag = try NetworkKnobs.parse(["--dropout"])
        let keep = try NetworkKnobs.parse(["--keep", "0.5"])
        #expect(flag.recipe == keep.recipe && flag.recipe.keep == 0.5)
        #expect(flag.settings == keep.settings)
        #expect(RunVariant(knobs: flag, options: options).folderName == "keep-0.5")
        #expect(RunVariant(knobs: keep, options: options).folderName == "keep-0.5")
        #expect(try NetworkKnobs.parse(["--dropout", "--keep", "0.5"]).recipe.keep == 0.5)
        var generator = SeededGenerator(seed: 0)
        let network = convolutionalNetwork(height: 28, width: 28, classes: 10, recipe: flag.recipe, using: &generator)
        #expect(network.layers.contains { ($0 as? Dropout)?.keep == 0.5 })
    }

    @Test(
        "Bad values and impossible combinations are refused in one line",
        arguments: [
            (["--eta", "0"], "--eta takes a positive number"),
            (["--eta", "fast"], "--eta takes a positive number"),
            (["--batch", "0"], "--batch takes a whole number from 1 to 1000"),
            (["--momentum", "1"], "--momentum takes a number in [0, 0.999]"),
            (["--decay", "0"], "--decay takes a number in (0, 1]"),
            (["--decay", "2"], "--decay takes a number in (0, 1]"),
            (["--decay-every", "0"], "--decay-every takes a whole number from 1 to 100"),
            (["--lambda", "-5"], "--lambda takes a number zero or larger"),
            (["--filters", "0"], "--filters takes 1 to 3 kernel counts"),
            (["--filters", "8,16,32,64"], "--filters takes 1 to 3 kernel counts"),
            (["--kernel", "0"], "--kernel takes a whole number from 1 to 13"),
            (["--kernel", "13"], "shrinks the 28 × 28 image to nothing"),
            (["--filters", "8,8,8", "--kernel", "5"], "shrinks the 28 × 28 image to nothing"),
            (["--hidden", "0"], "--hidden takes up to 3 layer sizes"),
            (["--keep", "0"], "--keep takes a number in (0, 1]"),
            (["--dropout", "--keep", "0.3"], "--dropout is --keep 0.5"),
            (["--dataset", "cifar"], "cifar"),
        ])
    func badValues(arguments: [String], message: String) {
        do {
            _ = try NetworkKnobs.parse(arguments)
            Issue.record("\(arguments) should be refused")
        } catch {
            let text = NetworkKnobs.message(for: error)
            #expect(text.contains(message), "\(arguments): \(text)")
            #expect(!text.contains("\n"), "one line: \(text)")
        }
    }

    @Test("A changed knob is recorded and names the output folder; fashion keeps the committed name")
    func changedKnobsNameTheFolder() throws {
        let options = try ChapterOptions.parse([])
        let eta = try NetworkKnobs.parse(["--eta", "0.05", "--filters", "8,16"])
        #expect(eta.changedSettings.map(\.option) == ["eta", "filters"])
        #expect(RunVariant(knobs: eta, options: options).folderName == "eta-0.05_filters-8,16")
        #expect(
            RunVariant(knobs: try NetworkKnobs.parse(["--dataset", "fashion"]), options: options).folderName
                == "fashion")
    }

    @Test("--only 6.5 runs exactly 6.5 with the whole quick run's values; other knobs change the network")
    func onlyAndChangedKnobs() throws {
        let whole = try ChapterRunCheck.results(in: quickRun06([]))
        let only = try ChapterRunCheck.results(in: quickRun06(["--only", "6.5"]))
        #expect(only.keys.allSatisfy { $0.hasPrefix("network.") || $0.hasPrefix("dense.") })
        #expect(Set(only.keys) == Set(whole.keys.filter { $0.hasPrefix("network.") || $0.hasPrefix("dense.") }))
        for (key, value) in only { #expect(whole[key] == value, "\(key)") }

        let small = try ChapterRunCheck.results(
            in: quickRun06(["--only", "6.5", "--filters", "8,16", "--kernel", "3"]))
        // 8·9 + 8 + 16·72 + 16 kernel weights and biases, 400·100 + 100 + 100·10 + 10 dense.
        #expect(small["network.parameters"] == .integer(80 + 1_168 + 40_100 + 1_010))
        #expect(small["network.testAccuracy"] != whole["network.testAccuracy"])
    }

    @Test(
        "--dataset fashion --quick --dropout runs 6.5 on Fashion-MNIST in its own folder",
        .enabled(if: SharedData.has(.fashion), "the Fashion-MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func fashionQuickRun() throws {
        let folder = try quickRun06(["--dataset", "fashion", "--dropout", "--only", "6.5"])
        #expect(folder.lastPathComponent == "fashion_keep-0.5_only-6.5")
        let results = try ChapterRunCheck.results(in: folder)
        #expect(results["network.parameters"] == .integer(85_670))
        guard case .number(let accuracy)? = results["network.testAccuracy"] else {
            Issue.record("no test accuracy")
            return
        }
        #expect(accuracy > 0.3)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("confusion.png").path))
    }
}

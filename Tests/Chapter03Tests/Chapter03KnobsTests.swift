import ArgumentParser
import ChapterRunner
import Foundation
import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — the knobs of 3.5–3.7 parse, validate, name the folder and reach the training")
struct Chapter03KnobsTests {
    @Test("The defaults are the notes' values, change nothing and write the committed folder")
    func defaults() throws {
        let knobs = try BackpropKnobs.parse([])
        #expect(knobs.moons.hiddenSizes == MoonsExperiment.hiddenSizes && knobs.moons.eta == 0.3)
        #expect(knobs.circles.sizes == CirclesExperiment.sizes && knobs.circles.eta == 0.1)
        #expect(knobs.mnist.eta == 3 && knobs.mnist.batch == 10 && knobs.mnist.hidden == [30])
        #expect(knobs.mnist.wideHidden == [100] && knobs.mnist.dataset == .mnist)
        #expect(knobs.mnist.hiddenActivation == .sigmoid && knobs.mnist.output == .sigmoid)
        #expect(knobs.mnist.cost == .quadratic && knobs.mnist.initialization == .standard)
        #expect(knobs.mnist.isClassicTraining)
        #expect(knobs.changedSettings.isEmpty)
        #expect(RunVariant(knobs: knobs, options: try ChapterOptions.parse([])).folderName == nil)
    }

    @Test("Good values parse to what they say")
    func goodValues() throws {
        let knobs = try BackpropKnobs.parse([
            "--eta", "100", "--batch", "20", "--hidden", "100,30", "--wide-hidden", "50", "--hidden-activation",
            "relu", "--output", "softmax", "--cost", "log-likelihood", "--init", "he", "--dataset", "fashion",
            "--moons-hidden", "1,8", "--moons-eta", "1", "--circles-hidden", "8,8", "--circles-eta", "0.5",
        ])
        #expect(knobs.mnist.eta == 100 && knobs.mnist.batch == 20 && knobs.mnist.hidden == [100, 30])
        #expect(knobs.mnist.wideHidden == [50] && knobs.mnist.hiddenActivation == .relu)
        #expect(knobs.mnist.output == .softmax && knobs.mnist.cost == .logLikelihood)
        #expect(knobs.mnist.initialization == .he && knobs.mnist.dataset == .fashion)
        #expect(knobs.moons.hiddenSizes == [1, 8] && knobs.moons.eta == 1)
        #expect(knobs.circles.sizes == [2, 8, 8, 1] && knobs.circles.eta == 0.5)
        #expect(!knobs.mnist.isClassicTraining)
        let training = knobs.mnist.training
        #expect(training.eta == 100 && training.batchSize == 20 && training.output == .softmax)
        #expect(training.hiddenActivation == .relu && training.initialization == .he)
    }

    @Test(
        "Bad values and the refused pairing throw",
        arguments: [
            ["--eta", "0"], ["--eta", "x"], ["--eta", "inf"], ["--batch", "0"], ["--batch", "2.5"],
            ["--hidden", "0"], ["--hidden", "30,"], ["--wide-hidden", "-3"], ["--hidden-activation", "step"],
            ["--output", "tanh"], ["--cost", "hinge"], ["--init", "zeros"], ["--dataset", "cifar"],
            ["--moons-hidden", "501"], ["--moons-eta", "-1"], ["--circles-hidden", ""], ["--circles-eta", "0"],
            ["--recipe-eta", "0"], ["--recipe-epochs", "0"], ["--recipe-epochs", "2001"], ["--recipe-hidden", "0"],
            ["--cost", "log-likelihood"], ["--cost", "log-likelihood", "--output", "sigmoid"],
        ])
    func badValues(arguments: [String]) {
        #expect(throws: (any Error).self) { try BackpropKnobs.parse(arguments) }
    }

    @Test("log-likelihood after softmax outputs is accepted; after sigmoid outputs it is refused, saying why")
    func pairings() throws {
        _ = try BackpropKnobs.parse(["--cost", "log-likelihood", "--output", "softmax"])
        _ = try BackpropKnobs.parse(["--cost", "quadratic", "--output", "softmax"])
        _ = try BackpropKnobs.parse(["--cost", "cross-entropy", "--output", "softmax"])
        #expect(pairingRefusal(cost: .logLikelihood, output: .sigmoid)?.contains("--output softmax") == true)
        #expect(pairingRefusal(cost: .crossEntropy, output: .sigmoid) == nil)
    }

    @Test("A changed knob is recorded and names the output folder")
    func folders() throws {
        let options = try ChapterOptions.parse([])
        let changed = try BackpropKnobs.parse(["--eta", "100", "--hidden", "100"])
        #expect(changed.changedSettings.map(\.option) == ["eta", "hidden"])
        #expect(RunVariant(knobs: changed, options: options).folderName == "eta-100_hidden-100")
        #expect(changed.settings.contains(Setting("eta", 100.0)))
        let fashion = try BackpropKnobs.parse(["--dataset", "fashion"])
        #expect(RunVariant(knobs: fashion, options: options).folderName == "fashion")
        let moons = try BackpropKnobs.parse(["--moons-hidden", "1,8"])
        #expect(RunVariant(knobs: moons, options: options).folderName == "moons-hidden-1,8")
    }

    /// The arguments that point a run at the real data when it is there.
    static var data: [String] { SharedData.folder.map { ["--data", $0.path] } ?? [] }

    @Test("--only 3.5 and 3.6 give exactly their results, equal to a whole quick run's; a changed η changes them")
    func onlySections() throws {
        let folder = try TestPaths.scratchFolder()
        try BackpropagationChapter.parse(["--quick", "--out", folder.path] + Self.data).run()
        let whole = try ChapterRunCheck.learnedResults(in: folder.appendingPathComponent("Chapter03"))
        for (section, prefix) in [("3.5", "moons."), ("3.6", "circles.")] {
            try BackpropagationChapter.parse(["--quick", "--only", section, "--out", folder.path]).run()
            let alone = try ChapterRunCheck.learnedResults(
                in: folder.appendingPathComponent("Chapter03/only-\(section)"))
            #expect(!alone.isEmpty && alone.keys.allSatisfy { $0.hasPrefix(prefix) }, "\(alone.keys.sorted())")
            #expect(alone == whole.filter { $0.key.hasPrefix(prefix) })
        }
        try BackpropagationChapter.parse([
            "--quick", "--only", "3.6", "--circles-eta", "0.5", "--out", folder.path,
        ]).run()
        let faster = try ChapterRunCheck.learnedResults(
            in: folder.appendingPathComponent("Chapter03/circles-eta-0.5_only-3.6"))
        #expect(faster["circles.finalCost"] != nil && faster["circles.finalCost"] != whole["circles.finalCost"])
    }

    @Test(
        "--dataset fashion --quick trains 3.7 on Fashion-MNIST, in its own folder",
        .enabled(if: SharedData.has(.fashion), "Fashion-MNIST is not in ../shared/data or WORKBOOK_DATA"))
    func fashion() throws {
        let folder = try TestPaths.scratchFolder()
        try BackpropagationChapter.parse(["--quick", "--dataset", "fashion", "--out", folder.path] + Self.data).run()
        let results = try ChapterRunCheck.learnedResults(in: folder.appendingPathComponent("Chapter03/fashion"))
        guard case .number(let accuracy)? = results["mnist.h30.testAccuracy"] else {
            Issue.record("results.json lacks the Fashion-MNIST accuracy")
            return
        }
        #expect(accuracy > 0.3, "two quick epochs on Fashion-MNIST should beat guessing: \(accuracy)")
    }

    @Test(
        "--only 3.7 --cost cross-entropy --output softmax trains another network than the notes'",
        .enabled(if: SharedData.has(.mnist), "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func mnistKnobsReachTraining() throws {
        let folder = try TestPaths.scratchFolder()
        try BackpropagationChapter.parse(["--quick", "--only", "3.7", "--out", folder.path] + Self.data).run()
        try BackpropagationChapter.parse(
            ["--quick", "--only", "3.7", "--eta", "0.5", "--hidden", "20", "--out", folder.path] + Self.data
        ).run()
        let notes = try ChapterRunCheck.learnedResults(in: folder.appendingPathComponent("Chapter03/only-3.7"))
        let changed = try ChapterRunCheck.learnedResults(
            in: folder.appendingPathComponent("Chapter03/eta-0.5_hidden-20_only-3.7"))
        #expect(notes["mnist.h30.testAccuracy"] != nil && changed["mnist.h20.testAccuracy"] != nil)
        #expect(notes["mnist.h30.testAccuracy"] != changed["mnist.h20.testAccuracy"])
        #expect(notes.keys.allSatisfy { $0.hasPrefix("mnist.") })
    }
}

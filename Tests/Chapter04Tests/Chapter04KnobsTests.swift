import ArgumentParser
import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter04

@Suite("Chapter 04 — the knobs of 4.1 and 4.6 parse, validate, name the folder and reach the training")
struct Chapter04KnobsTests {
    @Test("The defaults are the notes' values and give the notes' six runs")
    func defaults() throws {
        let knobs = try CrossEntropyKnobs.parse([])
        #expect(knobs.slowdown.eta == SlowdownSetting.eta && knobs.slowdown.starts == SlowdownSetting.starts)
        #expect(knobs.mnist.eta == 0.5 && knobs.mnist.quadraticEta == 3 && knobs.mnist.batch == 10)
        #expect(knobs.mnist.hidden == [30, 100] && knobs.mnist.cost == .none && knobs.mnist.dataset == .mnist)
        let setups = MNISTSetup.comparison(knobs.mnist)
        #expect(setups.map(\.key) == MNISTSetup.all.map(\.key))
        #expect(setups.map(\.label) == MNISTSetup.all.map(\.label))
        #expect(setups.map(\.eta) == MNISTSetup.all.map(\.eta))
        #expect(setups.map(\.sizes) == MNISTSetup.all.map(\.sizes))
        #expect(knobs.changedSettings.isEmpty)
        #expect(RunVariant(knobs: knobs, options: try ChapterOptions.parse([])).folderName == nil)
    }

    @Test("Good values parse to what they say and reach the runs of 4.6")
    func goodValues() throws {
        let knobs = try CrossEntropyKnobs.parse([
            "--neuron-eta", "1", "--neuron-start", "3,-1", "--eta", "0.1", "--quadratic-eta", "1", "--batch", "50",
            "--hidden", "20,200", "--cost", "quadratic", "--output", "softmax", "--dataset", "fashion",
        ])
        #expect(knobs.slowdown.eta == 1 && knobs.slowdown.starts[1] == OneNeuron(w: 3, b: -1))
        #expect(knobs.mnist.eta == 0.1 && knobs.mnist.quadraticEta == 1 && knobs.mnist.batch == 50)
        #expect(knobs.mnist.hidden == [20, 200] && knobs.mnist.dataset == .fashion)
        let setups = MNISTSetup.comparison(knobs.mnist)
        #expect(setups.count == 8)
        #expect(setups[0].eta == 1 && setups[0].sizes == [784, 20, 10] && setups[0].key == "quadratic-20")
        #expect(setups[1].key == "quadratic-20-eta0.1" && setups[4].key == "cross-entropy-200")
        #expect(setups.dropFirst().allSatisfy { $0.eta == 0.1 })
        #expect(setups[6].output == .softmax && setups[6].cost is QuadraticCost)
        #expect(setups.suffix(2).map(\.key) == ["softmax-quadratic-20", "softmax-quadratic-200"])
    }

    @Test(
        "Bad values throw",
        arguments: [
            ["--neuron-eta", "0"], ["--neuron-eta", "fast"], ["--neuron-start", "2"], ["--neuron-start", "11,0"],
            ["--neuron-start", "a,b"], ["--eta", "0"], ["--quadratic-eta", "nan"], ["--batch", "0"],
            ["--batch", "10001"], ["--hidden", "30"], ["--hidden", "100,30"], ["--hidden", "30,30"],
            ["--hidden", "0,10"], ["--cost", "hinge"], ["--output", "relu"], ["--dataset", "cifar"],
        ])
    func badValues(arguments: [String]) {
        #expect(throws: (any Error).self) { try CrossEntropyKnobs.parse(arguments) }
    }

    @Test(
        "Pairings 4.6 cannot add are refused, saying why",
        arguments: [
            (ExtraCost.none, ExtraOutput.softmax, "give a cost too"),
            (.logLikelihood, .sigmoid, "needs --output softmax"),
            (.quadratic, .sigmoid, "already one of 4.6's runs"),
            (.crossEntropy, .sigmoid, "already one of 4.6's runs"),
            (.logLikelihood, .softmax, "already one of 4.6's runs"),
        ])
    func refusedPairings(cost: ExtraCost, output: ExtraOutput, reason: String) {
        #expect(ComparisonKnobs.refusal(cost: cost, output: output)?.contains(reason) == true)
        #expect(throws: (any Error).self) {
            try CrossEntropyKnobs.parse(["--cost", cost.rawValue, "--output", output.rawValue])
        }
    }

    @Test("Softmax outputs with the quadratic cost or the cross-entropy are accepted")
    func acceptedPairings() throws {
        _ = try CrossEntropyKnobs.parse(["--cost", "quadratic", "--output", "softmax"])
        _ = try CrossEntropyKnobs.parse(["--cost", "cross-entropy", "--output", "softmax"])
    }

    @Test("A changed knob is recorded and names the output folder")
    func folders() throws {
        let options = try ChapterOptions.parse([])
        let changed = try CrossEntropyKnobs.parse(["--neuron-eta", "1", "--batch", "50"])
        #expect(changed.changedSettings.map(\.option) == ["neuron-eta", "batch"])
        #expect(RunVariant(knobs: changed, options: options).folderName == "neuron-eta-1_batch-50")
        let fashion = try CrossEntropyKnobs.parse(["--dataset", "fashion"])
        #expect(RunVariant(knobs: fashion, options: options).folderName == "fashion")
    }

    static var data: [String] { Chapter04Data.folder.map { ["--data", $0.path] } ?? [] }

    @Test("--only 4.1 gives exactly its results, equal to a whole quick run's; --neuron-eta changes them")
    func onlySlowdown() throws {
        let folder = try TestPaths.scratchFolder()
        try CrossEntropyChapter.parse(["--quick", "--out", folder.path] + Self.data).run()
        let whole = try ChapterRunCheck.learnedResults(in: folder.appendingPathComponent("Chapter04"))
        try CrossEntropyChapter.parse(["--quick", "--only", "4.1", "--out", folder.path]).run()
        let alone = try ChapterRunCheck.learnedResults(in: folder.appendingPathComponent("Chapter04/only-4.1"))
        #expect(!alone.isEmpty && alone.keys.allSatisfy { $0.hasPrefix("slowdown.") }, "\(alone.keys.sorted())")
        #expect(alone == whole.filter { $0.key.hasPrefix("slowdown.") })
        try CrossEntropyChapter.parse(["--quick", "--only", "4.1", "--neuron-eta", "1", "--out", folder.path]).run()
        let faster = try ChapterRunCheck.learnedResults(
            in: folder.appendingPathComponent("Chapter04/neuron-eta-1_only-4.1"))
        let key = "slowdown.saturated.quadraticDropFirst30"
        #expect(faster[key] != nil && faster[key] != whole[key])
    }

    @Test(
        "--only 4.6 --cost quadratic --output softmax adds two runs to the notes' six",
        .enabled(if: Chapter04Data.hasMNIST, "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func extraPairing() throws {
        let folder = try TestPaths.scratchFolder()
        try CrossEntropyChapter.parse(
            ["--quick", "--only", "4.6", "--cost", "quadratic", "--output", "softmax", "--out", folder.path]
                + Self.data
        ).run()
        let results = try ChapterRunCheck.learnedResults(
            in: folder.appendingPathComponent("Chapter04/cost-quadratic_output-softmax_only-4.6"))
        #expect(results["mnist.softmax-quadratic-30.testAccuracy"] != nil)
        #expect(results["mnist.softmax-quadratic-100.testAccuracy"] != nil)
        #expect(results["mnist.cross-entropy-30.testAccuracy"] != nil)
        #expect(results.keys.allSatisfy { $0.hasPrefix("mnist.") })
    }

    @Test(
        "--dataset fashion --quick runs the chapter on Fashion-MNIST, in its own folder",
        .enabled(if: SharedData.has(.fashion), "Fashion-MNIST is not in ../shared/data or WORKBOOK_DATA"))
    func fashion() throws {
        let folder = try TestPaths.scratchFolder()
        try CrossEntropyChapter.parse(["--quick", "--dataset", "fashion", "--out", folder.path] + Self.data).run()
        let results = try ChapterRunCheck.learnedResults(in: folder.appendingPathComponent("Chapter04/fashion"))
        guard case .number(let accuracy)? = results["mnist.cross-entropy-100.testAccuracy"] else {
            Issue.record("results.json lacks the Fashion-MNIST accuracy")
            return
        }
        #expect(accuracy > 0.3, "two quick epochs on Fashion-MNIST should beat guessing: \(accuracy)")
    }
}

// The knobs of Chapter 05: every option parses to what it says or is refused in one line, a
// changed knob names its own folder and changes the training, and --only reproduces the run.

import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter05

/// A quick run of the chapter with `arguments`, and the folder its variant names.
func quickRun05(_ arguments: [String], name: String = #function) throws -> URL {
    let folder = try TestPaths.scratchFolder(name)
    // The shared data named outright, so a run without WORKBOOK_DATA reads the same files.
    let data = SharedData.folder.map { ["--data", $0.path] } ?? []
    let command = try RegularizationChapter.parse(["--quick", "--out", folder.path] + data + arguments)
    try command.run()
    let variant = RunVariant(knobs: command.knobs, options: command.options).folderName
    return folder.appendingPathComponent("Chapter05").appendingPathComponent(variant ?? "")
}

/// One whole quick run with the default knobs, shared by the tests that compare with it.
enum WholeQuickRun05 {
    struct Failure: Error, Sendable { let message: String }

    static let folder: Result<URL, Failure> = {
        do { return .success(try quickRun05([], name: "wholeQuickRun05")) } catch {
            return .failure(Failure(message: "\(error)"))
        }
    }()

    static func results() throws -> [String: JSONValue] { try ChapterRunCheck.results(in: folder.get()) }
}

@Suite("Chapter 05 — the knobs of 5.1–5.7 and --dataset")
struct Chapter05KnobsTests {
    @Test("The defaults are the notes' values, and the notes' run writes the committed folder")
    func defaults() throws {
        let knobs = try RegularizationKnobs.parse([])
        #expect(knobs.dataset == .mnist)
        #expect(knobs.small.eta == 0.5 && knobs.small.batchSize == 10 && knobs.small.sizes == [784, 30, 10])
        #expect(knobs.small.penalty == .l2 && knobs.small.lambda == 0.1)
        #expect(knobs.full.eta == 0.1 && knobs.full.sizes == [784, 100, 10] && knobs.full.lambda == 5)
        #expect(knobs.full.schedule == .halve && knobs.full.patience == 3 && knobs.full.batchSize == 10)
        #expect(knobs.dropout.keep == 0.5 && knobs.dropout.eta == 0.5 && knobs.dropout.sizes == [784, 100, 10])
        #expect(knobs.initialization.choice == .scaled && knobs.initialization.eta == 0.1)
        #expect(knobs.optimizers.constants == .notes && knobs.optimizers.batchSize == 10)
        #expect(OptimizerChoice.allCases.allSatisfy { knobs.optimizers.rate($0) == $0.mnistRate })
        #expect(knobs.changedSettings.isEmpty)
        #expect(RunVariant(knobs: knobs, options: try ChapterOptions.parse([])).folderName == nil)
    }

    @Test("Good values parse to what they say")
    func goodValues() throws {
        let knobs = try RegularizationKnobs.parse([
            "--dataset", "fashion", "--small-eta", "0.1", "--small-batch", "20", "--small-hidden", "100,30",
            "--penalty", "l1", "--small-lambda", "2", "--full-eta", "0.25", "--full-batch", "50",
            "--full-hidden", "30", "--full-penalty", "l1", "--full-lambda", "0", "--schedule", "constant",
            "--patience", "5", "--keep", "0.8", "--dropout-eta", "0.1", "--dropout-hidden", "50",
            "--init", "he", "--init-eta", "0.3", "--momentum", "0.5", "--rho", "0.99", "--beta1", "0.8",
            "--beta2", "0.99", "--epsilon", "1e-6", "--optimizer-eta", "adam=0.01,sgd=0.5",
            "--optimizer-batch", "32",
        ])
        #expect(knobs.dataset == .fashion)
        #expect(knobs.small.eta == 0.1 && knobs.small.batchSize == 20 && knobs.small.sizes == [784, 100, 30, 10])
        #expect(knobs.small.penalty == .l1 && knobs.small.lambda == 2)
        #expect(knobs.full.eta == 0.25 && knobs.full.batchSize == 50 && knobs.full.sizes == [784, 30, 10])
        #expect(knobs.full.penalty == .l1 && knobs.full.lambda == 0)
        #expect(knobs.full.schedule == .constant && knobs.full.patience == 5)
        #expect(knobs.dropout.keep == 0.8 && knobs.dropout.eta == 0.1 && knobs.dropout.hidden == [50])
        #expect(knobs.initialization.choice.weights == .he && knobs.initialization.eta == 0.3)
        #expect(
            knobs.optimizers.constants
                == OptimizerConstants(momentum: 0.5, decay: 0.99, beta1: 0.8, beta2: 0.99, epsilon: 1e-6))
        #expect(knobs.optimizers.rate(.adam) == 0.01 && knobs.optimizers.rate(.sgd) == 0.5)
        #expect(knobs.optimizers.rate(.rmsprop) == OptimizerChoice.rmsprop.mnistRate)
        #expect(knobs.optimizers.batchSize == 32)
        // The pairs are kept in the chapter's order, so either spelling names the same folder.
        #expect(knobs.optimizers.rates == ["sgd=0.5", "adam=0.01"])
    }

    @Test(
        "Bad values and impossible combinations are refused in one line",
        arguments: [
            (["--small-eta", "0"], "--small-eta takes a positive number"),
            (["--members", "0"], "--members takes a whole number from 1 to 20"),
            (["--member-epochs", "101"], "--member-epochs takes a whole number from 1 to 100"),
            (["--sparsity-lambda", "0"], "--sparsity-lambda takes a positive number"),
            (["--sparsity-epochs", "1.5"], "--sparsity-epochs takes a whole number"),
            (["--small-eta", "fast"], "--small-eta takes a positive number"),
            (["--full-eta", "inf"], "--full-eta takes a positive number"),
            (["--dropout-eta", "0"], "--dropout-eta takes a positive number"),
            (["--init-eta", "nan"], "--init-eta takes a positive number"),
            (["--small-batch", "0"], "--small-batch takes a whole number from 1 to 1000"),
            (["--full-batch", "2.5"], "--full-batch takes a whole number"),
            (["--optimizer-batch", "5000"], "--optimizer-batch takes a whole number"),
            (["--small-hidden", "0"], "--small-hidden takes up to 4 layer sizes"),
            (["--full-hidden", "30,,10"], "--full-hidden takes up to 4 layer sizes"),
            (["--dropout-hidden", "1,2,3,4,5"], "--dropout-hidden takes up to 4 layer sizes"),
            (["--small-lambda", "-1"], "--small-lambda takes a number zero or larger"),
            (["--full-lambda", "x"], "--full-lambda takes a number zero or larger"),
            (["--penalty", "l3"], "l3"),
            (["--schedule", "cosine"], "cosine"),
            (["--patience", "0"], "--patience takes a whole number from 1 to 100"),
            (["--keep", "0"], "--keep takes a number in (0, 1]"),
            (["--keep", "1.5"], "--keep takes a number in (0, 1]"),
            (["--keep", "1"], "--keep 1 keeps every unit"),
            (["--init", "standard"], "standard"),
            (["--momentum", "1"], "--momentum takes a number in [0, 0.999]"),
            (["--rho", "-0.1"], "--rho takes a number in [0, 0.999]"),
            (["--beta1", "1"], "--beta1 and --beta2 must be below 1"),
            (["--beta2", "1.5"], "--beta2 takes a number in [0, 1)"),
            (["--epsilon", "0"], "--epsilon takes a positive number"),
            (["--optimizer-eta", "adam"], "--optimizer-eta takes rule=η pairs"),
            (["--optimizer-eta", "lion=0.1"], "--optimizer-eta takes rule=η pairs"),
            (["--optimizer-eta", "adam=0.1,adam=0.2"], "--optimizer-eta takes rule=η pairs"),
            (["--optimizer-eta", "sgd=-1"], "--optimizer-eta takes rule=η pairs"),
            (["--dataset", "cifar"], "cifar"),
        ])
    func badValues(arguments: [String], message: String) {
        do {
            _ = try RegularizationKnobs.parse(arguments)
            Issue.record("\(arguments) should be refused")
        } catch {
            let text = RegularizationKnobs.message(for: error)
            #expect(text.contains(message), "\(arguments): \(text)")
            #expect(!text.contains("\n"), "one line: \(text)")
        }
    }

    @Test("A changed knob is recorded and names the output folder")
    func changedKnobsNameTheFolder() throws {
        let options = try ChapterOptions.parse([])
        let keep = try RegularizationKnobs.parse(["--keep", "0.8"])
        #expect(keep.changedSettings.map(\.option) == ["keep"])
        #expect(keep.settings.first { $0.option == "keep" }?.value == "0.8")
        #expect(RunVariant(knobs: keep, options: options).folderName == "keep-0.8")
        let fashion = try RegularizationKnobs.parse(["--init", "he", "--dataset", "fashion"])
        #expect(RunVariant(knobs: fashion, options: options).folderName == "fashion_init-he")
        let rates = try RegularizationKnobs.parse(["--optimizer-eta", "adam=0.01"])
        #expect(
            RunVariant(knobs: rates, options: options).commandLine
                == "--optimizer-eta sgd=0.1,momentum=0.01,nesterov=0.01,adagrad=0.05,rmsprop=0.001,adam=0.01")
        // The default value typed out is no change.
        #expect(try RegularizationKnobs.parse(["--small-eta", "0.5"]).changedSettings.isEmpty)
        #expect(try RegularizationKnobs.parse(["--optimizer-eta", "adam=0.001"]).changedSettings.isEmpty)
        #expect(RunVariant(knobs: rates, options: options).folderName == "optimizer-eta-adam-0.01")
    }

    @Test("--only 5.4 runs exactly 5.4, with the values of the whole quick run")
    func onlyReproducesTheWholeRun() throws {
        let whole = try WholeQuickRun05.results()
        let only = try ChapterRunCheck.results(in: quickRun05(["--only", "5.4"]))
        #expect(
            Set(only.keys) == ["dropout.expectationDeviation", "dropout.testAccuracy", "dropout.withoutTestAccuracy"])
        for (key, value) in only { #expect(whole[key] == value, "\(key)") }
    }

    @Test("--only 5.2 runs 5.1 first, and both give the whole quick run's values")
    func onlyWithItsNeeds() throws {
        let whole = try WholeQuickRun05.results()
        let only = try ChapterRunCheck.results(in: quickRun05(["--only", "5.2"]))
        let prefixes = ["overfitting.", "penalty.", "l2Small."]
        #expect(only.keys.allSatisfy { key in prefixes.contains { key.hasPrefix($0) } })
        #expect(only.keys.contains("l2Small.testAccuracy") && only.keys.contains("overfitting.testAccuracy"))
        for (key, value) in only { #expect(whole[key] == value, "\(key)") }
    }

    @Test("A changed knob changes the training")
    func knobsChangeTheTraining() throws {
        let whole = try WholeQuickRun05.results()
        let keep = try ChapterRunCheck.results(in: quickRun05(["--only", "5.4", "--keep", "0.8"]))
        // The run without dropout is the same; the run with it is not.
        #expect(keep["dropout.withoutTestAccuracy"] == whole["dropout.withoutTestAccuracy"])
        #expect(keep["dropout.testAccuracy"] != whole["dropout.testAccuracy"])
        let eta = try ChapterRunCheck.results(in: quickRun05(["--only", "5.5", "--init-eta", "0.5", "--init", "he"]))
        #expect(eta["initialization.firstEpochScaled"] != whole["initialization.firstEpochScaled"])
        let adam = try ChapterRunCheck.results(in: quickRun05(["--only", "5.7", "--optimizer-eta", "adam=0.01"]))
        #expect(adam["mnistOptimizers.SGD.testAccuracy"] == whole["mnistOptimizers.SGD.testAccuracy"])
        #expect(adam["mnistOptimizers.Adam.testAccuracy"] != whole["mnistOptimizers.Adam.testAccuracy"])
    }

    @Test(
        "--dataset fashion --quick runs every section into the fashion folder",
        .enabled(if: SharedData.has(.fashion), "the Fashion-MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func fashionQuickRun() throws {
        let folder = try quickRun05(["--dataset", "fashion"])
        #expect(folder.lastPathComponent == "fashion")
        let results = try ChapterRunCheck.results(in: folder)
        let whole = try WholeQuickRun05.results()
        #expect(Set(results.keys) == Set(whole.keys))
        #expect(results["overfitting.testAccuracy"] != whole["overfitting.testAccuracy"])
        for figure in ["overfitting-costs.png", "full-data-l2.png", "optimizers-mnist.png"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(figure).path), "\(figure)")
        }
    }
}

// Chapter 08's knobs: what each option parses to, the values it refuses, the folder a changed run
// writes into, and that `--only` and a changed knob run what they say.

import ArgumentParser
import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — the knobs parse, refuse bad values and name the output folder")
struct Chapter08KnobsParsingTests {
    @Test("No options: the notes' values, nothing changed, the committed folder")
    func defaults() throws {
        let knobs = try GatedKnobs.parse([])
        let lag = knobs.longLag
        #expect(lag.lags == nil && lag.steps == nil && lag.runs == nil)
        #expect(lag.hidden == 24 && lag.learningRate == 0.003 && lag.gateBias == 4)
        let character = knobs.character
        #expect(character.text == nil && character.cells == [.vanilla, .lstm, .gru, .mgu] && character.hidden == 100)
        #expect(character.window == 25 && character.batch == 32 && character.eta == 0.1)
        #expect(character.clip == 5 && character.clipBy == .value && character.temperature == [0.5, 1])
        #expect(character.updates == nil)
        #expect(knobs.changedSettings.isEmpty)
        #expect(RunVariant(knobs: knobs, options: try ChapterOptions.parse([])).folderName == nil)
        #expect(CharacterSettings(knobs: character, quick: false).iterations == 1_500)
        #expect(CharacterSettings(knobs: character, quick: true).iterations == 60)
    }

    @Test("Good values parse to what they say and flow into the section's settings")
    func goodValues() throws {
        let knobs = try GatedKnobs.parse([
            "--lags", "40,5", "--lag-steps", "20", "--lag-runs", "2", "--lag-hidden", "8", "--lag-eta", "0.01",
            "--gate-bias", "0", "--cells", "GRU,mgu,vanilla", "--hidden", "16", "--window", "10", "--batch", "4",
            "--eta", "0.05", "--clip", "1", "--clip-by", "norm", "--temperature", "0.8", "--updates", "10",
        ])
        let lag = knobs.longLag
        #expect(lag.lags == [5, 40] && lag.steps == 20 && lag.runs == 2)
        #expect(lag.hidden == 8 && lag.learningRate == 0.01 && lag.gateBias == 0)
        let settings = CharacterSettings(knobs: knobs.character, quick: false)
        #expect(settings.cells == [.gru, .mgu, .vanilla] && settings.hidden == 16 && settings.sequenceLength == 10)
        #expect(settings.batch == 4 && settings.learningRate == 0.05 && settings.clipping == .norm(1))
        #expect(settings.temperatures == [0.8] && settings.iterations == 10)
        #expect(settings.networkNames == "GRU, MGU and vanilla network" && settings.allNetworks == "All three networks")
        #expect(CharacterCell.allCases.map(\.displayName) == ["vanilla", "LSTM", "GRU", "MGU"])
    }

    @Test(
        "Bad values and impossible combinations are refused",
        arguments: [
            ["--lags", "0"], ["--lags", "5,5"], ["--lags", "5,,20"], ["--lags", "1000"], ["--lag-steps", "0"],
            ["--lag-runs", "0"], ["--lag-runs", "50"], ["--lag-hidden", "0"], ["--lag-eta", "0"],
            ["--gate-bias", "-1"],
            ["--cells", "transformer"], ["--cells", "lstm,lstm"], ["--cells", ""], ["--hidden", "0"],
            ["--window", "0"],
            ["--batch", "0"], ["--eta", "-0.1"], ["--clip", "0"], ["--clip-by", "sometimes"], ["--temperature", "0"],
            ["--temperature", "1,1"], ["--updates", "0"], ["--clip-by", "none", "--clip", "2"],
        ])
    func badValues(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try GatedKnobs.parse(arguments) }
        #expect(throws: (any Error).self) { try GatedChapter.parse(arguments) }
    }

    @Test("--epochs is refused: the chapter counts updates (--updates, --lag-steps)")
    func epochsRefused() throws {
        let folder = try TestPaths.scratchFolder()
        #expect(throws: ExitCode.self) {
            try GatedChapter.parse(["--quick", "--epochs", "3", "--only", "8.1", "--out", folder.path]).run()
        }
    }

    @Test("A changed knob is recorded and names the folder; --text names it after the file")
    func folders() throws {
        let options = try ChapterOptions.parse([])
        func folder(_ arguments: [String]) throws -> String? {
            RunVariant(knobs: try GatedKnobs.parse(arguments), options: options).folderName
        }
        #expect(try folder(["--cells", "lstm,gru"]) == "cells-lstm,gru")
        #expect(try folder(["--eta", "0.05", "--batch", "8"]) == "batch-8_eta-0.05")
        #expect(try folder(["--lags", "5,80", "--lag-steps", "300"]) == "lags-5,80_lag-steps-300")
        #expect(try folder(["--text", "/tmp/War and Peace.txt"]) == "text-War-and-Peace")
        #expect(try folder(["--text", "-"]) == "text-stdin")
        #expect(try folder(["--cells", "vanilla,lstm,gru,mgu", "--window", "25"]) == nil)
        #expect(try folder(["--cells", "vanilla,lstm"]) == "cells-vanilla,lstm")
        #expect(try GatedKnobs.parse([]).settings.first { $0.option == "text" }?.value == TextKnob.notesText)
    }
}

@Suite("Chapter 08 — --only and changed knobs run what they say", .serialized)
struct Chapter08KnobsRunTests {
    /// The results of one quick run (`arguments` after --quick), read back from results.json.
    static func run(_ arguments: [String], folderName: String?) throws -> [String: JSONValue] {
        let folder = try TestPaths.scratchFolder("chapter08-knobs")
        try GatedChapter.parse(["--quick", "--out", folder.path] + arguments).run()
        var written = folder.appendingPathComponent("Chapter08")
        if let folderName { written.appendPathComponent(folderName) }
        return try ChapterRunCheck.results(in: written)
    }

    /// One full quick run with the notes' knobs, shared by the tests that compare with it.
    static let full = Result { try run([], folderName: nil) }

    @Test("--only 8.4, --only 8.7 and --only 8.9 record exactly their sections' results, equal to the full quick run's")
    func onlySections() throws {
        let full = try Self.full.get()
        for (section, prefix) in [("8.4", "longLag."), ("8.7", "characters."), ("8.9", "stack.")] {
            let only = try Self.run(["--only", section], folderName: "only-\(section)")
            let expected = full.filter { $0.key.hasPrefix(prefix) }
            #expect(!expected.isEmpty && Set(only.keys) == Set(expected.keys), "--only \(section)")
            // Equal as .ci/compare-results compares: BLAS may round the last bit differently.
            for (key, value) in expected {
                #expect(ChapterRunCheck.agree(only[key], value), "\(key) under --only \(section)")
            }
        }
    }

    @Test("Other cells train on the same text, each recorded under its name, in their own folder")
    func otherCells() throws {
        let full = try Self.full.get()
        let changed = try Self.run(
            ["--only", "8.7", "--cells", "lstm,gru,mgu", "--updates", "10"],
            folderName: "cells-lstm,gru,mgu_updates-10_only-8.7")
        for name in ["LSTM", "GRU", "MGU"] {
            guard case .number(let loss)? = changed["characters.\(name).validationLoss"] else {
                Issue.record("no validation loss for \(name): \(changed.keys.sorted())")
                continue
            }
            #expect(loss.isFinite && loss < log(138.0) + 1)
        }
        #expect(changed["characters.vanilla.validationLoss"] == nil)
        #expect(changed["characters.LSTM.validationLoss"] != full["characters.LSTM.validationLoss"])
    }

    @Test("Fewer steps and another lag change the long-lag accuracies")
    func changedLongLag() throws {
        let changed = try Self.run(
            ["--only", "8.4", "--lags", "3", "--lag-steps", "30", "--lag-hidden", "8"],
            folderName: "lags-3_lag-steps-30_lag-hidden-8_only-8.4")
        #expect(
            Set(changed.keys) == [
                "longLag.vanilla.T3", "longLag.LSTM.T3", "longLag.GRU.T3", "longLag.MGU.T3", "longLag.summary",
            ])
    }

    @Test("A learning rate that blows the network up stops the run and writes nothing")
    func divergence() throws {
        let folder = try TestPaths.scratchFolder()
        #expect(throws: ExitCode.self) {
            try GatedChapter.parse([
                "--quick", "--only", "8.7", "--eta", "1e200", "--clip-by", "none", "--updates", "5", "--out",
                folder.path,
            ]).run()
        }
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        #expect(!written.contains { $0.hasSuffix("results.json") }, "\(written)")
    }
}

// Chapter 07's knobs: what each option parses to, the values it refuses, the folder a changed run
// writes into, and that `--only` and a changed knob run what they say.

import ArgumentParser
import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — the knobs parse, refuse bad values and name the output folder")
struct Chapter07KnobsParsingTests {
    @Test("No options: the notes' values, nothing changed, the committed folder")
    func defaults() throws {
        let knobs = try RecurrentKnobs.parse([])
        #expect(knobs.hello.learningRate == 0.3 && knobs.hello.updates == 300)
        let character = knobs.character
        #expect(character.text == nil && character.hidden == 100 && character.window == 25)
        #expect(character.eta == 0.05 && character.clip == 5 && character.clipBy == .value)
        #expect(character.temperature == [0.5, 1, 1.5] && character.updates == nil)
        #expect(knobs.bracket.length == 20 && knobs.bracket.hidden == 16 && knobs.bracket.eta == 0.01)
        #expect(knobs.bracket.updates == nil && knobs.forcing.horizon == 30 && knobs.forcing.starts == 1_000)
        #expect(BracketSettings(knobs: knobs.bracket, quick: false).updates == 3_000)
        #expect(BracketSettings(knobs: knobs.bracket, quick: true).updates == 300)
        #expect(knobs.changedSettings.isEmpty)
        let variant = RunVariant(knobs: knobs, options: try ChapterOptions.parse([]))
        #expect(variant.folderName == nil && variant.isDefault)
        let settings = CharacterSettings(knobs: character, quick: false)
        #expect(settings.iterations == 100_000 && settings.sampleEvery == 20_000 && settings.clipping == .value(5))
        let quick = CharacterSettings(knobs: character, quick: true)
        #expect(quick.iterations == 1_500 && quick.sampleEvery == 500)
    }

    @Test("Good values parse to what they say and flow into the section's settings")
    func goodValues() throws {
        let knobs = try RecurrentKnobs.parse([
            "--hello-eta", "1", "--hello-updates", "50", "--text", "poems/my poem.txt", "--hidden", "20",
            "--window", "10", "--eta", "0.1", "--clip", "1", "--clip-by", "norm", "--temperature", "0.25,2",
            "--updates", "300",
        ])
        #expect(knobs.hello.learningRate == 1 && knobs.hello.updates == 50)
        let settings = CharacterSettings(knobs: knobs.character, quick: true)
        #expect(settings.hidden == 20 && settings.sequenceLength == 10 && settings.learningRate == 0.1)
        #expect(settings.clipping == .norm(1) && settings.temperatures == [0.25, 2])
        #expect(settings.iterations == 300 && settings.sampleEvery == 100)
        #expect(try RecurrentKnobs.parse(["--clip-by", "none"]).character.clipBy == .none)
        #expect(
            CharacterSettings(knobs: try CharacterKnobs.parse(["--clip-by", "none"]), quick: true).clipping == .none)
    }

    @Test(
        "Bad values and impossible combinations are refused",
        arguments: [
            ["--eta", "0"], ["--eta", "-1"], ["--eta", "fast"], ["--eta", "nan"], ["--hidden", "0"],
            ["--hidden", "2000"], ["--window", "0"], ["--window", "1.5"], ["--clip", "0"], ["--clip-by", "sometimes"],
            ["--temperature", "0"], ["--temperature", "0.5,0.5"], ["--temperature", "20"], ["--temperature", "1,,2"],
            ["--updates", "0"], ["--updates", "many"], ["--hello-eta", "0"], ["--hello-updates", "0"],
            ["--clip-by", "none", "--clip", "2"], ["--bracket-length", "1"], ["--bracket-hidden", "0"],
            ["--bracket-eta", "0"], ["--bracket-updates", "0"], ["--forcing-horizon", "0"], ["--forcing-starts", "0"],
        ])
    func badValues(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try RecurrentKnobs.parse(arguments) }
        #expect(throws: (any Error).self) { try RecurrentChapter.parse(arguments) }
    }

    @Test("A changed knob is recorded and names the folder; --text names it after the file")
    func folders() throws {
        let options = try ChapterOptions.parse([])
        func folder(_ arguments: [String]) throws -> String? {
            RunVariant(knobs: try RecurrentKnobs.parse(arguments), options: options).folderName
        }
        #expect(try folder(["--eta", "0.1"]) == "eta-0.1")
        #expect(try folder(["--hidden", "20", "--window", "50"]) == "hidden-20_window-50")
        #expect(try folder(["--clip-by", "norm", "--clip", "1"]) == "clip-1_clip-by-norm")
        #expect(try folder(["--updates", "5000"]) == "updates-5000")
        #expect(try folder(["--hello-eta", "3"]) == "hello-eta-3")
        #expect(try folder(["--text", "poems/my poem.txt"]) == "text-my-poem")
        #expect(try folder(["--text", "-"]) == "text-stdin")
        #expect(try folder(["--text", "../Ünïcode.md"]) == "text--n-code")
        // The notes' own values, typed out, are no change.
        #expect(try folder(["--eta", "0.05", "--temperature", "0.5,1,1.5", "--clip-by", "value"]) == nil)
        let knobs = try RecurrentKnobs.parse(["--eta", "0.1", "--text", "a.txt"])
        #expect(knobs.changedSettings.map(\.option) == ["text", "eta"])
        #expect(knobs.settings.first { $0.option == "eta" }?.value == "0.1")
        #expect(try RecurrentKnobs.parse([]).settings.first { $0.option == "text" }?.value == TextKnob.notesText)
    }
}

@Suite("Chapter 07 — --only and changed knobs run what they say", .serialized)
struct Chapter07KnobsRunTests {
    /// The results of one quick run, read back from results.json.
    static func run(_ arguments: [String]) throws -> (results: [String: JSONValue], folder: URL) {
        let folder = try TestPaths.scratchFolder("chapter07-knobs-\(arguments.joined(separator: "_"))")
        try RecurrentChapter.parse(["--quick", "--out", folder.path] + arguments).run()
        let variant = RunVariant(
            knobs: try RecurrentKnobs.parse(arguments.filter { $0 != "--only" && !$0.hasPrefix("7.") }),
            options: try ChapterOptions.parse(["--quick"] + arguments.filter { $0 == "--only" || $0.hasPrefix("7.") }))
        let chapter = folder.appendingPathComponent("Chapter07")
        let written = variant.folderName.map { chapter.appendingPathComponent($0) } ?? chapter
        return (try ChapterRunCheck.results(in: written), written)
    }

    /// One full quick run with the notes' knobs, shared by the tests that compare with it.
    static let full = Result { try run([]) }

    @Test("--only 7.3 and --only 7.6 record exactly their sections' results, equal to the full quick run's")
    func onlySections() throws {
        let full = try Self.full.get().results
        for (section, prefixes) in [("7.3", ["hello."]), ("7.6", ["charRNN.", "hiddenStates."])] {
            let (only, folder) = try Self.run(["--only", section])
            #expect(folder.lastPathComponent == "only-\(section)")
            let expected = full.filter { key, _ in prefixes.contains { key.hasPrefix($0) } }
            #expect(Set(only.keys) == Set(expected.keys), "--only \(section)")
            // Equal as .ci/compare-results compares: BLAS may round the last bit differently.
            for (key, value) in expected {
                #expect(ChapterRunCheck.agree(only[key], value), "\(key) under --only \(section)")
            }
        }
    }

    @Test("Another η for the hello network trains to another loss; the narrative's η is the one used")
    func changedHello() throws {
        let full = try Self.full.get().results
        let (changed, folder) = try Self.run(["--only", "7.3", "--hello-eta", "0.03"])
        #expect(folder.lastPathComponent == "hello-eta-0.03_only-7.3")
        #expect(changed["hello.lossAfter"] != nil && changed["hello.lossAfter"] != full["hello.lossAfter"])
        #expect(changed["hello.lossBefore"] == full["hello.lossBefore"])
    }

    @Test("A smaller character model with another window trains differently, in its own folder")
    func changedCharacterModel() throws {
        let full = try Self.full.get().results
        let (changed, folder) = try Self.run(["--only", "7.4", "--hidden", "16", "--window", "10", "--updates", "200"])
        #expect(folder.lastPathComponent == "hidden-16_window-10_updates-200_only-7.4")
        guard case .number(let start)? = changed["charRNN.initialSmoothedLoss"],
            case .integer(let symbols)? = changed["charRNN.vocabularySize"]
        else {
            Issue.record("no initial loss or vocabulary in \(changed.keys.sorted())")
            return
        }
        // Eq. 7.9's start is the uniform guess over a window of T = 10.
        expectClose(start, log(Double(symbols)) * 10, tolerance: Tolerance.exactArithmetic)
        #expect(changed["charRNN.finalSmoothedLoss"] != full["charRNN.finalSmoothedLoss"])
        #expect(changed["charRNN.corpusCharacters"] == full["charRNN.corpusCharacters"])
    }

    @Test("A learning rate that blows the network up stops the run (with the divergence line) and writes nothing")
    func divergence() throws {
        let folder = try TestPaths.scratchFolder()
        #expect(throws: ExitCode.self) {
            try RecurrentChapter.parse(["--quick", "--only", "7.3", "--hello-eta", "1e200", "--out", folder.path]).run()
        }
        #expect(throws: ExitCode.self) {
            try RecurrentChapter.parse([
                "--quick", "--only", "7.4", "--eta", "1e200", "--clip-by", "none", "--updates", "40", "--out",
                folder.path,
            ]).run()
        }
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        #expect(!written.contains { $0.hasSuffix("results.json") }, "\(written)")
    }
}

// Chapter 08's --precision: every LSTM of 8.7 and 8.9 multiplies by W in the precision asked
// for, the other cells are untouched, and the chapter says which precision it trains in.

import ArgumentParser
import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — --precision chooses the LSTMs' products", .serialized)
struct Chapter08PrecisionTests {
    @Test("--precision parses double or single, is recorded, and flows into 8.7's settings")
    func parses() throws {
        #expect(try GatedKnobs.parse([]).character.precision == .double)
        let single = try GatedKnobs.parse(["--precision", "single"])
        #expect(CharacterSettings(knobs: single.character, quick: true).precision == .single)
        #expect(single.changedSettings.map(\.option) == ["precision"])
        #expect(RunVariant(knobs: single, options: try ChapterOptions.parse([])).folderName == "precision-single")
        #expect(throws: (any Error).self) { try GatedKnobs.parse(["--precision", "half"]) }
    }

    @Test("The narrative names the precision whenever an LSTM trains, and only then")
    func narrative() throws {
        func phrase(_ arguments: [String]) throws -> String {
            CharacterSettings(knobs: try CharacterKnobs.parse(arguments), quick: true).precisionPhrase
        }
        #expect(try phrase([]).contains("in Double"))
        #expect(try phrase(["--precision", "single"]).contains("in Float"))
        #expect(try phrase(["--cells", "gru,mgu", "--precision", "single"]).isEmpty)
    }

    /// One quick run of 8.7 and 8.9 with `arguments`, its results read back.
    static func run(_ arguments: [String]) throws -> [String: JSONValue] {
        let folder = try TestPaths.scratchFolder("chapter08-precision")
        let only = ["--only", "8.7,8.9"]
        let knobs = ["--cells", "vanilla,lstm", "--updates", "6"] + arguments
        try GatedChapter.parse(["--quick", "--out", folder.path] + only + knobs).run()
        let variant = RunVariant(knobs: try GatedKnobs.parse(knobs), options: try ChapterOptions.parse(only))
        return try ChapterRunCheck.results(
            in: folder.appendingPathComponent("Chapter08/\(try #require(variant.folderName))"))
    }

    @Test("--precision single moves every LSTM's losses by Float's rounding, and nothing else")
    func singleMovesOnlyTheLSTMs() throws {
        let double = try Self.run([])
        let single = try Self.run(["--precision", "single"])
        let lstmKeys = [
            "characters.LSTM.validationLoss", "stack.oneLayer.validationLoss", "stack.twoLayersDropout.validationLoss",
            "stack.twoLayersPlain.validationLoss",
        ]
        for key in lstmKeys {
            guard case .number(let inDouble)? = double[key], case .number(let inSingle)? = single[key] else {
                Issue.record("no \(key) in both runs: \(double.keys.sorted())")
                continue
            }
            // Float's products: not Double's numbers (a run that ignored the knob would be), but
            // the same training to a few parts in a million after six updates.
            #expect(inSingle != inDouble, "\(key) did not change: the knob did not reach this LSTM")
            #expect(abs(inSingle - inDouble) < 1e-4 * inDouble, "\(key): \(inSingle) against \(inDouble)")
        }
        // The vanilla cell has no precision: the knob leaves it alone.
        #expect(
            ChapterRunCheck.agree(
                single["characters.vanilla.validationLoss"], double["characters.vanilla.validationLoss"]))
    }
}

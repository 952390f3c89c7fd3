// Section 1.4's knobs: the perceptron rule's η and the margin of the points it learns.

import ChapterRunner
import Foundation
import TestSupport
import Testing

@testable import Chapter01

/// The results of a quick run of 1.4 alone with `knobs`.
private func ruleResults(_ knobs: [String], _ name: String = #function) throws -> [String: JSONValue] {
    let folder = try TestPaths.scratchFolder(name)
    try PerceptronsChapter.parse(["--quick", "--only", "1.4", "--out", folder.path] + knobs).run()
    let variant = try #require(
        RunVariant(knobs: try PerceptronKnobs.parse(knobs), options: try ChapterOptions.parse(["--only", "1.4"]))
            .folderName)
    return try ChapterRunCheck.results(in: folder.appendingPathComponent("Chapter01/\(variant)"))
}

@Suite("Chapter 01 — the knobs of 1.4 (--eta, --margin)")
struct Chapter01KnobsTests {
    @Test("The defaults are the notes' η = 1 and margin 0.15")
    func defaults() throws {
        let knobs = try PerceptronKnobs.parse([])
        #expect(knobs.eta == 1)
        #expect(knobs.margin == 0.15)
    }

    @Test(
        "Bad values are refused in one line",
        arguments: [
            (["--eta", "0"], "--eta takes a positive number"), (["--eta", "-2"], "--eta takes a positive number"),
            (["--margin", "0"], "--margin takes a number in (0, 2]"),
            (["--margin", "3"], "--margin takes a number in (0, 2]"),
        ])
    func badValues(arguments: [String], message: String) {
        do {
            _ = try PerceptronKnobs.parse(arguments)
            Issue.record("\(arguments) should be refused")
        } catch {
            #expect(PerceptronKnobs.message(for: error).contains(message))
        }
    }

    @Test("η only scales w and b from zero, so the updates do not change; a smaller margin needs more")
    func knobsChangeTheRule() throws {
        let plain = try ruleResults([])
        let slow = try ruleResults(["--eta", "0.01"])
        #expect(slow["perceptron.updates"] == plain["perceptron.updates"])
        let narrow = try ruleResults(["--margin", "0.02"])
        guard case .integer(let few)? = plain["perceptron.updates"],
            case .integer(let many)? = narrow["perceptron.updates"],
            case .number(let bound)? = plain["perceptron.novikoffBound"],
            case .number(let wider)? = narrow["perceptron.novikoffBound"]
        else {
            Issue.record("results lack the updates or the bound")
            return
        }
        #expect(many > few)
        #expect(wider > bound)
    }
}

// Section 2.4's knobs: the learning rates compared and the start of every path, read from the
// command line, refused when wrong, and really used by the descent.

import ChapterRunner
import Foundation
import TestSupport
import Testing

@testable import Chapter02

/// The results.json "results" of a quick run of 2.4 alone with `knobs`.
private func descentResults(_ knobs: [String], _ name: String = #function) throws -> [String: JSONValue] {
    let folder = try TestPaths.scratchFolder(name)
    try SigmoidNeuronsChapter.parse(["--quick", "--only", "2.4", "--out", folder.path] + knobs).run()
    let knobsValue = try DescentKnobs.parse(knobs)
    let options = try ChapterOptions.parse(["--only", "2.4"])
    let variant = try #require(RunVariant(knobs: knobsValue, options: options).folderName)
    return try ChapterRunCheck.results(in: folder.appendingPathComponent("Chapter02/\(variant)"))
}

@Suite("Chapter 02 — the knobs of 2.4 (--eta, --start)")
struct Chapter02KnobsTests {
    @Test("The defaults are the notes' learning rates and start")
    func defaults() throws {
        let knobs = try DescentKnobs.parse([])
        #expect(knobs.learningRates == [0.5, 5, 100])
        #expect(knobs.start == [-2, 0])
        #expect(knobs.changedSettings.isEmpty)
    }

    @Test("Good values parse, negative numbers included")
    func goodValues() throws {
        let knobs = try DescentKnobs.parse(["--eta", "100", "--start", "-3.5,1"])
        #expect(knobs.learningRates == [100])
        #expect(knobs.start == [-3.5, 1])
        #expect(knobs.changedSettings.map(\.option) == ["eta", "start"])
        #expect(try DescentKnobs.parse(["--eta", "1,2,3"]).learningRates == [1, 2, 3])
    }

    @Test(
        "Bad values are refused in one line",
        arguments: [
            (["--eta", "0"], "--eta takes up to 6 positive numbers"),
            (["--eta", "-1"], "--eta takes up to 6 positive numbers"),
            (["--eta", "1,2,3,4,5,6,7"], "--eta takes up to 6 positive numbers"),
            (["--start", "5,0"], "--start takes two numbers w,b, each from −4 to 4"),
            (["--start", "1"], "--start takes two numbers w,b, each from −4 to 4"),
            (["--start", "a,b"], "--start takes two numbers w,b, each from −4 to 4"),
        ])
    func badValues(arguments: [String], message: String) {
        do {
            _ = try DescentKnobs.parse(arguments)
            Issue.record("\(arguments) should be refused")
        } catch {
            let text = DescentKnobs.message(for: error)
            #expect(text.contains(message), "\(text)")
        }
    }

    @Test("A changed knob names the folder and changes the descent; 2.4 alone reproduces the whole run")
    func changedRun() throws {
        let folder = try TestPaths.scratchFolder()
        try SigmoidNeuronsChapter.parse(["--quick", "--out", folder.path]).run()
        let all = try ChapterRunCheck.results(in: folder.appendingPathComponent("Chapter02"))
        let alone = try descentResults([])
        #expect(Set(alone.keys) == Set(all.keys.filter { $0.hasPrefix("descent.") }))
        for (key, value) in alone { #expect(all[key] == value, "\(key)") }

        let fast = try descentResults(["--eta", "100"])
        #expect(
            Set(fast.keys) == [
                "descent.eta100.costIncreases", "descent.eta100.finalCost", "descent.lowestCost",
                "descent.tooLargeIncreases",
            ])
        #expect(fast["descent.eta100.finalCost"] == all["descent.eta100.finalCost"])
        let moved = try descentResults(["--eta", "100", "--start", "3,3"])
        #expect(moved["descent.eta100.finalCost"] != all["descent.eta100.finalCost"])
    }
}

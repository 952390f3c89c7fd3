// The lab bench every chapter shares: the plan behind --list and --only, sections that draw the
// same numbers alone as in the whole chapter, knobs whose changes name the output folder, and
// figures that say what was changed.

import ArgumentParser
import Figures
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import ChapterRunner

/// A made-up Chapter 09: a preparation and three sections, one reading another's result.
private let plan = ChapterPlan([
    .preparation("data", "numbers", seconds: 1, quick: 1),
    .section("9.1", "First", seconds: 10, quick: 1),
    .section("9.2", "Second, reading the first", seconds: 100, quick: 2, draws: 0, needs: ["9.1"]),
    .section("9.3", "Third", seconds: 1_000, quick: 3, draws: 2, needs: ["data"]),
])

/// Runs Chapter 09 with `arguments`, each step recording what it drew; returns its results.json.
@discardableResult
private func runChapter(
    _ folder: URL, _ arguments: [String], knobs: [String] = [], thirdDraws: Int = 2
) throws -> [String: JSONValue] {
    var options = try ChapterOptions.parse(arguments)
    options.out = folder.path
    let parsedKnobs = try LabKnobs.parse(knobs)
    try ChapterSession.run(number: 9, title: "Lab", options: options, plan: plan, knobs: parsedKnobs) { session in
        let data = session.step("data") { () -> Double in
            var generator = session.generator.fork()
            return generator.uniform()
        }
        let first = session.step("9.1") { () -> Double in
            var generator = session.generator.fork()
            let value = generator.uniform() * parsedKnobs.eta
            session.record("first", .number(value))
            return value
        }
        session.step("9.2") { session.record("second", .number(try first() * 2)) }
        session.step("9.3") {
            var total = try data()
            for _ in 0..<thirdDraws {
                var generator = session.generator.fork()
                total += generator.uniform()
            }
            session.record("third", .number(total))
        }
    }
    let chapter = folder.appendingPathComponent("Chapter09")
    let variant = RunVariant(knobs: parsedKnobs, options: options).folderName
    let results = (variant.map { chapter.appendingPathComponent($0) } ?? chapter).appendingPathComponent("results.json")
    guard case .object(let document) = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: results)) else {
        return [:]
    }
    return document
}

private func results(_ document: [String: JSONValue]) -> [String: JSONValue] {
    guard case .object(let results)? = document["results"] else { return [:] }
    return results
}

@Suite("The lab bench — plans, --only, --list, knobs and the folders they name")
struct LabTests {
    @Test("A step starts where the draws of the steps before it end, with the default settings")
    func positions() {
        #expect(plan.position(of: "data", quick: false) == 0)
        #expect(plan.position(of: "9.1", quick: false) == 1)
        #expect(plan.position(of: "9.2", quick: false) == 2)
        #expect(plan.position(of: "9.3", quick: false) == 2)
        let quickDiffers = ChapterPlan([
            .section("9.1", "a", seconds: 1, quick: 1, draws: 5, quickDraws: 1),
            .section("9.2", "b", seconds: 1, quick: 1),
        ])
        #expect(quickDiffers.position(of: "9.2", quick: false) == 5)
        #expect(quickDiffers.position(of: "9.2", quick: true) == 1)
    }

    @Test("--only takes the sections asked for and every step they read, in chapter order")
    func selection() throws {
        #expect(try plan.selection(only: [], chapter: "09").map(\.id) == ["data", "9.1", "9.2", "9.3"])
        #expect(try plan.selection(only: ["9.2"], chapter: "09").map(\.id) == ["9.1", "9.2"])
        #expect(try plan.selection(only: ["9.3", "9.1"], chapter: "09").map(\.id) == ["data", "9.1", "9.3"])
        #expect(throws: ChapterError.self) { try plan.selection(only: ["9.9"], chapter: "09") }
        #expect(throws: ChapterError.self) { try plan.selection(only: ["data"], chapter: "09") }
        do {
            _ = try plan.selection(only: ["9.9"], chapter: "09")
        } catch {
            #expect("\(error)" == "--only 9.9: Chapter 09 has sections 9.1–9.3 (see swift run Chapter09 --list)")
        }
    }

    @Test("--list names every section, what it also runs and its rough time, and no preparation")
    func listing() {
        let text = plan.listing(chapter: "09", title: "Lab")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            lines.contains { $0.contains("9.2") && $0.contains("Second, reading the first") && $0.hasSuffix("9.1") })
        #expect(lines.contains { $0.contains("9.3") && $0.contains("≈ 17 min") })
        #expect(!lines.contains { $0.contains("numbers") })
        #expect(text.contains("swift run -c release Chapter09 --only 9.3"))
        #expect(ChapterPlan.duration(0.4) == "< 1 s")
        #expect(ChapterPlan.duration(42) == "≈ 42 s")
        #expect(ChapterPlan.duration(600) == "≈ 10 min")
    }

    @Test("--list prints the plan and writes nothing")
    func listWritesNothing() throws {
        let folder = try TestPaths.scratchFolder()
        var options = try ChapterOptions.parse(["--list"])
        options.out = folder.path
        var ran = false
        try ChapterSession.run(number: 9, title: "Lab", options: options, plan: plan) { _ in ran = true }
        #expect(!ran)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Chapter09").path))
    }

    @Test("A section run alone draws, and records, exactly what it does in the whole chapter")
    func onlyReproducesTheWholeRun() throws {
        let whole = results(try runChapter(try TestPaths.scratchFolder("whole"), ["--quick"]))
        #expect(Set(whole.keys) == ["first", "second", "third"])
        let third = try runChapter(try TestPaths.scratchFolder("third"), ["--quick", "--only", "9.3"])
        #expect(results(third) == ["third": whole["third"]!])
        #expect(third["only"] == .array(["9.3"]))
        #expect(third["changed"] == .string("--only 9.3"))
        // 9.2 reads 9.1, so 9.1 runs first, with its own numbers.
        let second = results(try runChapter(try TestPaths.scratchFolder("second"), ["--quick", "--only", "9.2"]))
        #expect(second == ["first": whole["first"]!, "second": whole["second"]!])
    }

    @Test("A knob changed in one section leaves the draws of the others alone")
    func knobsStayInTheirSection() throws {
        let whole = results(try runChapter(try TestPaths.scratchFolder("default"), ["--quick"]))
        let changed = results(
            try runChapter(try TestPaths.scratchFolder("changed"), ["--quick"], knobs: ["--eta", "6"]))
        #expect(changed["third"] == whole["third"])
        if case .number(let first)? = whole["first"], case .number(let doubled)? = changed["first"] {
            #expect(abs(doubled - 2 * first) < 1e-12)
        } else {
            Issue.record("results lack first")
        }
    }

    @Test("A step that draws more than its plan says fails the run, naming the step and both counts")
    func outOfDatePlan() throws {
        let folder = try TestPaths.scratchFolder()
        #expect(throws: ExitCode.self) { try runChapter(folder, ["--quick"], thirdDraws: 3) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Chapter09/results.json").path))
        // The message, from the session itself.
        var options = try ChapterOptions.parse(["--quick"])
        options.out = try TestPaths.scratchFolder("message").path
        let session = try ChapterSession(number: 9, title: "Lab", options: options)
        session.plan = ChapterPlan([.section("9.1", "First", seconds: 1, quick: 1)])
        session.step("9.1") {
            _ = session.generator.fork()
            _ = session.generator.fork()
        }
        do {
            try session.runSteps(session.plan!.steps)
            Issue.record("a step drawing twice against a plan of one should fail")
        } catch {
            #expect("\(error)".contains("9.1 drew 2 values in a quick run, its plan says 1"))
        }
        session.abandon()
    }

    @Test("--only in a chapter without a plan is refused")
    func onlyWithoutPlan() throws {
        var options = try ChapterOptions.parse(["--only", "9.1"])
        options.out = try TestPaths.scratchFolder().path
        #expect(throws: ExitCode.self) {
            try ChapterSession.run(number: 9, title: "t", options: options) { _ in }
        }
    }

    @Test(
        "What changed names the folder: knobs in declaration order, then epochs, seed and sections",
        arguments: [
            ([String](), [String](), nil as String?),
            (["--eta", "3"], [], nil),
            (["--eta", "100"], [], "eta-100"),
            (["--eta", "0.5", "--hidden", "100,30"], [], "eta-0.5_hidden-100,30"),
            (["--dataset", "fashion"], [], "fashion"),
            (
                ["--keep", "0.5", "--cost", "cross-entropy"], ["--seed", "7", "--epochs", "2", "--only", "9.1"],
                "keep-0.5_cost-cross-entropy_epochs-2_seed-7_only-9.1"
            ),
            (["--dataset", "../x y"], [], "..-x-y"),
        ])
    func folderNames(knobs: [String], options: [String], expected: String?) throws {
        let variant = RunVariant(knobs: try LabKnobs.parse(knobs), options: try ChapterOptions.parse(options))
        #expect(variant.folderName == expected)
        #expect(variant.isDefault == (expected == nil))
        #expect(variant.settings.map(\.option) == ["dataset", "eta", "hidden", "keep", "cost"])
    }

    @Test("A very long folder name is cut and kept unique by a digest")
    func longFolderName() throws {
        let long = try LabKnobs.parse(["--dataset", String(repeating: "a", count: 200)])
        let other = try LabKnobs.parse(["--dataset", String(repeating: "a", count: 199) + "b"])
        let options = try ChapterOptions.parse([])
        let first = try #require(RunVariant(knobs: long, options: options).folderName)
        let second = try #require(RunVariant(knobs: other, options: options).folderName)
        #expect(first.count == RunVariant.longestFolderName)
        #expect(first != second)
    }

    @Test("Values are written the way they are typed")
    func settingText() {
        #expect(100.0.settingText == "100")
        #expect(0.5.settingText == "0.5")
        #expect(1e-5.settingText == "1e-05")
        #expect((-2.0).settingText == "-2")
        #expect([30, 30].settingText == "30,30")
        #expect(LabCost.crossEntropy.settingText == "cross-entropy")
        #expect(Setting(flag: "dropout", true).words == ["--dropout"])
        #expect(Setting(flag: "dropout", false).words == [])
        #expect(Setting("eta", 100.0).words == ["--eta", "100"])
    }

    @Test("A changed run's results.json records every knob and the options that reproduce it")
    func recordedConfiguration() throws {
        let document = try runChapter(
            try TestPaths.scratchFolder(), ["--quick", "--seed", "4"], knobs: ["--eta", "6", "--hidden", "10,10"])
        #expect(
            document["settings"]
                == .object([
                    "dataset": "mnist", "eta": "6", "hidden": "10,10", "keep": "1", "cost": "quadratic",
                ]))
        #expect(document["changed"] == .string("--eta 6 --hidden 10,10 --seed 4"))
        let plain = try runChapter(try TestPaths.scratchFolder("plain"), ["--quick"])
        #expect(plain["changed"] == nil)
        #expect(plain["settings"] != nil)
    }

    @Test("A changed run's figures carry the change in their title, a Changed chunk and a footnote under them")
    func footnotedFigures() throws {
        func figure(_ knobs: [String], _ name: String) throws -> (
            text: [(keyword: String, text: String)], image: PNGImage
        ) {
            let folder = try TestPaths.scratchFolder(name)
            var options = try ChapterOptions.parse(["--quick"])
            options.out = folder.path
            let parsed = try LabKnobs.parse(knobs)
            var written: URL?
            try ChapterSession.run(number: 9, title: "Lab", options: options, knobs: parsed) { session in
                var plot = LinePlot(title: "Cost against epoch", xLabel: "epoch", yLabel: "cost")
                plot.series = [LineSeries(name: "run", ys: [3, 2, 1.5, 1.2])]
                try session.writeFile("cost.png") { url in
                    try plot.write(to: url, metadata: session.metadata(title: "Cost"), width: 600, height: 400)
                }
                written = session.outputFolder.appendingPathComponent("cost.png")
            }
            let url = try #require(written)
            return (try PNGText.entries(in: Array(try Data(contentsOf: url))), try PNGImage(contentsOf: url))
        }
        let plain = try figure([], "plain")
        let changed = try figure(["--eta", "6"], "changed")
        #expect(plain.text.contains { $0.keyword == "Title" && $0.text == "Cost" })
        #expect(!plain.text.contains { $0.keyword == "Changed" || $0.keyword == FigureFootnote.keyword })
        #expect(changed.text.contains { $0.keyword == "Title" && $0.text == "Cost (--eta 6)" })
        #expect(changed.text.contains { $0.keyword == "Changed" && $0.text == "--eta 6" })
        #expect(changed.text.contains { $0.keyword == FigureFootnote.keyword && $0.text.contains("--eta 6") })
        #expect(changed.image.width == plain.image.width)
        #expect(changed.image.height > plain.image.height)
        // The footnote keeps the figure legible: its measured smallest text is still recorded.
        #expect(changed.text.contains { $0.keyword == "Smallest text" })
    }

    @Test(
        "Knob readers take good values and refuse bad ones in one line saying what the option takes",
        arguments: [
            (["--eta", "0"], "--eta takes a positive number, such as 3 or 0.5"),
            (["--eta", "-1"], "--eta takes a positive number, such as 3 or 0.5"),
            (["--eta", "abc"], "--eta takes a positive number, such as 3 or 0.5"),
            (["--eta", "inf"], "--eta takes a positive number, such as 3 or 0.5"),
            (
                ["--hidden", "0"],
                "--hidden takes up to 8 layer sizes from 1 to 4096 separated by commas, such as 30 or 100,30"
            ),
            (
                ["--hidden", "30,"],
                "--hidden takes up to 8 layer sizes from 1 to 4096 separated by commas, such as 30 or 100,30"
            ),
            (["--keep", "0"], "--keep takes a number in (0, 1], such as 0.5 (1 keeps every unit)"),
            (["--keep", "1.5"], "--keep takes a number in (0, 1], such as 0.5 (1 keeps every unit)"),
        ])
    func refusedValues(arguments: [String], message: String) {
        do {
            _ = try LabKnobs.parse(arguments)
            Issue.record("\(arguments) should be refused")
        } catch {
            let text = LabKnobs.message(for: error)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "one line: \(text)")
        }
    }

    @Test("Good knob values parse to what they say")
    func goodValues() throws {
        let knobs = try LabKnobs.parse([
            "--eta", "0.25", "--hidden", "100, 30", "--keep", "1", "--cost", "cross-entropy",
        ])
        #expect(knobs.eta == 0.25)
        #expect(knobs.hidden == [100, 30])
        #expect(knobs.keep == 1)
        #expect(knobs.cost == .crossEntropy)
        #expect(try KnobValues.positiveList("0.5,5,100", option: "--eta", example: "") == [0.5, 5, 100])
        #expect(throws: (any Error).self) {
            try KnobValues.positiveList("1,2,3", option: "--eta", example: "", most: 2)
        }
        #expect(try KnobValues.whole("64", option: "--batch", in: 1...60_000) == 64)
        #expect(throws: (any Error).self) { try KnobValues.whole("0", option: "--batch", in: 1...60_000) }
        #expect(try KnobValues.nonNegative("0", option: "--lambda") == 0)
        #expect(throws: (any Error).self) { try KnobValues.nonNegative("-0.1", option: "--lambda") }
    }

    @Test("--only takes section numbers, one or several", arguments: [["5.4"], ["5.2,5.4"]])
    func onlyParses(values: [String]) throws {
        let options = try ChapterOptions.parse(["--only"] + values)
        #expect(options.only == values[0].split(separator: ",").map(String.init))
    }

    @Test("--only refuses what is not a section number", arguments: ["5", "5.", "x.1", "5.4,", "½.1"])
    func onlyRefuses(value: String) {
        #expect(throws: (any Error).self) { try ChapterOptions.parse(["--only", value]) }
    }

    @Test("The --help check catches a knob whose help does not end with its default")
    func helpCheckCatchesMissingDefaults() throws {
        // LabKnobs' help texts say nothing of their defaults, so the check must name each knob.
        let hidden = try PlanCheck.knobsHidingDefaults(LabKnobs.self)
        #expect(
            hidden.map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["--eta", "--hidden", "--keep"])
        #expect(try PlanCheck.knobsHidingDefaults(NoKnobs.self).isEmpty)
    }

    @Test("The plan check names a plan whose sections or titles differ from the notes")
    func planCheckCatchesMismatches() throws {
        let wrong = ChapterPlan([
            .section("1.1", "A perceptron weighs evidence", seconds: 1, quick: 1),
            .section("1.2", "NAND", seconds: 1, quick: 1),
        ])
        let problems = try PlanCheck.mismatches(wrong, chapter: "01")
        #expect(problems.count == 2)
        #expect(problems.contains { $0.hasPrefix("sections: plan [\"1.1\", \"1.2\"]") })
        #expect(problems.contains { $0 == "1.2: plan \"NAND\", notes \"A perceptron that computes NAND\"" })
    }
}

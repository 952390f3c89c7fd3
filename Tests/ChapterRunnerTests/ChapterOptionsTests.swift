import ArgumentParser
import ChapterRunner
import Testing

@Suite("Chapter options — parsing and validation")
struct ChapterOptionsTests {
    @Test("Defaults: seed 1, output/, full run")
    func defaults() throws {
        let options = try ChapterOptions.parse([])
        #expect(options.seed == 1)
        #expect(options.out == "output")
        #expect(!options.quick)
        #expect(options.data == nil)
        #expect(options.epochs(full: 30, quick: 2) == 30)
    }

    @Test("A --quick run writes under output/quick unless --out says otherwise, never over the committed figures")
    func quickOutput() throws {
        #expect(try ChapterOptions.parse(["--quick"]).out == "output/quick")
        #expect(try ChapterOptions.parse(["--quick", "--out", "output"]).out == "output")
        #expect(try ChapterOptions.parse(["--out", "elsewhere"]).out == "elsewhere")
    }

    @Test("Every option is read")
    func allOptions() throws {
        let options = try ChapterOptions.parse([
            "--seed", "7", "--out", "/tmp/x", "--quick", "--data", "/d", "--epochs", "3",
        ])
        #expect(options.seed == 7)
        #expect(options.out == "/tmp/x")
        #expect(options.quick)
        #expect(options.data == "/d")
        #expect(options.epochs(full: 30, quick: 2) == 3)
    }

    @Test("--quick picks the quick default")
    func quickDefault() throws {
        #expect(try ChapterOptions.parse(["--quick"]).epochs(full: 30, quick: 2) == 2)
    }

    @Test(
        "Invalid values are usage errors with a readable message",
        arguments: [
            ["--epochs", "0"], ["--seed", "-3"], ["--seed", "abc"], ["--unknown"], ["--out", ""],
        ])
    func invalid(arguments: [String]) {
        do {
            _ = try ChapterOptions.parse(arguments)
            Issue.record("parsing \(arguments) should fail")
        } catch {
            #expect(!ChapterOptions.message(for: error).isEmpty)
        }
    }

    @Test(
        "Negative, too large and non-numeric numbers say which numbers the option takes (not \"Missing value\")",
        arguments: [
            (["--seed", "-1"], "--seed takes a whole number from 0 to 9007199254740991"),
            (["--seed", "9007199254740992"], "--seed takes a whole number from 0 to 9007199254740991"),
            (["--seed", "18446744073709551616"], "--seed takes a whole number from 0 to 9007199254740991"),
            (["--seed", "1.5"], "--seed takes a whole number from 0 to 9007199254740991"),
            (["--seed", "1e3"], "--seed takes a whole number from 0 to 9007199254740991"),
            (["--epochs", "-3"], "--epochs takes a whole number from 1 to 1000"),
            (["--epochs", "0"], "--epochs takes a whole number from 1 to 1000"),
            (["--epochs", "1001"], "--epochs takes a whole number from 1 to 1000"),
            (["--epochs", "99999999999999999999"], "--epochs takes a whole number from 1 to 1000"),
            (["--epochs", ""], "--epochs takes a whole number from 1 to 1000"),
        ])
    func numberMessages(arguments: [String], expected: String) {
        do {
            _ = try ChapterOptions.parse(arguments)
            Issue.record("parsing \(arguments) should fail")
        } catch {
            let message = ChapterOptions.message(for: error)
            #expect(message.contains(expected), "\(arguments): \(message)")
            #expect(!message.contains("Missing value"), "\(arguments): \(message)")
        }
    }

    @Test("The bounds themselves are accepted")
    func bounds() throws {
        #expect(try ChapterOptions.parse(["--seed", "0"]).seed == 0)
        #expect(try ChapterOptions.parse(["--seed", "9007199254740991"]).seed == ChapterOptions.largestSeed)
        #expect(try ChapterOptions.parse(["--epochs", "1"]).epochs == 1)
        #expect(try ChapterOptions.parse(["--epochs", "1000"]).epochs == ChapterOptions.largestEpochs)
    }

    @Test("--epochs is refused by the chapters that do not read it, naming the ones that do")
    func epochsRefused() throws {
        let options = try ChapterOptions.parse(["--epochs", "3"])
        for chapter in ChapterOptions.chaptersTakingEpochs {
            try options.checkEpochs(chapter: chapter)
        }
        for chapter in [7, 8] {
            do {
                try options.checkEpochs(chapter: chapter)
                Issue.record("Chapter \(chapter) accepted --epochs")
            } catch {
                #expect("\(error)".contains("--epochs is read by Chapters 01–06 only; Chapter 0\(chapter)"))
            }
        }
        // Without --epochs every chapter runs.
        try ChapterOptions.parse([]).checkEpochs(chapter: 8)
    }
}

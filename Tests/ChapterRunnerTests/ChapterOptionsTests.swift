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

    @Test("The message for a zero epoch count names the option")
    func epochsMessage() {
        do {
            _ = try ChapterOptions.parse(["--epochs", "0"])
            Issue.record("parsing --epochs 0 should fail")
        } catch {
            #expect(ChapterOptions.message(for: error).contains("--epochs must be at least 1"))
        }
    }
}

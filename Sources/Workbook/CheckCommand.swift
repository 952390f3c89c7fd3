// `swift run Workbook check 3.2`: check one exercise (the first not done when no id is given).

import ArgumentParser
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check one exercise: build it, run its checks, show the first that fails.")

    @Argument(help: "The exercise, as the notes number it (e.g. 3.2). Default: the first not done.")
    var id: String?

    @Option(name: .long, help: "Seconds one check may run before it is stopped (an endless loop).")
    var timeLimit: Double = 60

    func validate() throws {
        guard timeLimit > 0, timeLimit <= 3600 else { throw ValidationError("--time-limit takes 1 to 3600 seconds") }
    }

    func run() throws {
        var verdict = LearnerCheck.Verdict.passed
        try failing {
            let session = try Session.open()
            guard let exercise = try id.map({ try session.catalog.exercise($0) }) ?? session.nextPending() else {
                print("Every exercise is done.")
                return
            }
            var checker = LearnerCheck(session: session, timeLimit: timeLimit)
            verdict = try checker.check(exercise)
        }
        if verdict != .passed { throw ExitCode.failure }
    }
}

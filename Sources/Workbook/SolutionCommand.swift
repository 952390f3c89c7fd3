// `swift run Workbook solution 3.2`: the reference solution, once the exercise passes.

import ArgumentParser
import Foundation

struct SolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution", abstract: "Show the reference solution of an exercise you have done.")

    @Argument(help: "The exercise (e.g. 3.2).")
    var id: String

    @Flag(name: .long, help: "Show it even though the exercise does not pass yet (recorded in your progress).")
    var peek = false

    func run() throws {
        try failing {
            var session = try Session.open()
            let exercise = try session.catalog.exercise(id)
            var entry = session.progress[id]
            guard entry.done || peek else {
                printError(
                    "exercise \(id) does not pass yet; solve it first (`swift run Workbook check \(id)`), "
                        + "or look anyway with `swift run Workbook solution \(id) --peek`")
                throw ExitCode.failure
            }
            let path = session.path(exercise.solution)
            let reference = try String(contentsOf: exercise.solution, encoding: .utf8)
            let text = try ExerciseSource.solution(fromReference: reference, file: path)
            print(Style.bold("Reference solution of \(id)") + Style.dim("  (\(path))") + "\n")
            print(text.trimmingCharacters(in: .whitespacesAndNewlines))
            if !exercise.mistakes.isEmpty {
                print(
                    Style.dim(
                        "\nClassic wrong answers the checks catch: \(exercise.mistakes.map { session.path($0) }.joined(separator: ", "))"
                    ))
            }
            entry.solutionSeen = true
            session.progress[id] = entry
            session.save()
        }
    }
}

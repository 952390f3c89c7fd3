// `swift run Workbook hint 3.2`: the next hint, gentlest first; earlier ones are shown again.

import ArgumentParser

struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint", abstract: "Show the next hint for an exercise (each one says a little more).")

    @Argument(help: "The exercise (e.g. 3.2).")
    var id: String

    @Flag(name: .long, help: "Show every hint at once.")
    var all = false

    func run() throws {
        try failing {
            var session = try Session.open()
            let exercise = try session.catalog.exercise(id)
            var entry = session.progress[id]
            let level = all ? exercise.hints.count : min(entry.hintsSeen + 1, exercise.hints.count)
            print(Style.bold("Exercise \(id): \(exercise.title)") + " (\(exercise.equation))")
            for (index, hint) in exercise.hints.prefix(level).enumerated() {
                print("\nHint \(index + 1) of \(exercise.hints.count): \(hint)")
            }
            if level < exercise.hints.count {
                print("\n(`swift run Workbook hint \(id)` again for hint \(level + 1).)")
            } else {
                print(
                    "\nThat is every hint. The notes: Chapters/Chapter\(String(format: "%02d", exercise.chapter))/README.md."
                )
            }
            entry.hintsSeen = max(entry.hintsSeen, level)
            session.progress[id] = entry
            session.save()
        }
    }
}

// `swift run Workbook reset 3.2` (or `--chapter 3`, or `--all`): put exercises back to their
// pristine stubs, offline (the stub is made from the reference in the checkout), and forget them
// in the progress file.

import ArgumentParser
import Foundation

struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Put exercises back to their untouched stubs (your code in them is lost).")

    @Argument(help: "The exercise (e.g. 3.2).")
    var id: String?

    @Option(name: .long, help: "Every exercise of this chapter (1–8).")
    var chapter: Int?

    @Flag(name: .long, help: "Every exercise.")
    var all = false

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    func validate() throws {
        let chosen = [id != nil, chapter != nil, all].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("say what to reset: an exercise id, --chapter N or --all") }
    }

    func run() throws {
        try failing {
            var session = try Session.open()
            let targets: [Exercise]
            if let id {
                targets = [try session.catalog.exercise(id)]
            } else if let chapter {
                targets = session.catalog.exercises.filter { $0.chapter == chapter }
                guard !targets.isEmpty else { throw ValidationError("chapter \(chapter) has no exercises") }
            } else {
                targets = session.catalog.exercises
            }
            let stubs = try targets.map { exercise -> (Exercise, String) in
                let reference = try String(contentsOf: exercise.solution, encoding: .utf8)
                return (
                    exercise,
                    try ExerciseSource.stub(
                        fromReference: reference, file: session.path(exercise.solution), exercise: exercise.id)
                )
            }
            let changed = stubs.filter { (try? String(contentsOf: $0.0.file, encoding: .utf8)) != $0.1 }
            let what = targets.count == 1 ? "exercise \(targets[0].id)" : "\(targets.count) exercises"
            if !yes, !changed.isEmpty {
                guard isatty(0) == 1 else {
                    throw ValidationError(
                        "resetting \(what) discards your code in \(changed.count) file(s); add --yes to confirm")
                }
                print("Reset \(what)? Your code in \(changed.count) file(s) will be lost:")
                for (exercise, _) in changed.prefix(8) { print("  \(session.path(exercise.file))") }
                print("Type y and Enter to reset: ", terminator: "")
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "y" else {
                    print("Nothing was reset.")
                    return
                }
            }
            for (exercise, stub) in stubs {
                try writeIfChanged(stub, to: exercise.file)
                session.progress.exercises[exercise.id] = nil
            }
            session.save()
            print(
                "Reset \(what) to the untouched stub\(targets.count == 1 ? "" : "s")"
                    + (targets.count == 1 ? ": \(session.path(targets[0].file))" : "."))
        }
    }
}

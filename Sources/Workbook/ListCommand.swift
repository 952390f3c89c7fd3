// `swift run Workbook list`: every exercise with its status, chapter by chapter.

import ArgumentParser
import Foundation

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show every exercise and your progress (the default).")

    @Option(name: .long, help: "Only this chapter (1–8).")
    var chapter: Int?

    func run() throws {
        try failing {
            let session = try Session.open()
            let exercises = session.catalog.exercises.filter { chapter == nil || $0.chapter == chapter }
            guard !exercises.isEmpty else { throw ValidationError("chapter \(chapter ?? 0) has no exercises") }
            let done = session.catalog.exercises.filter { session.progress[$0.id].done }.count
            let total = session.catalog.exercises.count
            print(Style.bold("Neural Workbook exercises — \(done) of \(total) done") + "  " + bar(done, total))
            for number in Set(exercises.map(\.chapter)).sorted() {
                let inChapter = exercises.filter { $0.chapter == number }
                let chapterDone = inChapter.filter { session.progress[$0.id].done }.count
                let folder = inChapter.first.map { session.path($0.file.deletingLastPathComponent()) } ?? ""
                print(
                    "\nChapter \(String(format: "%02d", number))  \(chapterDone)/\(inChapter.count)  "
                        + Style.dim(folder + "/"))
                for exercise in inChapter {
                    let entry = session.progress[exercise.id]
                    let changed =
                        entry.done && entry.fileHash != nil && entry.fileHash != fingerprint(of: exercise.file)
                    let mark =
                        changed ? "~" : entry.done ? Style.green("✓") : (entry.attempts > 0 ? Style.red("✗") : "·")
                    let id = exercise.id.padding(toLength: 5, withPad: " ", startingAt: 0)
                    let note = changed ? Style.dim("  (edited since it passed: check it again)") : ""
                    print("  \(mark) \(id) \(exercise.title) (\(exercise.equation))\(note)")
                }
            }
            print(Style.dim("\n✓ done · ✗ tried, not passing yet · · not started · ~ edited since it passed"))
            if let next = exercises.first(where: { !session.progress[$0.id].done }) ?? session.nextPending() {
                print("\nNext: \(next.id) \(next.title) — edit \(session.path(next.file)), then")
                print("      swift run Workbook check \(next.id)   (or `watch` to check on every save)")
            } else {
                print("\nEvery exercise is done. `swift run Workbook solution ID` shows the reference to compare with.")
            }
        }
    }

    private func bar(_ done: Int, _ total: Int) -> String {
        let width = 24
        let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded())
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]"
    }
}

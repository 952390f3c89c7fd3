// `swift run Workbook`: the exercises of the notes, written by the learner and checked by the
// workbook. `list` shows progress, `check 3.2` runs one exercise's checks, `hint`, `solution`,
// `reset` and `watch` do what they say, and `verify` proves every check can fail.

import ArgumentParser
import Foundation

@main
struct Workbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Workbook",
        abstract: "The workbook's exercises: write the code, let the workbook check it.",
        discussion: """
            Each chapter's exercises are files in Chapters/ChapterNN/Exercises/. Open one, replace the line
            `throw NotDone(...)` with your code, then run `swift run Workbook check 3.2` (or `watch`, which
            checks again every time you save). Progress is kept in Chapters/.workbook-progress.json.
            """,
        subcommands: [
            ListCommand.self, CheckCommand.self, WatchCommand.self, HintCommand.self, SolutionCommand.self,
            ResetCommand.self, VerifyCommand.self,
        ],
        defaultSubcommand: ListCommand.self)
}

/// What every command starts from: the checkout, its exercises and the learner's progress.
struct Session: Sendable {
    var root: URL
    var catalog: Catalog
    var progress: Progress

    static func open() throws -> Session {
        let root = try checkoutRoot()
        let catalog = try Catalog.load(root: root)
        guard !catalog.exercises.isEmpty else {
            throw Catalog.LoadError(description: "no exercises found under \(root.path)/Chapters/*/Exercises")
        }
        return Session(root: root, catalog: catalog, progress: Progress.load(root: root))
    }

    func path(_ url: URL) -> String { checkoutPath(url, root: root) }

    func save() {
        do { try progress.save(root: root) } catch { printError("could not save progress: \(error)") }
    }

    /// The first exercise not done after `id` (or from the start).
    func nextPending(after id: String? = nil) -> Exercise? {
        let exercises = catalog.exercises
        let start = id.flatMap { id in exercises.firstIndex { $0.id == id }.map { $0 + 1 } } ?? 0
        return (exercises[start...] + exercises[..<start]).first { !progress[$0.id].done && $0.id != id }
    }
}

/// Turns an error thrown by the workbook itself into one line and exit status 1.
func failing(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        printError("\(error)")
        throw ExitCode.failure
    }
}

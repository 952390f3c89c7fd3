// `swift run Workbook watch`: check the current exercise, then again every time its file is saved.
// Type n and Enter for the next exercise, h for a hint, q to quit.

import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Check an exercise every time you save it (n: next, h: hint, q: quit).")

    @Argument(help: "The exercise to start with (e.g. 3.2). Default: the first not done.")
    var id: String?

    @Option(name: .long, help: "Seconds one check may run before it is stopped.")
    var timeLimit: Double = 60

    @Option(name: .long, help: "Stop after this many checks (for scripts; default: until q).")
    var rounds: Int?

    func run() throws {
        try failing {
            let session = try Session.open()
            guard var current = try id.map({ try session.catalog.exercise($0) }) ?? session.nextPending() else {
                print("Every exercise is done.")
                return
            }
            let keys = Keys()
            if isatty(0) == 1 { keys.start() }
            var checked = 0
            while true {
                var checker = LearnerCheck(
                    session: Session(
                        root: session.root, catalog: session.catalog,
                        progress: Progress.load(root: session.root)),
                    timeLimit: timeLimit)
                _ = try checker.check(current)
                checked += 1
                if let rounds, checked >= rounds { return }
                print(
                    Style.dim(
                        "\nWatching \(checker.session.path(current.file)) — save it to check again; n next, h hint, q quit."
                    ))
                let stamp = modified(current.file)
                var next: Exercise? = nil
                waiting: while true {
                    usleep(300_000)
                    switch keys.take() {
                    case "q": return
                    case "n":
                        next =
                            Session(
                                root: session.root, catalog: session.catalog,
                                progress: Progress.load(root: session.root)
                            )
                            .nextPending(after: current.id) ?? current
                        break waiting
                    case "h":
                        try HintCommand.parse([current.id]).run()
                    default: break
                    }
                    if modified(current.file) != stamp { break waiting }
                }
                if let next { current = next }
                print("")
            }
        }
    }

    private func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }
}

/// Lines typed while watching, read on a thread of their own.
final class Keys: Sendable {
    private let pending = Locked([String]())

    func start() {
        let pending = self.pending
        Thread {
            while let line = readLine() {
                let key = line.trimmingCharacters(in: .whitespaces).lowercased()
                pending.update { $0.append(key) }
            }
        }.start()
    }

    func take() -> String? {
        var key: String?
        pending.update { if !$0.isEmpty { key = $0.removeFirst() } }
        return key
    }
}

// Checking the learner's answer to one exercise: build it alone, run its checks one process at a
// time, stop at the first that fails and say why; record the result in the progress file.

import ExerciseKit
import Foundation

struct LearnerCheck {
    var session: Session
    var timeLimit: Double

    enum Verdict {
        case passed, notDone, failed, doesNotCompile
    }

    /// Builds and checks `exercise`, printing what the learner needs to read.
    mutating func check(_ exercise: Exercise) throws -> Verdict {
        let packages = ExercisePackages(catalog: session.catalog)
        try packages.writeLearnerPackage()
        let builder = try Builder(packages: packages)
        let firstBuild = !FileManager.default.fileExists(
            atPath: packages.learnerPackage.appendingPathComponent(".build/debug").path)
        print(Style.bold("Exercise \(exercise.id): \(exercise.title)") + " (\(exercise.equation))")
        if firstBuild {
            print(
                Style.dim(
                    "Building the exercises for the first time: this compiles NeuralCore once (about half a minute on two cores)…"
                )
            )
        }
        let program: URL
        switch try builder.build(package: packages.learnerPackage, product: ExercisePackages.learnerTarget(exercise)) {
        case .failed(let messages):
            print(Style.red("✗ \(session.path(exercise.file)) does not compile:") + "\n")
            print(messages)
            record(exercise, passed: false)
            return .doesNotCompile
        case .built(let built):
            program = built
        }
        let runner = CheckRunner(program: program, timeLimit: timeLimit, rewrite: { builder.learnerMessages($0) })
        let names = try runner.checkNames(exercise.id)
        for (index, name) in names.enumerated() {
            let outcome = try runner.run(exercise.id, index: index, name: name)
            switch outcome.result.status {
            case .passed:
                print(Style.green("  ✓ ") + name)
                continue
            case .notDone:
                print("  · \(name)")
                print("\nNot done yet: open \(session.path(exercise.file)) and replace the line")
                print("    throw NotDone(\"\(exercise.id)\")")
                print("with your code. `swift run Workbook hint \(exercise.id)` if you want a start.")
                record(exercise, passed: false, attempted: false)
                return .notDone
            case .failed:
                print(Style.red("  ✗ ") + name + "  (check \(index + 1) of \(names.count))")
                for line in outcome.result.lines { print("      " + line) }
                if let diagnosis = outcome.result.diagnosis { print(Style.bold("      likely mistake: ") + diagnosis) }
                if !outcome.printed.isEmpty {
                    print(Style.dim("      your code printed:"))
                    for line in outcome.printed.split(separator: "\n").prefix(10) {
                        print(Style.dim("        " + line))
                    }
                }
                record(exercise, passed: false)
                let entry = session.progress[exercise.id]
                if entry.hintsSeen < exercise.hints.count {
                    let offer = entry.attempts >= 3 ? "Stuck? " : ""
                    print(
                        "\n\(offer)Hint \(entry.hintsSeen + 1) of \(exercise.hints.count): swift run Workbook hint \(exercise.id)"
                    )
                }
                return .failed
            }
        }
        record(exercise, passed: true)
        print(Style.green("\n✓ Exercise \(exercise.id) done: all \(names.count) checks pass."))
        print("  Compare with the reference: swift run Workbook solution \(exercise.id)")
        if let next = session.nextPending(after: exercise.id) {
            print("  Next: \(next.id) \(next.title) — \(session.path(next.file))")
        } else {
            print("  That was the last one: every exercise is done.")
        }
        return .passed
    }

    private mutating func record(_ exercise: Exercise, passed: Bool, attempted: Bool = true) {
        var entry = session.progress[exercise.id]
        if attempted { entry.attempts += 1 }
        if passed {
            if !entry.done { entry.passedAt = ISO8601DateFormatter().string(from: Date()) }
            entry.done = true
            entry.fileHash = fingerprint(of: exercise.file)
        } else {
            entry.done = false
        }
        session.progress[exercise.id] = entry
        session.save()
    }
}

// `swift run Workbook verify`: proves every check honest. For every exercise the reference
// solution passes every check, the pristine stub fails every check, and each known mistake fails
// with the diagnosis it is written to produce. CI runs it and prints its one-line count.

import ArgumentParser
import ExerciseKit
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Prove every check can fail: references pass, stubs fail, known mistakes are caught.")

    @Flag(name: .long, help: "Also require each learner file to be its untouched stub (CI, on a fresh clone).")
    var pristine = false

    @Option(name: .long, help: "Only the exercises whose id starts with this (e.g. 3. or 3.2).")
    var only: String?

    @Option(name: .long, help: "Seconds one check may run.")
    var timeLimit: Double = 120

    func run() throws {
        var problems: [String] = []
        try failing {
            var session = try Session.open()
            if let only { session.catalog.exercises.removeAll { !$0.id.hasPrefix(only) } }
            let packages = ExercisePackages(catalog: session.catalog)
            let plans = try packages.writeVerifyPackage()
            let builder = try Builder(packages: packages)
            print("Building every reference, stub and known mistake…")
            let program: URL
            switch try builder.build(package: packages.verifyPackage, product: "VerifyExercises") {
            case .failed(let messages):
                print(messages)
                throw ValidationError("the references, stubs or mistakes do not compile")
            case .built(let built): program = built
            }
            let runner = CheckRunner(program: program, timeLimit: timeLimit)
            var counts = (checks: 0, references: 0, stubChecks: 0, stubFailing: 0, mistakes: 0, caught: 0, pristine: 0)
            for exercise in session.catalog.exercises {
                guard let plan = plans[exercise.id] else { continue }
                let names = try runner.checkNames(plan.reference)
                counts.checks += names.count
                if names.isEmpty { problems.append("\(exercise.id): has no checks") }
                // The reference passes every check.
                var referencePasses = !names.isEmpty
                for (index, name) in names.enumerated() {
                    let outcome = try runner.run(plan.reference, index: index, name: name)
                    if outcome.result.status != .passed {
                        referencePasses = false
                        problems.append(
                            "\(exercise.id): the reference fails “\(name)”: "
                                + outcome.result.lines.joined(separator: " "))
                    }
                }
                if referencePasses { counts.references += 1 }
                // The pristine stub fails every check: each one really calls the learner's code.
                for (index, name) in names.enumerated() {
                    counts.stubChecks += 1
                    let outcome = try runner.run(plan.stub, index: index, name: name)
                    if outcome.result.status == .notDone {
                        counts.stubFailing += 1
                    } else {
                        problems.append(
                            "\(exercise.id): the untouched stub does not fail “\(name)” (\(outcome.result.status))")
                    }
                }
                // Each known mistake fails, and the first failing check names it.
                if plan.mistakes.isEmpty {
                    problems.append("\(exercise.id): no known mistake is written beside the reference")
                }
                for (key, mistake) in plan.mistakes {
                    counts.mistakes += 1
                    var caught = false
                    var seen = "every check passed"
                    for (index, name) in names.enumerated() {
                        let outcome = try runner.run(key, index: index, name: name)
                        guard outcome.result.status != .passed else { continue }
                        let diagnosis = outcome.result.diagnosis ?? "(none)"
                        caught = diagnosis.localizedCaseInsensitiveContains(mistake.diagnosis)
                        seen = "“\(name)” failed with diagnosis \(diagnosis)"
                        break
                    }
                    if caught {
                        counts.caught += 1
                    } else {
                        problems.append(
                            "\(exercise.id): mistake \(mistake.slug) should be diagnosed “\(mistake.diagnosis)”, but \(seen)"
                        )
                    }
                }
                if pristine {
                    let reference = try String(contentsOf: exercise.solution, encoding: .utf8)
                    let stub = try ExerciseSource.stub(
                        fromReference: reference, file: session.path(exercise.solution), exercise: exercise.id)
                    if (try? String(contentsOf: exercise.file, encoding: .utf8)) == stub {
                        counts.pristine += 1
                    } else {
                        problems.append(
                            "\(exercise.id): \(session.path(exercise.file)) is not the stub of \(session.path(exercise.solution))"
                        )
                    }
                }
            }
            let total = session.catalog.exercises.count
            for problem in problems { print(Style.red("✗ ") + problem) }
            var line =
                "exercises: \(total), checks: \(counts.checks), references passing: \(counts.references)/\(total), "
                + "stub checks failing: \(counts.stubFailing)/\(counts.stubChecks), "
                + "mistakes caught: \(counts.caught)/\(counts.mistakes)"
            if pristine { line += ", learner files untouched: \(counts.pristine)/\(total)" }
            print(line)
        }
        if !problems.isEmpty { throw ExitCode.failure }
    }
}

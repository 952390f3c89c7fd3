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
            guard !session.catalog.exercises.isEmpty else {
                throw ValidationError("no exercise id starts with \(only ?? "")")
            }
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
            let exercises = session.catalog.exercises
            let snapshot = session
            // Exercises are independent processes: two at a time keep both cores busy.
            let verdicts = Locked([ExerciseVerdict?](repeating: nil, count: exercises.count))
            DispatchQueue.concurrentPerform(iterations: exercises.count) { index in
                let exercise = exercises[index]
                let verdict = ExerciseVerdict.of(
                    exercise, plan: plans[exercise.id], runner: runner, pristine: pristine, session: snapshot)
                verdicts.update { $0[index] = verdict }
            }
            var total = ExerciseVerdict()
            for verdict in verdicts.value.compactMap({ $0 }) { total.add(verdict) }
            problems = total.problems
            for problem in problems { print(Style.red("✗ ") + problem) }
            var line =
                "exercises: \(exercises.count), checks: \(total.checks), "
                + "references passing: \(total.references)/\(exercises.count), "
                + "stub checks failing: \(total.stubFailing)/\(total.stubChecks), "
                + "mistakes caught: \(total.caught)/\(total.mistakes)"
            if pristine { line += ", learner files untouched: \(total.pristine)/\(exercises.count)" }
            print(line)
        }
        if !problems.isEmpty { throw ExitCode.failure }
    }
}

/// What verification found for one exercise (or, added up, for all).
struct ExerciseVerdict: Sendable {
    var checks = 0
    var references = 0
    var stubChecks = 0
    var stubFailing = 0
    var mistakes = 0
    var caught = 0
    var pristine = 0
    var problems: [String] = []

    mutating func add(_ other: ExerciseVerdict) {
        checks += other.checks
        references += other.references
        stubChecks += other.stubChecks
        stubFailing += other.stubFailing
        mistakes += other.mistakes
        caught += other.caught
        pristine += other.pristine
        problems += other.problems
    }

    static func of(
        _ exercise: Exercise, plan: ExercisePackages.VerifyPlan?, runner: CheckRunner, pristine: Bool, session: Session
    ) -> ExerciseVerdict {
        var verdict = ExerciseVerdict()
        guard let plan else { return verdict }
        do {
            try verdict.verify(exercise, plan: plan, runner: runner)
            if pristine { try verdict.verifyPristine(exercise, session: session) }
        } catch {
            verdict.problems.append("\(exercise.id): \(error)")
        }
        return verdict
    }

    private mutating func verify(_ exercise: Exercise, plan: ExercisePackages.VerifyPlan, runner: CheckRunner) throws {
        let names = try runner.checkNames(plan.reference)
        checks = names.count
        if names.isEmpty { problems.append("\(exercise.id): has no checks") }
        // The reference passes every check.
        var referencePasses = !names.isEmpty
        for (index, name) in names.enumerated() {
            let outcome = try runner.run(plan.reference, index: index, name: name)
            if outcome.result.status != .passed {
                referencePasses = false
                problems.append(
                    "\(exercise.id): the reference fails “\(name)”: " + outcome.result.lines.joined(separator: " "))
            }
        }
        if referencePasses { references = 1 }
        // The pristine stub fails every check: each one really calls the learner's code.
        for (index, name) in names.enumerated() {
            stubChecks += 1
            let outcome = try runner.run(plan.stub, index: index, name: name)
            if outcome.result.status == .notDone {
                stubFailing += 1
            } else {
                problems.append("\(exercise.id): the untouched stub does not fail “\(name)” (\(outcome.result.status))")
            }
        }
        // Each known mistake fails, and the first failing check names it.
        if plan.mistakes.isEmpty { problems.append("\(exercise.id): no known mistake is written beside the reference") }
        for (key, mistake) in plan.mistakes {
            mistakes += 1
            var seen = "every check passed"
            var wasCaught = false
            for (index, name) in names.enumerated() {
                let outcome = try runner.run(key, index: index, name: name)
                guard outcome.result.status != .passed else { continue }
                let diagnosis = outcome.result.diagnosis ?? "(none)"
                wasCaught = diagnosis.localizedCaseInsensitiveContains(mistake.diagnosis)
                seen = "“\(name)” failed with diagnosis \(diagnosis)"
                break
            }
            if wasCaught {
                caught += 1
            } else {
                problems.append(
                    "\(exercise.id): mistake \(mistake.slug) should be diagnosed “\(mistake.diagnosis)”, but \(seen)")
            }
        }
    }

    private mutating func verifyPristine(_ exercise: Exercise, session: Session) throws {
        let reference = try String(contentsOf: exercise.solution, encoding: .utf8)
        let stub = try ExerciseSource.stub(
            fromReference: reference, file: session.path(exercise.solution), exercise: exercise.id)
        if (try? String(contentsOf: exercise.file, encoding: .utf8)) == stub {
            pristine = 1
        } else {
            problems.append(
                "\(exercise.id): \(session.path(exercise.file)) is not the stub of \(session.path(exercise.solution))")
        }
    }
}

/// A value shared between threads, behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func update(_ body: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&stored)
    }
}

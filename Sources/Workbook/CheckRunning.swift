// Running one check of one exercise in a process of its own, with a time limit, and reading its
// result: a pass, a failure with its lines and diagnosis, "not done yet", a crash or a timeout.

import ExerciseKit
import Foundation

struct CheckOutcome {
    var index: Int
    var result: CheckResult
    /// What the learner's code printed while the check ran.
    var printed: String
    var crashed: Bool = false
    var timedOut: Bool = false
}

struct CheckRunner: Sendable {
    var program: URL
    /// Seconds one check may take.
    var timeLimit: Double
    /// Paths to show instead of generated ones in crash messages.
    var rewrite: @Sendable (String) -> String = { $0 }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The names of the checks of `key`.
    func checkNames(_ key: String) throws -> [String] {
        let finished = try Subprocess.run(program.path, ["list", key], timeLimit: 30)
        guard finished.ending == .exited(0), let line = resultLine(finished.output),
            let names = try? JSONDecoder().decode([String].self, from: Data(line.utf8))
        else {
            throw Failure(description: "could not list the checks of \(key): \(finished.errors)\(finished.output)")
        }
        return names
    }

    func run(_ key: String, index: Int, name: String) throws -> CheckOutcome {
        var environment = ProcessInfo.processInfo.environment
        // Swift's backtracer names the line of a crash, so the learner sees where it happened.
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none"
        let finished = try Subprocess.run(
            program.path, ["run", key, String(index)], timeLimit: timeLimit, environment: environment)
        let printed = finished.output.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(ExerciseMain.resultMarker) }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        switch finished.ending {
        case .timedOut:
            return CheckOutcome(
                index: index,
                result: CheckResult(
                    name: name, status: .failed,
                    lines: ["stopped after \(Int(timeLimit)) s: an endless loop, or far too much work?"]),
                printed: printed, timedOut: true)
        case .signal(let signal):
            return crash(
                index: index, name: name, how: "crashed (signal \(signal))", errors: finished.errors, printed: printed)
        case .exited(let status):
            if let line = resultLine(finished.output),
                let result = try? JSONDecoder().decode(CheckResult.self, from: Data(line.utf8))
            {
                return CheckOutcome(index: index, result: result, printed: printed)
            }
            return crash(
                index: index, name: name, how: "stopped with exit status \(status)", errors: finished.errors,
                printed: printed)
        }
    }

    private func crash(index: Int, name: String, how: String, errors: String, printed: String) -> CheckOutcome {
        let report = CrashReport(errors, rewrite: rewrite)
        return CheckOutcome(
            index: index,
            result: CheckResult(
                name: name, status: .failed,
                lines: ["your code \(how) before the check could finish"] + report.lines,
                diagnosis: report.diagnosis),
            printed: printed, crashed: true)
    }

    private func resultLine(_ output: String) -> String? {
        output.split(separator: "\n").last { $0.hasPrefix(ExerciseMain.resultMarker) }
            .map { String($0.dropFirst(ExerciseMain.resultMarker.count)) }
    }
}

// One check of an exercise: a name a learner reads and a body that throws when the answer is wrong.

/// One check of an exercise, run in a process of its own by `swift run Workbook check`.
///
/// The body calls the learner's code, compares what it returns with an oracle that does not use
/// that code (central differences, the core's own implementation, numbers the notes derive) and
/// throws a `CheckFailure` saying what was expected, what came back and, where it can tell, why.
public struct Check: Sendable {
    /// What is checked, as the learner reads it: "Eq. 3.3 — δᴸ of a batch of three examples".
    public let name: String
    let body: @Sendable () throws -> Void

    public init(_ name: String, _ body: @escaping @Sendable () throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the body and says how it went; a `NotDone` thrown by the learner's stub is "not done".
    public func run() -> CheckResult {
        do {
            try body()
            return CheckResult(name: name, status: .passed)
        } catch let failure as CheckFailure {
            return CheckResult(name: name, status: .failed, lines: failure.lines, diagnosis: failure.diagnosis)
        } catch let notDone as NotDone {
            return CheckResult(name: name, status: .notDone, lines: ["\(notDone)"])
        } catch {
            return CheckResult(name: name, status: .failed, lines: ["your code threw an error: \(error)"])
        }
    }
}

/// Why a check failed: a few lines for the learner and, when the check can tell, the likely mistake.
public struct CheckFailure: Error, Sendable, CustomStringConvertible {
    public var lines: [String]
    public var diagnosis: String?

    public init(_ lines: [String], diagnosis: String? = nil) {
        self.lines = lines
        self.diagnosis = diagnosis
    }

    public init(_ line: String, diagnosis: String? = nil) {
        self.init([line], diagnosis: diagnosis)
    }

    public var description: String {
        (lines + (diagnosis.map { ["likely mistake: \($0)"] } ?? [])).joined(separator: "\n")
    }
}

/// What one check process reports to the runner, as one JSON line on standard output.
public struct CheckResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case passed, failed, notDone
    }

    public var name: String
    public var status: Status
    public var lines: [String]
    public var diagnosis: String?

    public init(name: String, status: Status, lines: [String] = [], diagnosis: String? = nil) {
        self.name = name
        self.status = status
        self.lines = lines
        self.diagnosis = diagnosis
    }
}

// The command line of an exercise's check program. The runner starts one process per check:
//   <program> list <exercise>            the names of its checks, as a JSON array
//   <program> run <exercise> <index>     one check; its result as one JSON line on standard output
// so a trap, a crash or an endless loop in the learner's code ends or stalls that process only.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Runs the check program for a table of exercises (one entry in a learner's build, all the
/// references, stubs and known mistakes in the build that verifies them).
public enum ExerciseMain {
    /// The marker in front of the result line, so the learner's own `print`s never confuse it.
    public static let resultMarker = "@@workbook-result "

    public static func run(_ table: [String: [Check]], arguments: [String] = CommandLine.arguments) -> Never {
        let words = Array(arguments.dropFirst())
        switch words.first {
        case "list" where words.count == 2:
            guard let checks = table[words[1]] else { fail("no exercise \(words[1]) in this program") }
            let names = checks.map(\.name)
            let data = (try? JSONEncoder().encode(names)) ?? Data("[]".utf8)
            report(data)
            exit(0)
        case "run" where words.count == 3:
            guard let checks = table[words[1]] else { fail("no exercise \(words[1]) in this program") }
            guard let index = Int(words[2]), checks.indices.contains(index) else {
                fail("no check \(words[2]) in exercise \(words[1]) (it has \(checks.count))")
            }
            let result = checks[index].run()
            let data = (try? JSONEncoder().encode(result)) ?? Data()
            report(data)
            exit(result.status == .passed ? 0 : 1)
        default:
            fail("this program is started by `swift run Workbook check`; it takes `list ID` or `run ID INDEX`")
        }
    }

    private static func report(_ json: Data) {
        FileHandle.standardOutput.write(Data(("\n" + resultMarker).utf8) + json + Data("\n".utf8))
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(64)
    }
}

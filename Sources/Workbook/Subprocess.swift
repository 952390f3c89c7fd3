// Running a program with a time limit, its output in files (a pipe that fills up would stall a
// chatty child), and how it ended.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct Finished {
    enum Ending: Equatable {
        case exited(Int32)
        case signal(Int32)
        case timedOut
    }

    var ending: Ending
    var output: String
    var errors: String
}

enum Subprocess {
    /// Runs `executable` with `arguments`, stopping it after `timeLimit` seconds.
    static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, timeLimit: Double? = nil,
        environment: [String: String]? = nil
    ) throws -> Finished {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "workbook-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()

        var timedOut = false
        let deadline = timeLimit.map { Date().addingTimeInterval($0) }
        while process.isRunning {
            if let deadline, Date() > deadline {
                timedOut = true
                process.terminate()
                usleep(200_000)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let ending: Finished.Ending
        if timedOut {
            ending = .timedOut
        } else if process.terminationReason == .uncaughtSignal {
            ending = .signal(process.terminationStatus)
        } else {
            ending = .exited(process.terminationStatus)
        }
        return Finished(
            ending: ending, output: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// The full path of a program on PATH.
    static func find(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

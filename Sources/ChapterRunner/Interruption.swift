// What a chapter does when it is stopped (Ctrl-C, `kill`, a closed terminal or pipe): remove the
// run's unfinished files, say so in one line, and exit with 128 + the signal's number.

import Foundation
import NeuralCore

/// The signal handlers of a chapter run. The handler itself only writes the signal's number to a
/// pipe (one of the few things a handler may safely do); a thread waiting on that pipe does the
/// clean-up with `TemporaryFiles.shared.removeAllAndExit`.
public enum Interruption {
    /// The signals that end a run with a clean-up: interrupt, terminate, hang-up, broken pipe.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]

    private static let installation = Installation()

    /// Installs the handlers (once per process; later calls do nothing).
    public static func install() {
        _ = installation
    }

    /// The exit status for a run stopped by `signal`, as a shell reports it: 130 for SIGINT,
    /// 143 for SIGTERM.
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// The line printed after the clean-up.
    static func message(signal: Int32, removed: Int) -> String {
        let name =
            switch signal {
            case SIGINT: "interrupted (SIGINT)"
            case SIGTERM: "terminated (SIGTERM)"
            case SIGHUP: "hung up (SIGHUP)"
            case SIGPIPE: "output pipe closed (SIGPIPE)"
            default: "stopped by signal \(signal)"
            }
        let files = removed == 0 ? "nothing unfinished to remove" : "removed this run's unfinished files"
        return "\(name): \(files); the figures and results.json of earlier runs are untouched"
    }

    private final class Installation: Sendable {
        init() {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            signalPipe = ends[1]
            let reader = ends[0]
            let thread = Thread {
                var number: UInt8 = 0
                var count = -1
                while count != 1 {
                    count = read(reader, &number, 1)
                    if count == 0 { return }
                }
                let signal = Int32(number)
                let program = ProcessInfo.processInfo.processName
                TemporaryFiles.shared.removeAllAndExit(status: Interruption.exitStatus(for: signal)) { removed in
                    // On a line of its own, after whatever the run was printing.
                    "\n\(program): " + Interruption.message(signal: signal, removed: removed)
                }
            }
            thread.name = "signal clean-up"
            thread.start()
            var unblock = sigset_t()
            sigemptyset(&unblock)
            for signal in Interruption.signals {
                // A signal the parent chose to ignore (`nohup` ignores SIGHUP) stays ignored.
                var previous = sigaction()
                guard sigaction(signal, nil, &previous) == 0, !Self.isIgnored(previous) else { continue }
                var action = sigaction()
                action.__sigaction_handler.sa_handler = forwardSignal
                sigemptyset(&action.sa_mask)
                action.sa_flags = SA_RESTART
                _ = sigaction(signal, &action, nil)
                sigaddset(&unblock, signal)
            }
            // A C library may end the process with exit(3) on an error it cannot return (Graphviz
            // does on a failed write, e.g. a full disk): clean up then too.
            atexit {
                let removed = TemporaryFiles.shared.removeAll()
                guard removed > 0 else { return }
                let line =
                    "\n\(ProcessInfo.processInfo.processName): the run ended before it finished (a library stopped it, "
                    + "often for a failed write: is the disk full?); removed this run's unfinished files\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            // A parent may start us with these signals blocked (Foundation's Process does); the
            // clean-up is worth more than the parent's mask.
            _ = pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        }

        private static func isIgnored(_ action: sigaction) -> Bool {
            guard let handler = action.__sigaction_handler.sa_handler else { return false }
            return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
        }
    }
}

/// The write end of the pipe the handler writes to; set once, before any handler is installed.
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// The signal handler: async-signal-safe, it only writes the signal's number to the pipe.
private func forwardSignal(_ signal: Int32) {
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipe, &byte, 1)
}

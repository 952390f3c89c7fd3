// The narrative is part of a chapter's output: a run whose standard output cannot be written
// (redirected to a full disk, to /dev/full) fails with a message instead of exiting 0.

// stdio's `stdout` is a C global; reading the pointer is safe (only the process's start sets it).
#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

/// Checks that everything printed so far reached standard output.
enum StandardOutput {
    /// Flushes standard output and throws if a write to it failed; `done` says what was
    /// nevertheless completed, for the message.
    static func check(after done: String? = nil) throws {
        errno = 0
        let flushed = fflush(stdout) == 0
        guard !flushed || ferror(stdout) != 0 else { return }
        let reason = errno != 0 ? String(cString: strerror(errno)) : "a write failed"
        clearerr(stdout)
        let completed = done.map { " (\($0))" } ?? ""
        throw ChapterError(
            "cannot write to standard output: \(reason)\(completed); redirect it to a file on a disk with room, or to /dev/null"
        )
    }
}

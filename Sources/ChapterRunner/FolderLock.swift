// One run at a time per output folder: a lock file held with flock(2), which the system releases
// when the holder exits for any reason (a killed run never blocks the next one).

import Foundation
import NeuralCore

/// An exclusive lock on `<folder>/.lock`, held from a run's start to its end.
final class FolderLock {
    static let fileName = ".lock"

    private var descriptor: Int32
    /// The lock file is removed by an interrupted run's clean-up too.
    private var registration: TemporaryFiles.Token?
    let url: URL

    /// Takes the lock, or throws a line naming the process that holds it.
    init(folder: URL) throws {
        url = folder.appendingPathComponent(Self.fileName)
        descriptor = -1
        // A lock file is removed by its holder at the end; if that happened between our open and
        // our flock, the file we locked is no longer the one at the path: open it again.
        for _ in 0..<8 {
            let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                throw FileError("cannot create the lock file \(url.path): \(reason); choose a writable --out")
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let holder = Self.holder(fd)
                close(fd)
                throw ChapterError(
                    "another run\(holder.map { " (process \($0))" } ?? "") is writing into \(folder.path); "
                        + "wait for it to finish, or pass another --out")
            }
            if Self.isCurrentFile(fd, at: url.path) {
                descriptor = fd
                break
            }
            close(fd)
        }
        guard descriptor >= 0 else {
            throw ChapterError("cannot take the lock on \(folder.path): the lock file keeps changing; try again")
        }
        registration = TemporaryFiles.shared.register(url)
        // The holder's process id, for the message another run prints.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Removes the lock file and lets go of the lock (removing first, so that a run waiting to
    /// open it finds either our locked file or none).
    func release() {
        guard descriptor >= 0 else { return }
        if let registration { TemporaryFiles.shared.unregister(registration) }
        registration = nil
        unlink(url.path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// True when the file open at `fd` is still the one at `path`.
    private static func isCurrentFile(_ fd: Int32, at path: String) -> Bool {
        var opened = stat()
        var named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    /// The process id written in a held lock file, if readable.
    private static func holder(_ fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: bytes[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}

// The temporary files and folders a run is writing, listed so that an interrupted run (Ctrl-C,
// `kill`) can remove them before it exits instead of leaving half-written files behind.

import Foundation
import Synchronization

/// A registry of paths that must not outlive the process: temporary files of atomic writes and
/// a chapter's staging folder. One lock guards it; once `removeAllAndExit` holds that lock it
/// never lets go, so no new temporary file can appear between the clean-up and the exit.
/// `shared` is the process's registry; tests make their own.
public final class TemporaryFiles: Sendable {
    /// The registry `AtomicFile` and the chapters register with, and the signal handlers empty.
    public static let shared = TemporaryFiles()

    public init() {}

    /// A registered path; pass it back to `unregister` or `commit`.
    public struct Token: Hashable, Sendable {
        fileprivate let id: Int
    }

    private struct Registry {
        var paths: [Int: String] = [:]
        var nextID = 0
    }

    private let registry = Mutex(Registry())

    /// Lists `url` for removal should the run be interrupted. Register a path before creating it.
    public func register(_ url: URL) -> Token {
        registry.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.paths[id] = url.path
            return Token(id: id)
        }
    }

    /// Forgets a path that was renamed into place or removed.
    public func unregister(_ token: Token) {
        _ = registry.withLock { state in state.paths.removeValue(forKey: token.id) }
    }

    /// Runs `body` (which moves the registered path's contents into place) with the registry
    /// locked, then forgets the path: an interruption waits for `body` to finish, so it never
    /// removes half of a commit.
    public func commit<T>(_ token: Token, _ body: () throws -> T) rethrows -> T {
        try registry.withLock { state in
            defer { state.paths.removeValue(forKey: token.id) }
            return try body()
        }
    }

    /// The paths registered now.
    public var registered: [String] {
        registry.withLock { state in state.paths.keys.sorted().compactMap { state.paths[$0] } }
    }

    /// Removes every registered file and folder (recursively) and forgets them; returns how many
    /// paths were removed.
    @discardableResult
    public func removeAll() -> Int {
        registry.withLock { state in
            let removed = remove(Array(state.paths.values))
            state.paths.removeAll()
            return removed
        }
    }

    /// Removes every registered path and ends the process with `status`, holding the lock to the
    /// end so that no other thread can register (and create) another temporary file meanwhile.
    /// `message`, if any, goes to standard error after the clean-up.
    public func removeAllAndExit(status: Int32, message: ((Int) -> String)? = nil) -> Never {
        registry.withLock { state -> Never in
            let removed = remove(Array(state.paths.values))
            if let message {
                FileHandle.standardError.write(Data((message(removed) + "\n").utf8))
            }
            _exit(status)
        }
    }

    /// Removes each path that exists; longest paths first, so files go before their folders.
    private func remove(_ paths: [String]) -> Int {
        var removed = 0
        for path in paths.sorted(by: { $0.count > $1.count }) where FileManager.default.fileExists(atPath: path) {
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed += 1 }
        }
        return removed
    }
}

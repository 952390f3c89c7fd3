// The learner's progress, kept in `Chapters/.workbook-progress.json` of their checkout: which
// exercises pass, how many hints they have seen, whether they looked at a solution. Small, plain
// JSON, safe to commit if they want it on another machine; `reset` clears an exercise's entry.

import Foundation

struct Progress: Codable, Sendable {
    struct Entry: Codable, Sendable {
        var done: Bool = false
        var attempts: Int = 0
        var hintsSeen: Int = 0
        var solutionSeen: Bool = false
        var passedAt: String? = nil
        /// A fingerprint of the file when it passed, to tell when it changed since.
        var fileHash: String? = nil
    }

    var version = 1
    var exercises: [String: Entry] = [:]

    static func url(root: URL) -> URL { root.appendingPathComponent("Chapters/.workbook-progress.json") }

    static func load(root: URL) -> Progress {
        guard let data = try? Data(contentsOf: url(root: root)),
            let progress = try? JSONDecoder().decode(Progress.self, from: data)
        else { return Progress() }
        return progress
    }

    func save(root: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: Self.url(root: root), options: .atomic)
    }

    subscript(id: String) -> Entry {
        get { exercises[id] ?? Entry() }
        set { exercises[id] = newValue }
    }
}

/// FNV-1a of a file's bytes, as 16 hex digits: enough to notice an edit, not a security measure.
func fingerprint(of url: URL) -> String? {
    guard let data = try? Data(contentsOf: url) else { return nil }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
}

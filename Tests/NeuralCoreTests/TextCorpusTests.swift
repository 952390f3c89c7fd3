// Reading a training text: files, pipes and special files with a bound on the bytes read, the
// true reason for each path that cannot be read, and the contents that are not text.

import Foundation
import TestSupport
import Testing

@testable import NeuralCore

@Suite("Text corpus — bounded reading, pipes, and a true reason for every refused path")
struct TextCorpusTests {
    /// `bytes` written to a fresh file in a scratch folder.
    static func file(_ bytes: [UInt8], _ name: String = "text.txt") throws -> URL {
        let url = try TestPaths.scratchFolder().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func file(_ text: String, _ name: String = "text.txt") throws -> URL {
        try file(Array(text.utf8), name)
    }

    @Test("A text file is read whole when it fits the bound")
    func wholeFile() throws {
        let url = try Self.file("hello world\n")
        #expect(try TextCorpus.read(url.path, maximumBytes: 100) == .init(text: "hello world\n", truncated: false))
        #expect(try TextCorpus.read(url.path, maximumBytes: 12) == .init(text: "hello world\n", truncated: false))
    }

    @Test("A longer file is cut at the bound, back to the last whole character")
    func truncation() throws {
        let ascii = try Self.file("abcdefghij")
        #expect(try TextCorpus.read(ascii.path, maximumBytes: 4) == .init(text: "abc", truncated: true))
        // "é" is two bytes: a bound inside the second "é" backs off to its first byte.
        let accents = try Self.file("ééééé")
        #expect(try TextCorpus.read(accents.path, maximumBytes: 5).text == "é")
        // "e" + U+0301 is one character of three bytes: the "e" before the bound loses its accent
        // beyond the bound, so it is dropped rather than read as a plain "e".
        let combining = try Self.file("e\u{301}e\u{301}")
        #expect(try TextCorpus.read(combining.path, maximumBytes: 4).text == "e\u{301}")
        // A 4-byte scalar cut after its first byte.
        let emoji = try Self.file("ab😀cd")
        #expect(try TextCorpus.read(emoji.path, maximumBytes: 3).text == "a")
        // A huge single line is read up to the bound and no further.
        let line = try Self.file(String(repeating: "x", count: 300_000) + "y")
        let reading = try TextCorpus.read(line.path, maximumBytes: 10_000)
        #expect(reading.truncated && reading.text == String(repeating: "x", count: 9_999))
    }

    @Test("Empty, white-space-only, NUL, UTF-16, invalid UTF-8 and control-heavy files are refused")
    func notText() throws {
        let empty = try Self.file([UInt8]())
        #expect(throws: TextCorpusError.empty(path: empty.path)) { try TextCorpus.read(empty.path, maximumBytes: 99) }
        let blank = try Self.file("\n\n \t\r\n\n")
        #expect(throws: TextCorpusError.empty(path: blank.path)) { try TextCorpus.read(blank.path, maximumBytes: 99) }
        let nul = try Self.file([0x68, 0x00, 0x69])
        #expect(throws: TextCorpusError.binary(path: nul.path, reason: "it contains NUL bytes")) {
            try TextCorpus.read(nul.path, maximumBytes: 99)
        }
        let utf16 = try Self.file([0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00])
        #expect(throws: TextCorpusError.binary(path: utf16.path, reason: "it is UTF-16; save it as UTF-8")) {
            try TextCorpus.read(utf16.path, maximumBytes: 99)
        }
        let latin1 = try Self.file([0x63, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72])
        #expect(throws: TextCorpusError.binary(path: latin1.path, reason: "it is not valid UTF-8")) {
            try TextCorpus.read(latin1.path, maximumBytes: 99)
        }
        let escapes = try Self.file("\u{1B}[2J\u{1B}[1m\u{7}\u{7}ab")
        #expect(throws: TextCorpusError.binary(path: escapes.path, reason: "4 control characters")) {
            try TextCorpus.read(escapes.path, maximumBytes: 99)
        }
        // Cut at the bound, a text whose beginning is only white space has no text either.
        let late = try Self.file("\n\n\n\nwords")
        #expect(throws: TextCorpusError.empty(path: late.path)) { try TextCorpus.read(late.path, maximumBytes: 5) }
    }

    @Test("A UTF-8 byte-order mark is dropped and Windows line ends are read as \\n")
    func normalisation() throws {
        let windows = try Self.file([0xEF, 0xBB, 0xBF] + Array("one\r\ntwo\r\n".utf8))
        #expect(try TextCorpus.read(windows.path, maximumBytes: 99).text == "one\ntwo\n")
    }

    @Test("Missing files, dangling links, folders and sockets are refused for their true reason")
    func paths() throws {
        let folder = try TestPaths.scratchFolder()
        let missing = folder.appendingPathComponent("none.txt").path
        #expect(throws: TextCorpusError.missing(path: missing)) { try TextCorpus.read(missing, maximumBytes: 9) }
        let link = folder.appendingPathComponent("link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: missing)
        #expect(
            throws: TextCorpusError.unreadable(path: link, reason: "it is a link to \(missing), which does not exist")
        ) { try TextCorpus.read(link, maximumBytes: 9) }
        #expect(
            throws: TextCorpusError.unreadable(
                path: folder.path, reason: "it is a folder; give --text a text file inside it")
        ) { try TextCorpus.read(folder.path, maximumBytes: 9) }
        #expect(throws: TextCorpusError.missing(path: "\"\"")) { try TextCorpus.read("", maximumBytes: 9) }
        let file = folder.appendingPathComponent("notes.txt")
        try Data("notes".utf8).write(to: file)
        let through = file.appendingPathComponent("deeper/chapter.txt").path
        #expect(throws: TextCorpusError.unreadable(path: through, reason: "\(file.path) is a file, not a folder")) {
            try TextCorpus.read(through, maximumBytes: 9)
        }
        for error in [
            TextCorpusError.missing(path: missing), .unreadable(path: link, reason: "x"), .empty(path: "e"),
            .binary(path: "b", reason: "r"), .tooShort(path: "s", characters: 1, needed: 2),
            .oneSymbol(path: "o", symbol: "\"a\""),
        ] {
            #expect(!error.description.contains("\n"), "\(error) is one line")
            #expect(!error.description.contains("permission"))
        }
    }

    @Test("An error without a permission problem is never reported as one; EACCES is")
    func reasons() {
        let denied = NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))
        #expect(TextCorpus.reason(denied).hasPrefix("permission denied"))
        let wrapped = NSError(
            domain: NSCocoaErrorDomain, code: CocoaError.fileReadNoPermission.rawValue,
            userInfo: [NSUnderlyingErrorKey: denied])
        #expect(TextCorpus.reason(wrapped).hasPrefix("permission denied"))
        let device = NSError(domain: NSPOSIXErrorDomain, code: Int(ENXIO))
        #expect(!TextCorpus.reason(device).contains("permission"))
        let io = NSError(domain: NSPOSIXErrorDomain, code: Int(EIO))
        #expect(TextCorpus.reason(io) == "input/output error")
    }

    @Test("An unreadable file is refused as such", .enabled(if: getuid() != 0, "root may read any file"))
    func unreadable() throws {
        let url = try Self.file("secret text")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: url.path)
        #expect(throws: TextCorpusError.self) { try TextCorpus.read(url.path, maximumBytes: 99) }
        do {
            _ = try TextCorpus.read(url.path, maximumBytes: 99)
        } catch {
            #expect("\(error)".contains("permission denied"))
        }
    }

    @Test("A pipe (as process substitution gives: /dev/fd/N) and a FIFO are read, up to the bound")
    func pipes() throws {
        let pipe = Pipe()
        let text = String(repeating: "a line of text\n", count: 300)
        pipe.fileHandleForWriting.write(Data(text.utf8))
        try pipe.fileHandleForWriting.close()
        let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        let reading = try TextCorpus.read(path, maximumBytes: 1_000)
        #expect(reading.truncated && reading.text == String(text.prefix(999)))

        let fifo = try TestPaths.scratchFolder().appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data("through a FIFO\n".utf8))
                try? handle.close()
            }
        }
        writer.start()
        #expect(try TextCorpus.read(fifo, maximumBytes: 1_000) == .init(text: "through a FIFO\n", truncated: false))
    }

    @Test("/dev/zero and /dev/null: a bounded read, refused as NUL bytes and as empty")
    func devices() throws {
        #expect(throws: TextCorpusError.binary(path: "/dev/zero", reason: "it contains NUL bytes")) {
            try TextCorpus.read("/dev/zero", maximumBytes: 4_096)
        }
        #expect(throws: TextCorpusError.empty(path: "/dev/null")) { try TextCorpus.read("/dev/null", maximumBytes: 9) }
    }

    @Test("Too short and one-character texts are refused")
    func lengthAndSymbols() throws {
        #expect(throws: TextCorpusError.tooShort(path: "p", characters: 3, needed: 200)) {
            try TextCorpus.requireLength("abc", 200, path: "p")
        }
        #expect(throws: TextCorpusError.oneSymbol(path: "p", symbol: "\"a\"")) {
            try TextCorpus.requireLength(String(repeating: "a", count: 500), 200, path: "p")
        }
        #expect(throws: TextCorpusError.oneSymbol(path: "p", symbol: "\"␣\"")) {
            try TextCorpus.requireLength(String(repeating: " ", count: 500), 200, path: "p")
        }
        try TextCorpus.requireLength(String(repeating: "a", count: 499) + "b", 200, path: "p")
    }
}

@Suite("Vocabulary — look-ups of absent symbols, a capped vocabulary, printable names")
struct VocabularyTests {
    @Test("A symbol the text lacks has no index: index(of:) is nil, indices(of:) throws")
    func absentSymbols() throws {
        let vocabulary = Vocabulary(text: "the cat")
        #expect(vocabulary.index(of: "T") == nil)
        #expect(vocabulary.otherIndex == nil)
        #expect(throws: VocabularyError(symbol: "T", count: 6)) { try vocabulary.indices(of: "The") }
        #expect(try vocabulary.indices(of: "cat") == [2, 1, 5])
    }

    @Test("Under the cap the vocabulary is every distinct character, as Vocabulary(text:)")
    func underTheCap() {
        let text = "Привет, мир! 你好，世界。 hello"
        #expect(Vocabulary(text: text, maximumCount: 100) == Vocabulary(text: text))
        #expect(Vocabulary(text: text, maximumCount: Set(text).count) == Vocabulary(text: text))
    }

    @Test("Over the cap: the most frequent characters (ties in Unicode order) and one symbol for the rest")
    func overTheCap() throws {
        let vocabulary = Vocabulary(text: "dddcccbbaae\u{FFFD}", maximumCount: 4)
        #expect(vocabulary.symbols == ["a", "c", "d", "\u{FFFD}"])
        let other = try #require(vocabulary.otherIndex)
        #expect(vocabulary.symbols[other] == Vocabulary.otherSymbol)
        // "b" ties with "a" at two and loses to it in Unicode order; "b", "e" and the text's own
        // "�" are read as the other symbol.
        #expect(vocabulary.index(of: "b") == nil)
        #expect(try vocabulary.indices(of: "abe\u{FFFD}d") == [0, other, other, other, 2])
        #expect(
            Vocabulary(text: String(repeating: "x", count: 9) + "yz", maximumCount: 2).symbols == ["x", "\u{FFFD}"])
    }

    @Test("Printable names: space, line ends, tab, and control pictures for other control characters")
    func displayNames() {
        #expect(Vocabulary.displayName(" ") == "␣")
        #expect(Vocabulary.displayName("\n") == "↵")
        #expect(Vocabulary.displayName("\r\n") == "↵")
        #expect(Vocabulary.displayName("\t") == "⇥")
        #expect(Vocabulary.displayName("\u{1B}") == "␛")
        #expect(Vocabulary.displayName("\u{7F}") == "␡")
        #expect(Vocabulary.displayName("é") == "é")
        #expect(Vocabulary.displayName("世") == "世")
    }
}
